/**
 * The console's pages (backend/http/console/): for browsers only. An API client (no text/html in
 * Accept) gets the JSON 404 whatever it sends; a browser without a session is sent to sign in (a GET)
 * or shown the sign-in-needed page (anything else). The sign-in form itself answers its page.
 */
import fc from 'fast-check';
import { CONSOLE_HOME, safeNextPath } from '../../../backend/http/console/next-path.js';
import { badQueryValue, percentEncode } from './arbitraries.js';
import type { FuzzCase } from './routes.js';
import type { FuzzTarget } from './run.js';
import type { FuzzWorld } from './world.js';

/** Method and Express path of each console page route (backend/http/console/*-routes.tsx). */
export const CONSOLE_PAGE_ROUTES = [
  'GET /admin',
  'GET /admin/sign-in',
  'GET /admin/setup',
  'GET /admin/setup/calendar',
  'POST /admin/setup/calendar',
  'GET /admin/setup/owner',
  'POST /admin/setup/owner',
  'GET /admin/setup/method',
  'POST /admin/setup/method',
  'GET /admin/setup/install',
  'POST /admin/setup/install',
  'POST /admin/setup/install/verify',
  'GET /admin/setup/done',
  'POST /admin/setup/finish',
  'GET /admin/test',
  'POST /admin/test',
  'POST /admin/test/cancel',
  'POST /admin/people/:personId/connect-link',
  'GET /admin/health',
  'GET /admin/health/incidents/:incidentId',
  'GET /admin/health/sync',
  'GET /admin/health/audit',
];

const KEY = 'console pages';

export const consolePages: FuzzTarget = {
  key: KEY,
  cases: (world: FuzzWorld) => {
    const route = fc.constantFrom(...CONSOLE_PAGE_ROUTES);
    const query = fc
      .array(fc.tuple(fc.constantFrom('run', 'status', 'q', 'page', 'after', 'done', 'error', 'next'), badQueryValue), { maxLength: 3 })
      .map((pairs) => pairs.map(([key, value]) => `${key}=${percentEncode(value)}`).join('&'));
    const client = fc.constantFrom('api', 'api-with-token', 'browser');
    return fc.tuple(route, query, client).map(([key, q, who]): FuzzCase => {
      const [method, template] = key.split(' ') as [string, string];
      const path = template.replace(':incidentId', world.ids.incidentId).replace(':personId', world.ids.mentorId);
      const url = q ? `${path}?${q}` : path;
      if (who !== 'browser') {
        const headers: Record<string, string> = {
          accept: 'application/json',
          ...(who === 'api-with-token' ? { authorization: `Bearer ${world.adminToken}` } : {}),
        };
        return { route: KEY, fault: 'headers', request: { method, url, headers }, codes: ['route_not_found'] };
      }
      const headers = { accept: 'text/html', origin: 'http://localhost:8080', host: 'localhost:8080' };
      if (key === 'GET /admin/sign-in')
        return { route: KEY, fault: 'credentials', request: { method, url, headers }, codes: [], page: 200 };
      if (method === 'GET') {
        // Sent to sign in, with the page to come back to when it is a safe one (as the sign-in routes decide).
        const next = safeNextPath(url);
        const location = next === CONSOLE_HOME ? '/admin/sign-in' : `/admin/sign-in?${new URLSearchParams({ next })}`;
        return { route: KEY, fault: 'credentials', request: { method, url, headers }, codes: [], redirects: [location] };
      }
      return { route: KEY, fault: 'credentials', request: { method, url, headers }, codes: [], page: 401 };
    });
  },
};
