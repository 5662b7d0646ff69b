/** People API `people.get` for `people/me`: the caller's basic profile (§B8). */
import type { Request, Response } from 'express';
import type { Caller } from '../auth/access.js';
import { GoogleApiError } from '../errors.js';
import { queryString } from '../http.js';
import type { EmulatorState } from '../state.js';

const DOCS = 'https://developers.google.com/people/api/rest/v1/people/get';
const SUPPORTED = new Set(['names', 'emailAddresses', 'photos', 'metadata', 'locales', 'organizations']);
const ALL_FIELDS = new Set([
  ...SUPPORTED,
  'addresses',
  'ageRanges',
  'biographies',
  'birthdays',
  'calendarUrls',
  'clientData',
  'coverPhotos',
  'events',
  'externalIds',
  'genders',
  'imClients',
  'interests',
  'locations',
  'memberships',
  'miscKeywords',
  'nicknames',
  'occupations',
  'phoneNumbers',
  'relations',
  'sipAddresses',
  'skills',
  'urls',
  'userDefined',
]);

const invalidArgument = (message: string): GoogleApiError => new GoogleApiError(400, message, [], { status: 'INVALID_ARGUMENT' });

export function peopleGet(state: EmulatorState) {
  return (req: Request, res: Response, caller: Caller): void => {
    const resource = String((req.params as { person: string }).person);
    const fields = (queryString(req, 'personFields') ?? queryString(req, 'requestMask.includeField') ?? '')
      .split(',')
      .map((f) => f.trim().replace(/^person\./, ''))
      .filter(Boolean);
    if (fields.length === 0) {
      throw invalidArgument(
        `personFields mask is required. Please specify one or more valid paths. Valid paths are documented at ${DOCS}.`,
      );
    }
    const unknown = fields.find((f) => !ALL_FIELDS.has(f));
    if (unknown) throw invalidArgument(`Invalid personFields mask path: "${unknown}". Valid paths are documented at ${DOCS}.`);
    const user = caller.token.subject ? state.accounts.user(caller.token.subject) : undefined;
    if (!user || (resource !== 'me' && resource !== user.id)) {
      throw new GoogleApiError(404, 'Requested entity was not found.', [], { status: 'NOT_FOUND' });
    }
    const source = { type: 'PROFILE', id: user.id };
    const metadata = { primary: true, source };
    const full = `${user.givenName} ${user.familyName}`.trim();
    const wanted = new Set(fields);
    const person: Record<string, unknown> = { resourceName: `people/${user.id}`, etag: `%Eg${user.id.slice(0, 10)}` };
    if (wanted.has('metadata')) person.metadata = { sources: [{ ...source, etag: `#${user.id.slice(0, 8)}` }], objectType: 'PERSON' };
    if (wanted.has('names')) {
      person.names = [
        {
          metadata,
          displayName: full,
          familyName: user.familyName,
          givenName: user.givenName,
          displayNameLastFirst: `${user.familyName}, ${user.givenName}`,
          unstructuredName: full,
        },
      ];
    }
    if (wanted.has('emailAddresses')) {
      person.emailAddresses = [{ metadata: { ...metadata, verified: true, sourcePrimary: true }, value: user.email }];
    }
    if (wanted.has('photos')) {
      person.photos = [{ metadata, url: `https://lh3.googleusercontent.com/a/default-user=s100`, default: true }];
    }
    if (wanted.has('locales')) person.locales = [{ metadata, value: 'en' }];
    if (wanted.has('organizations')) person.organizations = [{ metadata, type: 'work', domain: user.domain }];
    res.json(person);
  };
}
