/**
 * The preview's sessions: per user, the two card stacks (navigation.ts), what the shown card's
 * buttons do and how its fields read back (from its last rendering), and the one-shot effects of
 * the last action (toast, open link, problems). In memory: a sandbox for one person on one machine.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { Recorded } from './card-service.js';
import { eventObject, formInputsOf, offsetMinutes, type OpenEvent } from './event-objects.js';
import { applyResponse, back, hasBack, type OpenLink, type StackEntry, type StackName } from './navigation.js';
import type { CardAction, FieldKind } from './render-context.js';
import type { AddonRuntime } from './runtime.js';
import { renderSidebar, type RenderedSidebar } from './sidebar-page.js';

interface UserSession {
  home: StackEntry[];
  event: StackEntry[];
  active: StackName;
  calendar?: OpenEvent;
  /** The user's Calendar zone, as of the last execution. */
  timeZone: string;
  /** The failed trigger or action shown with (or instead of) the card. */
  error?: string;
  /** Until the next rendering. */
  flash: { notification?: string; openLink?: OpenLink; problems: string[]; changed: boolean };
  /** From the last rendering of the top card: what its form may post. */
  rendered?: { entryId: string; actions: CardAction[]; fields: Record<string, { kind: FieldKind; zoneOffsetMinutes?: number }> };
}

/** A posted card form. */
export interface PostedAction {
  readonly stack: string;
  readonly card: string;
  readonly action?: string;
  readonly universal?: string;
  readonly body: Readonly<Record<string, string | string[] | undefined>>;
}

const entry = (card: Recorded): StackEntry => ({ id: randomUUID(), card });
const noFlash = () => ({ problems: [], changed: false });

export class AddonPreview {
  private readonly sessions = new Map<string, UserSession>();

  constructor(
    private readonly runtime: AddonRuntime,
    private readonly logger: Logger,
    /** The clock for the user's zone offset (tests pin it). */
    private readonly now: () => number = Date.now,
  ) {}

  private session(user: string): UserSession {
    let session = this.sessions.get(user);
    if (!session) this.sessions.set(user, (session = { home: [], event: [], active: 'home', timeZone: 'UTC', flash: noFlash() }));
    return session;
  }

  /** The add-on opened: homepageTrigger builds the root card of the homepage stack; the open event's stack is left. */
  async openHome(user: string): Promise<void> {
    const session = this.session(user);
    const manifest = this.runtime.manifest.addOns;
    const trigger = manifest.calendar.homepageTrigger?.runFunction ?? manifest.common.homepageTrigger.runFunction;
    const card = await this.trigger(user, trigger, undefined);
    Object.assign(session, { active: 'home', event: [], calendar: undefined, home: card ? [entry(card)] : [] });
  }

  /** An event opened: eventOpenTrigger builds the root of a new contextual stack. */
  async openEvent(user: string, calendar: OpenEvent): Promise<void> {
    const session = this.session(user);
    const card = await this.trigger(user, this.runtime.manifest.addOns.calendar.eventOpenTrigger.runFunction, calendar);
    Object.assign(session, { active: 'event', calendar, event: card ? [entry(card)] : [] });
  }

  private async trigger(user: string, functionName: string, calendar: OpenEvent | undefined): Promise<Recorded | undefined> {
    const session = this.session(user);
    session.timeZone = await this.runtime.timeZoneOf(user);
    const execution = await this.runtime.execute(
      user,
      functionName,
      eventObject({ timeZone: session.timeZone, now: this.now(), calendar }),
    );
    session.flash = noFlash();
    session.error = undefined;
    if (!execution.ok) session.error = execution.error;
    else if ((execution.result as Recorded | null)?.kind === 'Card') return execution.result as Recorded;
    else
      session.error = `${functionName} returned ${JSON.stringify(execution.result)?.slice(0, 200)}, not one Card (Not supported in the sandbox: a list of cards)`;
    this.logger.warn({ user, functionName, error: session.error }, 'add-on preview: trigger failed');
    return undefined;
  }

  /** A button of the shown card (or a menu item): its action runs with the card's form inputs; the response navigates its stack. */
  async act(user: string, posted: PostedAction): Promise<void> {
    const session = this.session(user);
    const stack = session[session.active];
    const top = stack[stack.length - 1];
    session.flash = { ...noFlash(), changed: true };
    if (posted.stack !== session.active || !top || posted.card !== top.id || session.rendered?.entryId !== top.id) {
      session.flash.problems.push('That card is no longer shown (another tab?): this is the current one. Nothing was run.');
      return;
    }
    const universal = this.runtime.manifest.addOns.common.universalActions[Number(posted.universal)];
    const action: CardAction | undefined =
      posted.universal !== undefined
        ? universal?.runFunction === undefined
          ? undefined
          : { functionName: universal.runFunction, parameters: {} }
        : session.rendered.actions[Number(posted.action)];
    if (!action) {
      session.flash.problems.push('That button is not on the shown card. Nothing was run.');
      return;
    }
    session.timeZone = await this.runtime.timeZoneOf(user);
    const event = eventObject({
      timeZone: session.timeZone,
      now: this.now(),
      calendar: session.active === 'event' ? session.calendar : undefined,
      parameters: action.parameters,
      formInputs: formInputsOf(posted.body, session.rendered.fields),
    });
    const execution = await this.runtime.execute(user, action.functionName, event);
    session.error = undefined;
    if (!execution.ok) {
      session.error = execution.error;
      this.logger.warn({ user, functionName: action.functionName, error: execution.error }, 'add-on preview: action failed');
      return;
    }
    const navigated = applyResponse(stack, execution.result, entry);
    session[session.active] = [...navigated.stack];
    session.flash = {
      notification: navigated.notification,
      openLink: navigated.openLink,
      problems: [...navigated.problems],
      changed: true,
    };
    if (navigated.problems.length) this.logger.warn({ user, problems: navigated.problems }, 'add-on preview: response not fully shown');
  }

  /** The back arrow of the active stack. */
  back(user: string, stack: string): void {
    const session = this.session(user);
    if (stack === session.active) session[session.active] = [...back(session[session.active])];
    session.error = undefined;
    session.flash = { ...noFlash(), changed: true };
  }

  /** The sidebar as it stands; remembers what the card's form may post. */
  render(user: string, base: string): RenderedSidebar {
    const session = this.session(user);
    const stack = session[session.active];
    const top = stack[stack.length - 1];
    const { manifest } = this.runtime;
    const rendered = renderSidebar({
      base,
      user,
      addonName: manifest.addOns.common.name,
      stack: session.active,
      shown: top,
      error: session.error,
      hasBack: hasBack(stack),
      universalActions: manifest.addOns.common.universalActions.map((item) => ({ label: item.label, url: item.openLink })),
      linkPrefixes: manifest.addOns.common.openLinkUrlPrefixes,
      userOffsetMinutes: offsetMinutes(session.timeZone, this.now()),
      reloadUrl: reloadUrlOf(base, user, session),
      ...session.flash,
    });
    session.rendered = top && { entryId: top.id, actions: rendered.ctx.actions, fields: rendered.ctx.fields };
    session.flash = noFlash();
    if (rendered.ctx.unsupported.length)
      this.logger.warn({ user, unsupported: rendered.ctx.unsupported }, 'add-on preview: not supported in the sandbox');
    return rendered;
  }
}

/** Where "reload the add-on" goes: the active stack's trigger again (the homepage, or the open event). */
function reloadUrlOf(base: string, user: string, session: UserSession): string {
  if (session.active === 'event' && session.calendar) {
    const { calendarId, id } = session.calendar;
    return `${base}/event?${new URLSearchParams({ user, calendarId, eventId: id })}`;
  }
  return `${base}/home?${new URLSearchParams({ user })}`;
}
