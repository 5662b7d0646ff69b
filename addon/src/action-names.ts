/**
 * Every Apps Script function a card button can call. Each is an export of index.ts (and so a global
 * of the bundle); the build and the bundle contract test check that.
 */
export const ACTION_NAMES = [
  'onShowHome',
  'onReloadHome',
  'onReloadEvent',
  'onShowSession',
  'onReloadSession',
  'onShowRescheduleSlots',
  'onReviewReschedule',
  'onConfirmReschedule',
  'onReviewCancel',
  'onConfirmCancel',
  'onChooseBookingDuration',
  'onShowBookingSlots',
  'onReviewBooking',
  'onConfirmBooking',
  'onConnectCalendar',
  'onDisconnectCalendar',
] as const;

export type ActionName = (typeof ACTION_NAMES)[number];

/** A button's target: one of the actions above and its string parameters. */
export interface ActionCall {
  readonly functionName: ActionName;
  readonly parameters: Readonly<Record<string, string>>;
}
