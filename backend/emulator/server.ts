/** The emulator's HTTP app: Google's production paths at the root, test controls under /emulator/v1. */
import express, { type Express } from 'express';
import { apiRoute } from './auth/access.js';
import { METHODS } from './auth/scopes.js';
import { authorizationPage, authorizationSubmit } from './auth/authorization-endpoint.js';
import { marketplaceListingPage, marketplaceListingSubmit } from './auth/marketplace-listing.js';
import { openIdConfiguration } from './auth/discovery.js';
import { revokeEndpoint } from './auth/revoke-endpoint.js';
import { tokenEndpoint } from './auth/token-endpoint.js';
import { userinfo } from './auth/userinfo.js';
import { calendarListGet, eventsDelete, eventsGet, eventsInsert, eventsPatch, eventsUpdate, settingsGet } from './calendar/events-api.js';
import { freebusyQuery } from './calendar/freebusy.js';
import { eventsList } from './calendar/list.js';
import { accountControls } from './control/account-controls.js';
import { calendarControls } from './control/calendar-controls.js';
import { oauthControls } from './control/oauth-controls.js';
import { CONTROL_PREFIX } from './control/route.js';
import { systemControls } from './control/system-controls.js';
import { directoryDomainsGet, directoryDomainsList } from './directory/domains-api.js';
import { peopleGet } from './directory/people-api.js';
import { directoryUsersGet, directoryUsersList } from './directory/users-api.js';
import { errorHandler, routeNotFound } from './http.js';
import { channelsStop, eventsWatch } from './push/watch-api.js';
import type { EmulatorState } from './state.js';

const BODY_LIMIT = '1mb';

export function createEmulatorApp(state: EmulatorState): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.post('/token', express.urlencoded({ extended: false, limit: '64kb' }), express.json({ limit: '64kb' }), tokenEndpoint(state));
  app.post('/revoke', express.urlencoded({ extended: false, limit: '64kb' }), revokeEndpoint(state));
  const certsCache = (): string => `public, max-age=${state.settings.certsMaxAgeSeconds}, must-revalidate, no-transform`;
  app.get('/oauth2/v1/certs', (_req, res) => {
    res.set('Cache-Control', certsCache()).json(state.idTokens.certs());
  });
  app.get('/oauth2/v3/certs', (_req, res) => {
    res.set('Cache-Control', certsCache()).json(state.idTokens.jwks());
  });

  // The user sign-in flow (accounts.google.com): the chooser page and the form it posts back.
  const authorize = ['/o/oauth2/v2/auth', '/o/oauth2/auth'];
  app.get(authorize, authorizationPage(state));
  app.post(authorize, express.urlencoded({ extended: false, limit: '64kb' }), authorizationSubmit(state));
  app.get('/.well-known/openid-configuration', openIdConfiguration());
  // The Marketplace listing (workspace.google.com) with its Admin install form, which posts back to it.
  const listing = '/marketplace/app/:clientId';
  app.get(listing, marketplaceListingPage(state));
  app.post(listing, express.urlencoded({ extended: false, limit: '64kb' }), marketplaceListingSubmit(state));

  // Google parses any request body as JSON, whatever its content type.
  app.use(express.json({ limit: BODY_LIMIT, type: () => true }));

  const api = (method: (typeof METHODS)[keyof typeof METHODS], handler: Parameters<typeof apiRoute>[2]) => apiRoute(state, method, handler);
  const calendar = '/calendar/v3';
  const events = `${calendar}/calendars/:calendarId/events`;
  app.post(`${calendar}/freeBusy`, api(METHODS.freebusyQuery, freebusyQuery(state)));
  app.get(events, api(METHODS.eventsList, eventsList(state)));
  app.post(events, api(METHODS.eventsInsert, eventsInsert(state)));
  app.post(`${events}/watch`, api(METHODS.eventsWatch, eventsWatch(state)));
  app.get(`${events}/:eventId`, api(METHODS.eventsGet, eventsGet(state)));
  app.patch(`${events}/:eventId`, api(METHODS.eventsPatch, eventsPatch(state)));
  app.put(`${events}/:eventId`, api(METHODS.eventsUpdate, eventsUpdate(state)));
  app.delete(`${events}/:eventId`, api(METHODS.eventsDelete, eventsDelete(state)));
  app.post(`${calendar}/channels/stop`, api(METHODS.channelsStop, channelsStop(state)));
  app.get(`${calendar}/users/me/calendarList/:calendarId`, api(METHODS.calendarListGet, calendarListGet(state)));
  app.get(`${calendar}/users/me/settings/:setting`, api(METHODS.settingsGet, settingsGet(state)));

  app.get('/admin/directory/v1/users', api(METHODS.directoryUsersList, directoryUsersList(state)));
  app.get('/admin/directory/v1/users/:userKey', api(METHODS.directoryUsersGet, directoryUsersGet(state)));
  app.get('/admin/directory/v1/customer/:customer/domains', api(METHODS.directoryDomainsList, directoryDomainsList(state)));
  app.get('/admin/directory/v1/customer/:customer/domains/:domainName', api(METHODS.directoryDomainsGet, directoryDomainsGet(state)));
  app.get('/v1/people/:person', api(METHODS.peopleGet, peopleGet(state)));
  app.get(['/v1/userinfo', '/oauth2/v3/userinfo'], api(METHODS.userinfo, userinfo(state)));

  app.use(CONTROL_PREFIX, systemControls(state), accountControls(state), oauthControls(state), calendarControls(state));
  app.use(routeNotFound);
  app.use(errorHandler);
  return app;
}
