import type { ActionCall, ActionName } from './action-names.js';
import { chooseBookingDuration, confirmBooking, reviewBooking, showBookingSlots } from './actions/book.js';
import { contextOf, type ActionContext, type AddonDeps, type Step } from './actions/context.js';
import { confirmCancel, confirmReschedule, reviewCancel, reviewReschedule, showRescheduleSlots } from './actions/change-session.js';
import { connectCalendar, disconnectCalendar, homeCard, reloadHome, showHome } from './actions/home.js';
import { eventCard, eventRetry, reloadEvent, reloadSession, showSession } from './actions/session.js';
import { buildHelpCard } from './cards/help.js';
import { buildProblemCard } from './cards/problem.js';
import { HOME_CARD_NAME, SESSION_CARD_NAME } from './cards/widgets.js';
import { readEvent } from './event.js';
import { AddonProblem } from './problems.js';

/** Every card action and its handler; `failure: 'replace'` when the action redraws the current card. */
const ACTIONS: Readonly<Record<ActionName, { run: (context: ActionContext) => Step; failure: 'next' | 'replace' }>> = {
  onShowHome: { run: showHome, failure: 'next' },
  onReloadHome: { run: reloadHome, failure: 'replace' },
  onReloadEvent: { run: reloadEvent, failure: 'replace' },
  onShowSession: { run: showSession, failure: 'next' },
  onReloadSession: { run: reloadSession, failure: 'next' },
  onShowRescheduleSlots: { run: showRescheduleSlots, failure: 'next' },
  onReviewReschedule: { run: reviewReschedule, failure: 'next' },
  onConfirmReschedule: { run: confirmReschedule, failure: 'next' },
  onReviewCancel: { run: reviewCancel, failure: 'next' },
  onConfirmCancel: { run: confirmCancel, failure: 'next' },
  onChooseBookingDuration: { run: chooseBookingDuration, failure: 'next' },
  onShowBookingSlots: { run: showBookingSlots, failure: 'next' },
  onReviewBooking: { run: reviewBooking, failure: 'next' },
  onConfirmBooking: { run: confirmBooking, failure: 'next' },
  onConnectCalendar: { run: connectCalendar, failure: 'next' },
  onDisconnectCalendar: { run: disconnectCalendar, failure: 'next' },
};

/** Marks a retry from an error card, so the result replaces that card instead of stacking on it. */
const RETRY_PARAMETER = 'replacesErrorCard';

/**
 * Any failure as an AddonProblem; a bug becomes the "unexpected" card, never Google's exception page.
 * Caught, it would leave no trace: its stack goes to the project's logs (Cloud Logging).
 */
function asProblem(error: unknown): AddonProblem {
  if (error instanceof AddonProblem) return error;
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return new AddonProblem('unexpected', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

/** The homepage and event-open triggers: a card, or the error card with a retry. */
export function runTrigger(trigger: 'onHomepage' | 'onEventOpen', rawEvent: unknown, deps: AddonDeps): GoogleAppsScript.Card_Service.Card {
  const context = contextOf(readEvent(rawEvent), deps);
  try {
    return trigger === 'onHomepage' ? homeCard(context) : eventCard(context);
  } catch (error) {
    const retry: ActionCall | undefined = trigger === 'onHomepage' ? { functionName: 'onReloadHome', parameters: {} } : eventRetry(context);
    return buildProblemCard(asProblem(error), { retry, helpUrl: deps.settings.helpUrl });
  }
}

/** A card button's callback: the next card (or the error card) as an ActionResponse. */
export function runAction(name: ActionName, rawEvent: unknown, deps: AddonDeps): GoogleAppsScript.Card_Service.ActionResponse {
  const event = readEvent(rawEvent);
  const replacesErrorCard = event.parameters[RETRY_PARAMETER] === 'true';
  const handler = ACTIONS[name];
  let step: Step;
  try {
    step = handler.run(contextOf(event, deps));
  } catch (error) {
    // The error card has no input fields: what was typed (a cancel reason) travels with the retry.
    const retry = { functionName: name, parameters: { ...event.formInputs, ...event.parameters, [RETRY_PARAMETER]: 'true' } };
    step = { show: handler.failure, card: buildProblemCard(asProblem(error), { retry, helpUrl: deps.settings.helpUrl }) };
  }
  return respond(step, replacesErrorCard);
}

/** The Help universal action. */
export function runHelp(deps: AddonDeps): GoogleAppsScript.Card_Service.UniversalActionResponse {
  return CardService.newUniversalActionResponseBuilder()
    .displayAddOnCards([buildHelpCard(deps.settings.helpUrl)])
    .build();
}

function respond(step: Step, replacesErrorCard: boolean): GoogleAppsScript.Card_Service.ActionResponse {
  const navigation = CardService.newNavigation();
  const response = CardService.newActionResponseBuilder();
  switch (step.show) {
    case 'next':
      if (replacesErrorCard) navigation.popCard();
      navigation.pushCard(step.card);
      break;
    case 'replace':
      navigation.updateCard(step.card);
      break;
    case 'session':
      navigation.popToNamedCard(SESSION_CARD_NAME).updateCard(step.card);
      response.setNotification(CardService.newNotification().setText(step.notification)).setStateChanged(true);
      break;
    case 'home':
      navigation.popToNamedCard(HOME_CARD_NAME).updateCard(step.card);
      response.setNotification(CardService.newNotification().setText(step.notification)).setStateChanged(true);
      break;
    case 'link':
      // Google's page and the connect page are one flow: an overlay, and the sidebar reloads once it closes.
      return response
        .setOpenLink(
          CardService.newOpenLink().setUrl(step.url).setOpenAs(CardService.OpenAs.OVERLAY).setOnClose(CardService.OnClose.RELOAD),
        )
        .build();
  }
  return response.setNavigation(navigation).build();
}
