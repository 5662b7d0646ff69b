import { withBackoff, type BackoffOptions } from '../../google/backoff.js';
import type { CalendarAdapter } from '../../google/calendar.js';
import type { DirectoryAdapter } from '../../google/directory.js';
import { GoogleApiError, NOT_CONNECTED_KINDS, type GoogleFailureKind } from '../../google/errors.js';
import {
  activeVerdict,
  classifyFailure,
  directoryVerdict,
  domainNotVerifiedVerdict,
  outsideDomainsVerdict,
  undecidedVerdict,
  type AccessVerdict,
} from './access-classification.js';
import { actAs, inVerifiedDomain } from '../verified-domains.js';
import type { GoogleRateLimits } from './rate-limits.js';
import { domainOf } from '../../google/impersonation.js';
import { BACKGROUND_BACKOFF } from '../background-backoff.js';

/** Backoff for integration tests: enough attempts to ride out a minute-long quota window or a short outage. */
export const INTEGRATION_TEST_BACKOFF: BackoffOptions = { ...BACKGROUND_BACKOFF, attempts: 8 };

/** The Google side of a check: the adapters, the shared rate limits, the backoff policy. */
export interface AccessCheckGoogle {
  calendar: Pick<CalendarAdapter, 'getTimeZone'>;
  directory: Pick<DirectoryAdapter, 'getUser'>;
  limits: GoogleRateLimits;
  backoff: BackoffOptions;
}

/** Why a run stops: a problem that holds for everyone (FAILED), or Google unreachable (the job retries later). */
export class RunInterruption extends Error {
  constructor(
    readonly kind: 'fail_run' | 'retry_later',
    readonly failure: GoogleApiError,
  ) {
    super(failure.message);
    this.name = 'RunInterruption';
  }
}

/**
 * Directory readers Google refuses outright: "not connected" answers about the actor, plus `forbidden`
 * (the actor may not read the Directory). Not `domain_not_verified`: that refusal is Together's own,
 * made before Google is asked, and such an actor is only recorded among the refusals, as before.
 */
const REFUSED_ACTOR: ReadonlySet<GoogleFailureKind> = new Set([
  ...NOT_CONNECTED_KINDS.filter((kind) => kind !== 'domain_not_verified'),
  'forbidden',
]);

/** Per-run state the checks share: the organization's domains and who may read the Directory. */
export interface CheckContext {
  domains: ReadonlySet<string>;
  /** The organization's verified domains: the only ones Google is asked as. */
  verifiedDomains: readonly string[];
  /** Directory readers in order of preference: the integration owner, then people found ACTIVE. */
  directoryActors: string[];
}

/**
 * Checks one person: refuses without a call if their domain is not the organization's, else one
 * delegated token and one `settings.get timezone`, retried with backoff; an unknown-or-suspended
 * answer is settled with a Directory lookup. Throws RunInterruption when the run cannot go on.
 */
export async function checkPersonAccess(google: AccessCheckGoogle, context: CheckContext, email: string): Promise<AccessVerdict> {
  const domain = domainOf(email);
  if (!context.domains.has(domain)) return outsideDomainsVerdict(domain);
  if (!inVerifiedDomain(email, context.verifiedDomains)) return domainNotVerifiedVerdict(domain);
  try {
    const person = actAs(email, context.verifiedDomains);
    const timeZone = await againIfTokenRefused(() =>
      withBackoff(() => google.limits.run(() => google.calendar.getTimeZone(person)), google.backoff),
    );
    return activeVerdict(timeZone);
  } catch (error) {
    if (!(error instanceof GoogleApiError)) throw error;
    const action = classifyFailure(error);
    if (action.kind === 'verdict') return action.verdict;
    if (action.kind === 'ask_directory') return askDirectory(google, context, email);
    throw new RunInterruption(action.kind, action.error);
  }
}

/** Google answers the same for unknown and suspended users: the Directory tells them apart. */
async function askDirectory(google: AccessCheckGoogle, context: CheckContext, email: string): Promise<AccessVerdict> {
  const refusals: string[] = [];
  for (const actor of context.directoryActors.filter((candidate) => candidate !== email).slice(0, 2)) {
    try {
      const user = await againIfTokenRefused(() =>
        withBackoff(
          () => google.limits.run(() => google.directory.getUser(actAs(actor, context.verifiedDomains), email), { repeatedSubject: actor }),
          google.backoff,
        ),
      );
      return directoryVerdict(email, user);
    } catch (error) {
      if (!(error instanceof GoogleApiError)) throw error;
      if (error.kind === 'unavailable' && error.details.status === undefined) throw new RunInterruption('retry_later', error);
      refusals.push(`as ${actor}: ${error.message}`);
      // An actor Google refuses outright is dropped for the rest of the run.
      if (REFUSED_ACTOR.has(error.kind)) {
        const index = context.directoryActors.indexOf(actor);
        if (index >= 0) context.directoryActors.splice(index, 1);
      }
    }
  }
  return undecidedVerdict(refusals.length > 0 ? refusals.join('; ') : 'no user of the organization could read it yet');
}

/** A token Google no longer accepts (401) is dropped by the adapters: one more try gets a fresh one. */
async function againIfTokenRefused<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GoogleApiError && error.kind === 'unauthenticated') return call();
    throw error;
  }
}
