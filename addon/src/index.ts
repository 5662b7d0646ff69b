/**
 * The add-on's Apps Script entry points: every export becomes a global function of the bundle
 * (addon/build.ts checks that), named by appsscript.json or by a card button (action-names.ts).
 * Nothing else lives here.
 */
import { BackendClient, urlFetchPort } from './backend-api.js';
import type { AddonDeps } from './actions/context.js';
import { runAction, runHelp, runTrigger } from './dispatch.js';
import type { AddonSettings } from './settings.js';

/** Replaced at build time with the settings object (addon/build.ts). */
declare const TOGETHER_ADDON_SETTINGS: AddonSettings;

function addonDeps(): AddonDeps {
  return { settings: TOGETHER_ADDON_SETTINGS, backend: new BackendClient(TOGETHER_ADDON_SETTINGS.backendUrl, urlFetchPort) };
}

/** Manifest `homepageTrigger`. */
export function onHomepage(event: unknown) {
  return runTrigger('onHomepage', event, addonDeps());
}
/** Manifest `calendar.eventOpenTrigger`. */
export function onEventOpen(event: unknown) {
  return runTrigger('onEventOpen', event, addonDeps());
}
/** Manifest universal action "Help". */
export function onHelp() {
  return runHelp(addonDeps());
}

// Card buttons (action-names.ts): each runs its handler from dispatch.ts's action table.
export function onShowHome(event: unknown) {
  return runAction('onShowHome', event, addonDeps());
}
export function onReloadHome(event: unknown) {
  return runAction('onReloadHome', event, addonDeps());
}
export function onReloadEvent(event: unknown) {
  return runAction('onReloadEvent', event, addonDeps());
}
export function onShowSession(event: unknown) {
  return runAction('onShowSession', event, addonDeps());
}
export function onReloadSession(event: unknown) {
  return runAction('onReloadSession', event, addonDeps());
}
export function onShowRescheduleSlots(event: unknown) {
  return runAction('onShowRescheduleSlots', event, addonDeps());
}
export function onReviewReschedule(event: unknown) {
  return runAction('onReviewReschedule', event, addonDeps());
}
export function onConfirmReschedule(event: unknown) {
  return runAction('onConfirmReschedule', event, addonDeps());
}
export function onReviewCancel(event: unknown) {
  return runAction('onReviewCancel', event, addonDeps());
}
export function onConfirmCancel(event: unknown) {
  return runAction('onConfirmCancel', event, addonDeps());
}
export function onChooseBookingDuration(event: unknown) {
  return runAction('onChooseBookingDuration', event, addonDeps());
}
export function onShowBookingSlots(event: unknown) {
  return runAction('onShowBookingSlots', event, addonDeps());
}
export function onReviewBooking(event: unknown) {
  return runAction('onReviewBooking', event, addonDeps());
}
export function onConfirmBooking(event: unknown) {
  return runAction('onConfirmBooking', event, addonDeps());
}
export function onConnectCalendar(event: unknown) {
  return runAction('onConnectCalendar', event, addonDeps());
}
export function onDisconnectCalendar(event: unknown) {
  return runAction('onDisconnectCalendar', event, addonDeps());
}
