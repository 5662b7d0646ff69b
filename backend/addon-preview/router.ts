/**
 * The sidebar over HTTP, for the sandbox Calendar page to mount at /sidebar on its loopback server
 * and embed in an <iframe> (backend/addon-preview/README.md). Pages are rendered on the server;
 * buttons are forms posting back here, then a redirect shows the sidebar as it now stands.
 */
import express, { Router, type Request, type Response } from 'express';
import type { Logger } from '../logger.js';
import { AddonPreview } from './preview.js';
import { AddonRuntime, type RuntimeOptions } from './runtime.js';
import { SIDEBAR_CSS, SIDEBAR_JS } from './sidebar-assets.js';

// Inline style attributes carry a grid's columns and a filled button's color; images may come from anywhere (card images are URLs).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  'img-src * data:',
  "form-action 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
// Google's calendar and event ids: letters, digits and a few signs (an email is a primary calendar's id).
const GOOGLE_ID = /^[A-Za-z0-9@._\-+]{1,1024}$/;

const param = (req: Request, name: string, pattern: RegExp): string | undefined => {
  const value = req.query[name];
  return typeof value === 'string' && pattern.test(value) ? value : undefined;
};

function refuse(res: Response, status: number, message: string): void {
  res.status(status).type('text/plain').send(message);
}

export function sidebarRouter(preview: AddonPreview, logger: Logger): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.get('/assets/sidebar.css', (_req, res) => void res.type('text/css').send(SIDEBAR_CSS));
  router.get('/assets/sidebar.js', (_req, res) => void res.type('text/javascript').send(SIDEBAR_JS));
  router.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 500 }));

  const show = (req: Request, res: Response, user: string) => void res.type('html').send(preview.render(user, req.baseUrl).html);
  const userOf = (req: Request, res: Response) => {
    const user = param(req, 'user', EMAIL);
    if (!user) refuse(res, 400, 'user must be an email address');
    return user;
  };

  router.get('/home', async (req, res) => {
    const user = userOf(req, res);
    if (!user) return;
    await preview.openHome(user);
    show(req, res, user);
  });
  router.get('/event', async (req, res) => {
    const user = userOf(req, res);
    const calendarId = param(req, 'calendarId', GOOGLE_ID);
    const eventId = param(req, 'eventId', GOOGLE_ID);
    if (!user) return;
    if (!calendarId || !eventId) return refuse(res, 400, 'calendarId and eventId must be Google calendar and event ids');
    await preview.openEvent(user, { calendarId, id: eventId });
    show(req, res, user);
  });
  router.get('/show', (req, res) => {
    const user = userOf(req, res);
    if (user) show(req, res, user);
  });

  // The forms post from the sidebar itself; a page of another origin cannot press its buttons.
  const sameOrigin = (req: Request) => {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };
  const again = (req: Request, res: Response, user: string) => res.redirect(303, `${req.baseUrl}/show?user=${encodeURIComponent(user)}`);
  router.post('/action', async (req, res) => {
    const user = userOf(req, res);
    if (!user) return;
    if (!sameOrigin(req)) return refuse(res, 403, 'Cross-origin posts are refused');
    const body = (req.body ?? {}) as Record<string, string | string[] | undefined>;
    const one = (name: string) => (typeof body[name] === 'string' ? body[name] : undefined);
    await preview.act(user, {
      stack: one('stack') ?? '',
      card: one('card') ?? '',
      action: one('action'),
      universal: one('universal'),
      body,
    });
    again(req, res, user);
  });
  router.post('/back', (req, res) => {
    const user = userOf(req, res);
    if (!user) return;
    if (!sameOrigin(req)) return refuse(res, 403, 'Cross-origin posts are refused');
    preview.back(user, typeof req.body?.stack === 'string' ? req.body.stack : '');
    again(req, res, user);
  });
  router.use((error: unknown, _req: Request, res: Response, _next: () => void) => {
    logger.error({ err: error }, 'add-on preview: request failed');
    refuse(res, 500, 'The sidebar preview failed; see the backend log.');
  });
  return router;
}

export interface AddonPreviewHandle {
  /** Mount at /sidebar on the sandbox Calendar page's loopback server. */
  readonly router: Router;
  close(): Promise<void>;
}

/** Builds the add-on, starts its runtime thread and returns the sidebar's router. Sandbox only. */
export async function startAddonPreview(options: RuntimeOptions): Promise<AddonPreviewHandle> {
  const runtime = await AddonRuntime.start(options);
  const preview = new AddonPreview(runtime, options.logger);
  return { router: sidebarRouter(preview, options.logger), close: () => runtime.close() };
}
