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
import { domainOf } from '../../google/impersonation.js';
import { BACKGROUND_BACKOFF } from '../background-backoff.js';

/** Backoff for integration tests: enough attempts to ride out a minute-long quota window or a short outage. */
export const INTEGRATION_TEST_BACKOFF: BackoffOptions = { ...BACKGROUND_BACKOFF, attempts: 8 };

/** The Google side of a check: the adapters (their calls admitted within the deployment's quotas) and the backoff policy. */
export interface AccessCheckGoogle {
  calendar: Pick<CalendarAdapter, 'getTimeZone'>;
  directory: Pick<DirectoryAdapter, 'getUser'>;
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

/** Token refusals about the subject itself (not our key): every later call as them in the run would be refused too. */
const REFUSED_TOKEN: ReadonlySet<GoogleFailureKind> = new Set(NOT_CONNECTED_KINDS.filter((kind) => kind !== 'domain_not_verified'));

/** Answers that disqualify a Directory reader for the rest of the run: its token refused, or the Directory refused it (403). */
const REFUSED_READER: ReadonlySet<GoogleFailureKind> = new Set([...REFUSED_TOKEN, 'forbidden']);

/** Per-run state the checks share: the organization's domains, who reads the Directory, what Google refused. */
export interface CheckContext {
  domains: ReadonlySet<string>;
  /** The organization's verified domains: the only ones Google is asked as. */
  verifiedDomains: readonly string[];
  /**
   * Per verified domain (lower case), the super administrator who verified it (`WorkspaceDomain.verifiedBy`):
   * the one Directory reader asked about its people, whose answer is authoritative and the same for all of
   * them (a non-administrator is refused, or sees no suspended users).
   */
  domainAdmins: ReadonlyMap<string, string>;
  /** Subjects the run has acted as (lower case): only the first call as each asks Google for a new token. */
  renewedTokens: Set<string>;
  /** Subjects whose token Google refused in this run, with its answer: nobody is asked for a token twice. */
  refusedTokens: Map<string, GoogleApiError>;
  /** Directory readers refused in this run: why, and what would let Together ask (the same for every person they would settle). */
  refusedReaders: Map<string, ReaderRefusal>;
}

/** Why a Directory reader could not be asked, and what would fix that. */
export interface ReaderRefusal {
  why: string;
  fix?: string | undefined;
}

/**
 * Whether this is the run's first call as `subject`, which then asks Google for a new delegated token:
 * the token exchange is the delegation check, and a token cached from before (Google keeps it valid
 * after a grant changes) would report someone whose install was just removed as active. Later calls
 * of the run, and retries, use the token it got.
 */
function freshToken(context: CheckContext, subject: string): { freshToken: boolean } {
  const key = subject.toLowerCase();
  if (context.renewedTokens.has(key)) return { freshToken: false };
  context.renewedTokens.add(key);
  return { freshToken: true };
}

/**
 * Checks one person: refuses without a call if their domain is not the organization's, else one
 * new delegated token and one `settings.get timezone`, retried with backoff; an unknown-or-suspended
 * answer is settled with a Directory lookup. Throws RunInterruption when the run cannot go on.
 */
export async function checkPersonAccess(google: AccessCheckGoogle, context: CheckContext, email: string): Promise<AccessVerdict> {
  const domain = domainOf(email);
  if (!context.domains.has(domain)) return outsideDomainsVerdict(domain);
  if (!inVerifiedDomain(email, context.verifiedDomains)) return domainNotVerifiedVerdict(domain);
  try {
    // A Directory lookup as this person may already have had their token refused: Google's answer stands.
    const refused = context.refusedTokens.get(email);
    if (refused) throw refused;
    const person = actAs(email, context.verifiedDomains);
    const timeZone = await againIfTokenRefused(() =>
      withBackoff(() => google.calendar.getTimeZone(person, freshToken(context, email)), google.backoff),
    );
    return activeVerdict(timeZone);
  } catch (error) {
    if (!(error instanceof GoogleApiError)) throw error;
    if (REFUSED_TOKEN.has(error.kind)) context.refusedTokens.set(email, error);
    const action = classifyFailure(error);
    if (action.kind === 'verdict') return action.verdict;
    if (action.kind === 'ask_directory') return askDirectory(google, context, email);
    throw new RunInterruption(action.kind, action.error);
  }
}

/**
 * Google answers the same for unknown and suspended users: the Directory tells them apart, read as the
 * super administrator who verified the person's domain. When they cannot be asked, every person of the
 * domain gets the same undecided verdict and reason, whoever was checked first.
 */
async function askDirectory(google: AccessCheckGoogle, context: CheckContext, email: string): Promise<AccessVerdict> {
  const domain = domainOf(email);
  const admin = context.domainAdmins.get(domain);
  if (!admin) {
    return undecidedVerdict(
      `no super administrator is recorded for ${domain}`,
      `a super administrator of that Google Workspace verifies ${domain} again in the integration's install step.`,
    );
  }
  const undecided = (refusal: ReaderRefusal) =>
    undecidedVerdict(`as ${admin}, the super administrator who verified ${domain}: ${refusal.why}`, refusal.fix);
  if (admin === email) return undecided({ why: 'that is this very account' });
  if (!inVerifiedDomain(admin, context.verifiedDomains)) {
    return undecided({ why: `${domainOf(admin)} is not a verified domain of this organization, so Together does not act as them` });
  }
  const refusedToken = context.refusedTokens.get(admin);
  const known = context.refusedReaders.get(admin) ?? (refusedToken && { why: refusedToken.message, fix: refusedToken.details.fix });
  if (known) return undecided(known);
  try {
    const user = await againIfTokenRefused(() =>
      withBackoff(() => google.directory.getUser(actAs(admin, context.verifiedDomains), email, freshToken(context, admin)), google.backoff),
    );
    return directoryVerdict(email, user);
  } catch (error) {
    if (!(error instanceof GoogleApiError)) throw error;
    if (error.kind === 'unavailable' && error.details.status === undefined) throw new RunInterruption('retry_later', error);
    const fix =
      error.kind === 'forbidden'
        ? `only a super administrator may read the Directory: one who is verifies ${domain} again in the integration's install step.`
        : error.details.fix;
    const refusal: ReaderRefusal = { why: error.message, fix };
    if (REFUSED_TOKEN.has(error.kind)) context.refusedTokens.set(admin, error);
    if (REFUSED_READER.has(error.kind)) context.refusedReaders.set(admin, refusal);
    return undecided(refusal);
  }
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
