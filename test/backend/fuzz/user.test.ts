import { USER_ROUTES } from './user-routes.js';
import { describeFuzz, routeTargets } from './run.js';

// Every route of the add-on's user API, each request broken in one place: a 4xx with a documented code, and nothing changed.
describeFuzz('the user API', routeTargets(USER_ROUTES));
