/**
 * Card navigation as Google documents it (https://developers.google.com/workspace/add-ons/how-tos/navigation):
 * two stacks per user, the homepage's (non-contextual) and the open event's (contextual); the sidebar
 * shows the top card of the active one. An action's Navigation steps run in the order they were
 * added and touch only the stack the action came from; nothing pops a stack's root card. Pure: the
 * preview's sessions (session.ts) hold the state, this computes the next one.
 */
import type { Recorded } from './card-service.js';

/** Which stack a card is on. */
export type StackName = 'home' | 'event';

/** A card on a stack; `id` is opaque and new for every card put on a stack (a posted form names it). */
export interface StackEntry {
  readonly id: string;
  readonly card: Recorded;
}

/** What an action's response asks the sidebar to do besides navigating. */
export interface ResponseEffects {
  /** Shown as a toast (Notification: text only). */
  readonly notification?: string;
  /**
   * `setOpenLink`: a link the host opens, in a new tab (FULL_SIZE) or an overlay (OVERLAY); with
   * `OnClose.RELOAD` the add-on is reloaded (its trigger runs again) once that window is closed.
   */
  readonly openLink?: OpenLink;
  /** `setStateChanged(true)`: the add-on changed data others show (the Calendar page refreshes its grid). */
  readonly stateChanged: boolean;
  /** What the sidebar could not do (an unknown step, a popToNamedCard naming no card): shown and reported, never ignored. */
  readonly problems: readonly string[];
}

export interface OpenLink {
  readonly url: string;
  readonly openAs: 'FULL_SIZE' | 'OVERLAY';
  readonly reloadOnClose: boolean;
}

export interface Navigated extends ResponseEffects {
  readonly stack: readonly StackEntry[];
}

const isCard = (value: unknown): value is Recorded => typeof value === 'object' && value !== null && (value as Recorded).kind === 'Card';

/** Applies one Navigation step to `stack`; `make` puts a card on a stack (a fresh id). */
function applyStep(
  stack: StackEntry[],
  step: Record<string, unknown>,
  make: (card: Recorded) => StackEntry,
  problems: string[],
): StackEntry[] {
  const [name, value] = Object.entries(step)[0] ?? ['(empty)', undefined];
  switch (name) {
    case 'pushCard':
      if (!isCard(value)) break;
      return [...stack, make(value)];
    case 'updateCard':
      if (!isCard(value)) break;
      // In place, with no history: the top card is replaced.
      return [...stack.slice(0, -1), make(value)];
    case 'popCard':
      return stack.length > 1 ? stack.slice(0, -1) : stack;
    case 'popToRoot':
      return stack.slice(0, 1);
    case 'popToNamedCard': {
      const index = stack.map((entry) => entry.card.name).lastIndexOf(value);
      if (index >= 0) return stack.slice(0, index + 1);
      problems.push(`popToNamedCard("${String(value)}"): no card of that name on the stack`);
      return stack;
    }
  }
  problems.push(
    `Not supported in the sandbox: navigation step ${name}${isCard(value) || value === true ? '' : ` (${JSON.stringify(value)})`}`,
  );
  return stack;
}

/** An ActionResponse (or a UniversalActionResponse) applied to the stack its action came from. */
export function applyResponse(stack: readonly StackEntry[], response: unknown, make: (card: Recorded) => StackEntry): Navigated {
  const problems: string[] = [];
  if (typeof response !== 'object' || response === null || !('kind' in response)) {
    return { stack, stateChanged: false, problems: [`The action returned ${JSON.stringify(response)}, not an ActionResponse`] };
  }
  const record = response as Recorded;
  let next = [...stack];
  if (record.kind === 'ActionResponse') {
    const steps = ((record.navigation as Recorded | undefined)?.operations ?? []) as Array<Record<string, unknown>>;
    for (const step of steps) next = applyStep(next, step, make, problems);
  } else if (record.kind === 'UniversalActionResponse') {
    // displayAddOnCards: the cards are shown on top of the current one (the back arrow returns).
    for (const step of (record.operations ?? []) as Array<Record<string, unknown>>) {
      const cards = step.displayAddOnCards;
      if (Array.isArray(cards) && cards.every(isCard)) next = [...next, ...cards.map(make)];
      else problems.push(`Not supported in the sandbox: ${Object.keys(step).join(', ')} in a UniversalActionResponse`);
    }
  } else {
    return { stack, stateChanged: false, problems: [`An action must return an ActionResponse; it returned a ${record.kind}`] };
  }
  const known = ['kind', 'navigation', 'notification', 'openLink', 'stateChanged', 'operations'];
  for (const key of Object.keys(record)) if (!known.includes(key)) problems.push(`Not supported in the sandbox: ${record.kind}.${key}`);
  const link = record.openLink as Recorded | undefined;
  const notification = (record.notification as Recorded | undefined)?.text;
  return {
    stack: next,
    notification: typeof notification === 'string' ? notification : undefined,
    openLink:
      typeof link?.url === 'string'
        ? {
            url: link.url,
            openAs: link.openAs === 'OpenAs.OVERLAY' ? 'OVERLAY' : 'FULL_SIZE',
            reloadOnClose: link.onClose === 'OnClose.RELOAD',
          }
        : undefined,
    stateChanged: record.stateChanged === true,
    problems,
  };
}

/** The back arrow: one card down, never below the root. */
export const back = (stack: readonly StackEntry[]): readonly StackEntry[] => (stack.length > 1 ? stack.slice(0, -1) : stack);

/** Whether the card shows a back arrow: the stack holds more than it. */
export const hasBack = (stack: readonly StackEntry[]): boolean => stack.length > 1;
