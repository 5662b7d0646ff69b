/** Admin SDK Directory `users.list` and `users.get` (§B8), within the caller's customer. */
import type { Request, Response } from 'express';
import type { Caller } from '../auth/access.js';
import { GoogleApiError, badRequest, forbidden, invalid } from '../errors.js';
import { queryString } from '../http.js';
import type { EmulatorState } from '../state.js';
import { domainOf, type User } from './accounts.js';

const MAX_PAGE = 500;
const DEFAULT_PAGE = 100;
export const notAuthorized = (): GoogleApiError => forbidden('Not Authorized to access this resource/api');

/**
 * The customer id of the caller's domain; a bare service account has none. A user's own token (from the
 * sign-in flow) reaches the Directory only when the user is a super admin (§D7); a delegated token is not
 * checked for that (see the README's doubtful points).
 */
export function callerCustomer(state: EmulatorState, caller: Caller): string {
  const subject = caller.token.subject ? state.accounts.user(caller.token.subject) : undefined;
  const customer = caller.token.subject ? state.accounts.domains.get(domainOf(caller.token.subject))?.customerId : undefined;
  if (!customer) throw notAuthorized();
  if (caller.token.grant === 'authorizationCode' && !subject?.isAdmin) throw notAuthorized();
  return customer;
}

const customerOf = (state: EmulatorState, user: User): string | undefined => state.accounts.customerOf(user);

/** The Directory representation of a user. */
export function presentUser(state: EmulatorState, user: User): Record<string, unknown> {
  return {
    kind: 'admin#directory#user',
    id: user.id,
    etag: `"${user.id.slice(0, 12)}${user.suspended ? 's' : 'a'}"`,
    primaryEmail: user.email,
    name: { givenName: user.givenName, familyName: user.familyName, fullName: `${user.givenName} ${user.familyName}`.trim() },
    isAdmin: user.isAdmin,
    isDelegatedAdmin: false,
    creationTime: user.creationTime,
    agreedToTerms: true,
    suspended: user.suspended,
    ...(user.suspended ? { suspensionReason: 'ADMIN' } : {}),
    archived: false,
    changePasswordAtNextLogin: false,
    ipWhitelisted: false,
    emails: [{ address: user.email, primary: true }],
    customerId: customerOf(state, user),
    orgUnitPath: user.orgUnitPath,
    isMailboxSetup: true,
    isEnrolledIn2Sv: false,
    isEnforcedIn2Sv: false,
    includeInGlobalAddressList: true,
  };
}

/** Directory search terms: `email:x`, `email:x*`, `givenName:`, `familyName:`, `isSuspended=`, or a bare prefix. */
function queryMatcher(query: string | undefined): (user: User) => boolean {
  if (!query) return () => true;
  const tests = query
    .split(/\s+/)
    .filter(Boolean)
    .map((term): ((user: User) => boolean) => {
      const match = /^(\w+)\s*([:=])\s*'?([^']*)'?$/.exec(term);
      const field = match?.[1]?.toLowerCase();
      const raw = (match ? match[3]! : term).toLowerCase();
      const prefix = raw.endsWith('*');
      const value = prefix ? raw.slice(0, -1) : raw;
      const like = (candidate: string): boolean =>
        prefix || !match ? candidate.toLowerCase().startsWith(value) : candidate.toLowerCase() === value;
      if (field === 'email') return (u) => like(u.email);
      if (field === 'givenname') return (u) => like(u.givenName);
      if (field === 'familyname') return (u) => like(u.familyName);
      if (field === 'issuspended') return (u) => String(u.suspended) === value;
      if (field === 'orgunitpath') return (u) => u.orgUnitPath.toLowerCase() === value;
      if (match) throw invalid('Invalid Input', 'query');
      return (u) => like(u.email) || like(u.givenName) || like(u.familyName);
    });
  return (user) => tests.every((test) => test(user));
}

export function directoryUsersList(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const customerParam = queryString(req, 'customer');
    const domainParam = queryString(req, 'domain')?.toLowerCase();
    if (!customerParam && !domainParam) throw badRequest();
    const customer = callerCustomer(state, caller);
    if (customerParam && customerParam !== 'my_customer' && customerParam !== customer) throw notAuthorized();
    if (domainParam && state.accounts.domains.get(domainParam)?.customerId !== customer) throw notAuthorized();
    const rawMax = queryString(req, 'maxResults');
    const maxResults = rawMax === undefined ? DEFAULT_PAGE : Number(rawMax);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_PAGE) {
      throw invalid(`Invalid value '${rawMax}'. Values must be within the range: [1, 500]`, 'maxResults');
    }
    const orderBy = queryString(req, 'orderBy') ?? 'email';
    const key = (
      { email: (u: User) => u.email, givenName: (u: User) => u.givenName, familyName: (u: User) => u.familyName } as Record<
        string,
        (u: User) => string
      >
    )[orderBy];
    if (!key) throw invalid('Invalid Input: orderBy', 'orderBy');
    const descending = queryString(req, 'sortOrder')?.toUpperCase() === 'DESCENDING';
    const matches = queryMatcher(queryString(req, 'query'));
    const users = [...state.accounts.users.values()]
      .filter((u) => (domainParam ? u.domain === domainParam : customerOf(state, u) === customer) && matches(u))
      .sort((a, b) => (key(a).localeCompare(key(b)) || a.email.localeCompare(b.email)) * (descending ? -1 : 1));
    const rawPage = queryString(req, 'pageToken');
    const offset = rawPage === undefined ? 0 : Number(Buffer.from(rawPage, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw invalid('Invalid Input: pageToken', 'pageToken');
    const page = users.slice(offset, offset + maxResults);
    const next = offset + maxResults < users.length ? Buffer.from(String(offset + maxResults)).toString('base64url') : undefined;
    res.json({
      kind: 'admin#directory#users',
      etag: `"${users.length}-${offset}"`,
      users: page.map((u) => presentUser(state, u)),
      ...(next ? { nextPageToken: next } : {}),
    });
  };
}

export function directoryUsersGet(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const customer = callerCustomer(state, caller);
    const userKey = String((req.params as { userKey: string }).userKey);
    const user = state.accounts.user(userKey);
    if (!user) {
      const message = 'Resource Not Found: userKey';
      throw new GoogleApiError(404, message, [{ message, domain: 'global', reason: 'notFound' }]);
    }
    if (customerOf(state, user) !== customer) throw notAuthorized();
    res.json(presentUser(state, user));
  };
}
