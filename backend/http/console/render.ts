import type { Request, Response } from 'express';
import { listIncidents } from '../../domain/health/list-incidents.js';
import { getIntegration } from '../../domain/integration/get-integration.js';
import type { DomainDeps } from '../../domain/deps.js';
import type { PageContext } from './components.js';

/** What the console knows about where it runs. */
export interface ConsoleSettings {
  /** Sandbox mode: every page says Google is pretend. */
  sandbox: boolean;
  /** Where "Sign in with Google" lives (Google's accounts origin, or the emulator's): forms may go there. */
  signInOrigin: string;
  /** The sandbox Calendar with the add-on in its sidebar, once it runs (sandbox only). */
  sandboxCalendarUrl?: string | undefined;
}

/** A success message per `?done=` key, for what the admin just did. */
const SUCCESS: Record<string, string> = {
  owner: 'The integration owner is saved.',
  calendar: 'The calendar is saved.',
  method: 'The connection method is saved.',
  cancelled: 'The test was cancelled.',
};

const TIME_ZONE_COOKIE = /(?:^|;)\s*together_tz=([^;]*)/;

/** The admin's time zone, as console.js put it in a cookie; anything that is not a zone Intl knows is ignored. */
export function timeZoneOf(req: Request): string {
  const raw = TIME_ZONE_COOKIE.exec(req.headers.cookie ?? '')?.[1];
  if (!raw) return 'UTC';
  try {
    const zone = decodeURIComponent(raw);
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

/** The page context of a request: signed in or not, the admin's zone, and whether the integration is failing now. */
export async function pageContext(deps: DomainDeps, settings: ConsoleSettings, req: Request, res: Response): Promise<PageContext> {
  const organizationId = (res.locals.admin as { organizationId?: string } | undefined)?.organizationId;
  let failing: PageContext['failing'] = null;
  if (organizationId) {
    const integration = await getIntegration(deps, { organizationId });
    if (integration.status === 'FAILING') {
      const open = await listIncidents(deps, { organizationId, open: true, limit: 1 });
      failing = { since: open.items[0]?.openedAt ?? null };
    }
  }
  const done = typeof req.query.done === 'string' ? SUCCESS[req.query.done] : undefined;
  return {
    timeZone: timeZoneOf(req),
    sandbox: settings.sandbox,
    sandboxCalendarUrl: settings.sandboxCalendarUrl,
    signedIn: !!organizationId,
    failing,
    success: done,
    section: 'integrations',
  };
}

export { sendPage } from '../../web/render.js';
