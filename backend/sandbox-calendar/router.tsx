import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.js';
import { ownAssetsCsp } from '../web/csp.js';
import { sendPage } from '../web/render.js';
import { siteOf } from '../web/site-of.js';
import { EmulatorClient, EmulatorRefusal, type EmulatorUser, type EventTime } from './emulator-client.js';
import { eventTarget, FormProblem, rsvpOf, slotOf, titleOf, userOf } from './forms.js';
import { gridCss } from './grid-css.js';
import { sidebarHref, weekHref } from './links.js';
import { calendarMethodOf, type Mailbox } from './mailbox.js';
import type { CalendarContext } from './pages/layout.js';
import { ProblemPage } from './pages/layout.js';
import { MailPage } from './pages/mail.js';
import { UsersPage } from './pages/users.js';
import { WeekPage } from './pages/week.js';
import { instant, isMonday, mondayOf, weekView } from './week.js';

const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));
/** The console's stylesheet, served here too: the Calendar wears the console's look (`npm run build` copies both). */
const CONSOLE_CSS = fileURLToPath(new URL('../http/console/static/console.css', import.meta.url));

/** A success message per `?done=`. */
const DONE: Record<string, string> = {
  moved: 'The event was moved.',
  deleted: 'The event was deleted.',
  answered: 'Your answer was sent to the organizer.',
  created: 'The event was added to the calendar.',
};

/** A page the Calendar could not show: its status and what to say. */
class PageProblem extends Error {
  constructor(
    readonly status: number,
    readonly problems: string[],
    readonly back?: string,
  ) {
    super(problems.join(' '));
  }
}

/** The Calendar's pages and forms at /calendar (backend/sandbox-calendar/README.md). */
export function calendarRouter(options: {
  emulatorUrl: string;
  consoleUrl: string;
  mailbox?: Mailbox | undefined;
  logger: Logger;
}): Router {
  const emulator = new EmulatorClient(options.emulatorUrl);
  const mailbox = options.mailbox;
  const ctxOf = (req: Request): CalendarContext => ({
    consoleUrl: options.consoleUrl,
    success: typeof req.query.done === 'string' ? DONE[req.query.done] : undefined,
  });
  const router = Router();
  const css = gridCss();
  const csp = ownAssetsCsp({ frameSrc: "'self'" });
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.get('/assets/console.css', (_req, res) => res.sendFile(CONSOLE_CSS));
  router.get('/assets/chip-places.css', (_req, res) => res.type('css').send(css));
  router.use('/assets', express.static(STATIC_DIR, { index: false, fallthrough: false }));

  const userNamed = async (email: unknown): Promise<EmulatorUser> => {
    const user = typeof email === 'string' && email ? await emulator.user(email) : undefined;
    if (!user) throw new PageProblem(404, ['There is no demo user with that email. Choose one from the list.']);
    return user;
  };
  /** How many mails the header's Mail link counts; none (no link) without a mailbox, or when it cannot be read: the week shows anyway. */
  const mailCountOf = async (email: string): Promise<number | undefined> =>
    mailbox?.mailTo(email).then(
      (mails) => mails.length,
      (error: unknown) => {
        options.logger.warn({ err: error }, 'sandbox calendar could not count the mail');
        return undefined;
      },
    );

  router.get(
    '/',
    page(async (req, res) => sendPage(res, <UsersPage ctx={ctxOf(req)} users={await emulator.users()} />)),
  );
  router.get(
    '/week',
    page(async (req, res) => {
      const user = await userNamed(req.query.user);
      const now = await emulator.now();
      const week = typeof req.query.week === 'string' ? req.query.week : mondayOf(now, user.timeZone);
      if (!isMonday(week))
        throw new PageProblem(
          400,
          ['Open a week by the date of its Monday, like 2026-12-07.'],
          weekHref(user.email, mondayOf(now, user.timeZone)),
        );
      const eventId = typeof req.query.event === 'string' ? req.query.event : undefined;
      const [events, mailCount] = await Promise.all([emulator.events(user.email), mailCountOf(user.email)]);
      const selected = events.find((event) => event.id === eventId && event.status !== 'cancelled');
      const view = weekView({ monday: week, zone: user.timeZone, now, calendarId: user.email, events });
      const sidebarUrl = sidebarHref(user.email, selected && { calendarId: user.email, eventId: selected.id });
      sendPage(
        res,
        <WeekPage ctx={ctxOf(req)} user={user} week={view} selected={selected} sidebarUrl={sidebarUrl} mailCount={mailCount} />,
      );
    }),
  );
  // The mail Together sent the user (captured: the sandbox sends none), and each invitation's iCalendar part.
  const mailboxOf = (): Mailbox => {
    if (!mailbox) throw new PageProblem(404, ['This Sandbox Calendar has no mailbox.']);
    return mailbox;
  };
  router.get(
    '/mail',
    page(async (req, res) => {
      const box = mailboxOf();
      const user = await userNamed(req.query.user);
      sendPage(res, <MailPage ctx={ctxOf(req)} user={user} mails={await box.mailTo(user.email)} />);
    }),
  );
  router.get(
    '/mail/invite.ics',
    page(async (req, res) => {
      const box = mailboxOf();
      const user = await userNamed(req.query.user);
      const mail = typeof req.query.id === 'string' && req.query.id ? await box.message(user.email, req.query.id) : null;
      const method = mail ? calendarMethodOf(mail) : undefined;
      if (!mail?.calendar || !method)
        throw new PageProblem(
          404,
          [`${user.email} has no mail with that invitation. Open their mail and download it from there.`],
          weekHref(user.email),
        );
      res.setHeader('Content-Disposition', 'attachment; filename="invite.ics"');
      // A Buffer, so Express sends the type exactly as set (it would rewrite a string's charset parameter).
      res.type(`text/calendar; method=${method}; charset=utf-8`).send(Buffer.from(mail.calendar, 'utf8'));
    }),
  );

  // Forms act as the user in their calendar: only this site's own pages may send them (CSRF), checked before any body is read.
  router.post('/*path', (req, _res, next) => {
    next(
      siteOf(req) === 'same-origin'
        ? undefined
        : new PageProblem(403, ['This form did not come from a page of this site, so nothing was done. Reload the page and try again.']),
    );
  });
  router.use(express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 20, inflate: false }));
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
  /** After a form: back to the week of `date` (the event's new week), the event opened if it still exists. */
  const back = (res: Response, user: EmulatorUser, date: string, done: string, eventId?: string) =>
    res.redirect(303, `${weekHref(user.email, mondayOf(new Date(`${date}T12:00:00Z`), 'UTC'), eventId)}&done=${done}`);
  const eventOf = async (user: EmulatorUser, eventId: string) => {
    const event = await emulator.event(user.email, eventId);
    if (!event || event.status === 'cancelled')
      throw new PageProblem(
        404,
        ['That event is not in the calendar any more.'],
        weekHref(user.email, mondayOf(await emulator.now(), user.timeZone)),
      );
    return event;
  };
  const eventDate = (time: EventTime, zone: string) => time.date ?? instant(time, zone).toISODate()!;

  router.post(
    '/events/move',
    page(async (req, res) => {
      const target = eventTarget(body(req));
      const user = await userNamed(target.user);
      const slot = slotOf(body(req), user.timeZone);
      await eventOf(user, target.eventId);
      await emulator.move(user.email, target.eventId, slot);
      back(res, user, slot.date, 'moved', target.eventId);
    }),
  );
  router.post(
    '/events/delete',
    page(async (req, res) => {
      const target = eventTarget(body(req));
      const user = await userNamed(target.user);
      const event = await eventOf(user, target.eventId);
      await emulator.delete(user.email, target.eventId);
      back(res, user, eventDate(event.start, user.timeZone), 'deleted');
    }),
  );
  router.post(
    '/events/respond',
    page(async (req, res) => {
      const target = eventTarget(body(req));
      const answer = rsvpOf(body(req));
      const user = await userNamed(target.user);
      const event = await eventOf(user, target.eventId);
      await emulator.respond(user.email, target.eventId, answer);
      back(res, user, eventDate(event.start, user.timeZone), 'answered', target.eventId);
    }),
  );
  router.post(
    '/events',
    page(async (req, res) => {
      const user = await userNamed(userOf(body(req)));
      const problems: string[] = [];
      const title = attempt(() => titleOf(body(req)), problems);
      const slot = attempt(() => slotOf(body(req), user.timeZone), problems);
      if (!title || !slot) throw new FormProblem(problems);
      const event = await emulator.create(user.email, { summary: title, start: slot.start, end: slot.end });
      back(res, user, slot.date, 'created', event.id);
    }),
  );
  router.use((_req, _res, next) => next(new PageProblem(404, ['There is no such page of the Sandbox Calendar.'])));
  router.use(problemPages(ctxOf, options.logger));
  return router;
}

/** A handler whose failures go to the problem pages. */
const page =
  (handler: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req, res, next) =>
    handler(req, res).catch(next);

function attempt<T>(read: () => T, problems: string[]): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof FormProblem)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

/** Every failure is a page: a form problem 400, a refusal of the emulator in its words, anything else a 502 saying the emulator failed. */
function problemPages(ctxOf: (req: Request) => CalendarContext, logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const back = typeof req.body?.user === 'string' ? `/calendar/week?user=${encodeURIComponent(req.body.user)}` : undefined;
    const [status, problems, to] =
      error instanceof PageProblem
        ? [error.status, error.problems, error.back]
        : error instanceof FormProblem
          ? [400, error.problems, back]
          : error instanceof EmulatorRefusal && error.status < 500
            ? [409, [`Google Calendar refused: ${error.message}`], back]
            : (error as { status?: number }).status === 413 || (error as { type?: string }).type?.startsWith('entity.')
              ? [400, ['The form could not be read.'], back]
              : [502, ['The emulator did not answer. Check that the sandbox is still running, then try again.'], back];
    if (status >= 500) logger.error({ err: error }, 'sandbox calendar page failed');
    sendPage(res, <ProblemPage ctx={ctxOf(req)} status={status} problems={problems} back={to} />, status);
  };
}
