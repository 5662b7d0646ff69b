import express, { Router } from 'express';
import { z } from 'zod';
import {
  completeConnection,
  describeConnectLink,
  startConnection,
  type ConnectOutcome,
} from '../../domain/connections/connect-calendar.js';
import type { ConnectionsDeps } from '../../domain/connections/deps.js';
import type { DomainDeps } from '../../domain/deps.js';
import { AppError } from '../../domain/errors.js';
import { sendCallbackPage, type CallbackPage } from '../oauth/callback-page.js';
import { siteOf } from '../same-origin.js';

/** Where Google sends the browser back after a person's consent: PUBLIC_URL + this is the redirect URI. */
export const CONNECT_CALLBACK_PATH = '/connect/callback';

const CAPTION = 'Connect your Google Calendar';

const linkQuery = z.object({ link: z.string().min(1).max(128) });
const callbackQuery = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(512).optional(),
});
const startForm = z.object({ link: z.string().min(1).max(128) });
const readForm = express.urlencoded({ extended: false, limit: '1kb', parameterLimit: 2, inflate: false });

/**
 * The per-user method's pages, outside the token-protected APIs (the link's or Google's secret
 * authenticates each): `GET /connect?link=…` asks the person to continue (a link opened by a mail
 * scanner uses nothing), `POST /connect/start` uses the link once and sends the browser to Google's
 * consent, `GET /connect/callback` finishes. Small pages, no script, plain words.
 */
export function connectRouter(deps: DomainDeps & ConnectionsDeps, options: { signInOrigin: string }): Router {
  const router = Router();
  // The add-on opens these pages with OnClose.RELOAD, and Calendar watches the window to reload the
  // add-on when it closes. helmet's COOP `same-origin` would sever that window from Calendar (its
  // `closed` then reads true at once, and the add-on reloads before the person has connected).
  router.use((_req, res, next) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
    next();
  });
  router.get('/', async (req, res) => {
    const query = linkQuery.safeParse(req.query);
    if (!query.success) return sendCallbackPage(res, linkRefusedPage('This address is not a whole connect link.'));
    try {
      const person = await describeConnectLink(deps, query.data.link);
      sendCallbackPage(
        res,
        {
          status: 200,
          caption: CAPTION,
          title: 'Connect your Google Calendar',
          heading: 'Connect your Google Calendar to Together',
          paragraphs: [
            `This link is for ${person.displayName} (${person.email}).`,
            'Google will ask you to choose your account and to allow Together to see and edit your calendars: Together shows your free time to your mentoring match, and puts the sessions you book in your calendar. Together keeps only the sessions it makes.',
            'The link works once. If you close Google’s page without finishing, get a new link from Together in the Google Calendar sidebar.',
          ],
          form: {
            action: '/connect/start',
            hidden: { link: query.data.link },
            buttons: [{ name: 'go', value: '1', label: 'Continue to Google' }],
          },
        },
        // Continue's answer redirects to Google's consent page.
        { formRedirectOrigin: options.signInOrigin },
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'connect_link_invalid') return sendCallbackPage(res, linkRefusedPage(error.message));
      throw error;
    }
  });

  router.post('/start', (req, res) => {
    if (siteOf(req) === 'cross-site')
      return sendCallbackPage(res, linkRefusedPage('This request did not come from Together’s own page.', 403));
    if (!req.is('application/x-www-form-urlencoded'))
      return sendCallbackPage(res, linkRefusedPage('This request is not the connect page’s form.', 400));
    readForm(req, res, async (parseError?: unknown) => {
      const form = parseError === undefined ? startForm.safeParse(req.body) : undefined;
      if (!form?.success) return sendCallbackPage(res, linkRefusedPage('This request is not the connect page’s form.', 400));
      try {
        const { authorizationUrl } = await startConnection(deps, { secret: form.data.link });
        res.redirect(303, authorizationUrl);
      } catch (error) {
        if (
          error instanceof AppError &&
          (error.code === 'connect_link_invalid' || error.code === 'not_per_user' || error.code === 'token_keys_missing')
        ) {
          return sendCallbackPage(res, linkRefusedPage(error.message));
        }
        req.log.error({ err: error }, 'starting a calendar connection failed');
        sendCallbackPage(res, problemPage());
      }
    });
  });

  router.get('/callback', async (req, res) => {
    const query = callbackQuery.safeParse(req.query);
    if (!query.success) return sendCallbackPage(res, linkRefusedPage('Google’s answer could not be read.', 400));
    try {
      sendCallbackPage(res, outcomePage(await completeConnection(deps, query.data), query.data));
    } catch (error) {
      req.log.error({ err: error }, 'calendar connection callback failed');
      sendCallbackPage(res, problemPage());
    }
  });
  return router;
}

function outcomePage(outcome: ConnectOutcome, query: { state?: string | undefined; code?: string | undefined }): CallbackPage {
  if (outcome.kind === 'connected') {
    return {
      status: 200,
      caption: CAPTION,
      title: 'Connected',
      heading: 'Connected: you can close this tab',
      paragraphs: [
        `Together can now use the Google Calendar of ${outcome.email}. Back in Google Calendar, Together’s sidebar shows your sessions.`,
        'To disconnect later, choose Disconnect in Together’s sidebar, or remove Together in your Google Account › Security › Third-party apps.',
      ],
    };
  }
  if (outcome.kind === 'retry') {
    return {
      status: 503,
      caption: CAPTION,
      title: 'Google did not answer',
      heading: 'Google did not answer',
      paragraphs: [outcome.message],
      form: {
        action: '/connect/callback',
        method: 'get',
        hidden: { state: query.state ?? '', code: query.code ?? '' },
        buttons: [{ name: 'retry', value: '1', label: 'Try again' }],
      },
    };
  }
  const heading: Record<typeof outcome.code, string> = {
    link_invalid: 'This link cannot be used',
    consent_declined: 'Nothing was connected',
    wrong_account: 'That is another Google account',
    calendar_scope_missing: 'Together needs your calendar',
    code_refused: 'Google did not finish the connection',
    not_per_user: 'Your organization does not connect calendars this way',
    token_keys_missing: 'Together cannot store connections yet',
  };
  return {
    status: outcome.code === 'consent_declined' ? 200 : outcome.code === 'link_invalid' ? 410 : 403,
    caption: CAPTION,
    title: heading[outcome.code],
    heading: heading[outcome.code],
    paragraphs: [
      outcome.message,
      'Nothing was saved. To try again, open Together in the Google Calendar sidebar and choose Connect your Google Calendar.',
    ],
  };
}

function linkRefusedPage(message: string, status = 410): CallbackPage {
  return {
    status,
    caption: CAPTION,
    title: 'This link cannot be used',
    heading: 'This link cannot be used',
    paragraphs: [
      message,
      'Nothing was saved. Get a new link: open Together in the Google Calendar sidebar and choose Connect your Google Calendar.',
    ],
  };
}

function problemPage(): CallbackPage {
  return {
    status: 500,
    caption: CAPTION,
    title: 'Something went wrong',
    heading: 'Something went wrong',
    paragraphs: ['Together could not finish. Nothing was saved. Try again from the Google Calendar sidebar in a few minutes.'],
  };
}
