import { ADMIN_RECORD_ROUTES } from './admin-routes.js';
import { describeFuzz, routeTargets } from './run.js';

// Half the admin routes (the other half is admin-integration.test.ts, so the two run side by side), each
// request broken in one place: a 4xx with a documented code, and nothing changed.
describeFuzz('the admin API: organization, domains, tokens, records', routeTargets(ADMIN_RECORD_ROUTES));
