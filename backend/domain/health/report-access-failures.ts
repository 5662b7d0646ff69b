import { GoogleApiError, NOT_CONNECTED_KINDS, type GoogleFailureKind } from '../../google/errors.js';
import { domainOf, type Impersonation } from '../../google/impersonation.js';
import type { DomainDeps } from '../deps.js';
import type { AccessSignal } from './record-access-signal.js';

/**
 * What refusals say about a person's delegated access; other failures (rate limits, 404s…) say nothing.
 * Google's "not connected" answers, plus credential failures (our key or the person's token refused),
 * which also change what the person's access is. Not `domain_not_verified`: that is Together refusing
 * before asking Google, a fact about the organization's domains, not news about the person.
 */
const ACCESS_FAILURES: ReadonlySet<GoogleFailureKind> = new Set([
  ...NOT_CONNECTED_KINDS.filter((kind) => kind !== 'domain_not_verified'),
  'invalid_credentials',
  'unauthenticated',
]);

/**
 * Wraps a Google adapter whose methods take the Impersonation first, so that when Google
 * refuses that user's access during normal work (booking, sync), the person's calendar access is
 * updated at once and health re-evaluated — without the use cases knowing. So a call through the
 * wrapper may write to the database (PersonCalendarAccess, a queued health evaluation) before it
 * throws; main.ts says which callers get it. The error still reaches the caller unchanged;
 * reporting never breaks the call.
 */
export function reportingAccessFailures<Adapter extends object>(
  adapter: Adapter,
  deps: DomainDeps & { recordAccessSignal: (signal: AccessSignal) => Promise<unknown>; onReportFailed: (error: unknown) => void },
): Adapter {
  const report = async (subject: string, error: GoogleApiError): Promise<void> => {
    const domain = domainOf(subject);
    // A verified Workspace domain belongs to one organization, so the email names exactly one person.
    const person = await deps.prisma.person.findFirst({
      where: { email: subject.toLowerCase(), organization: { domains: { some: { domain, verifiedAt: { not: null } } } } },
      select: { id: true, organizationId: true },
    });
    if (!person) return;
    await deps.recordAccessSignal({
      organizationId: person.organizationId,
      personId: person.id,
      outcome: error.kind,
      reason: error.message,
      fix: error.details.fix,
      googleReason: error.details.reason,
    });
  };
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          const subject = (args[0] as Partial<Impersonation> | undefined)?.subject;
          if (error instanceof GoogleApiError && ACCESS_FAILURES.has(error.kind) && typeof subject === 'string') {
            await report(subject, error).catch(deps.onReportFailed);
          }
          throw error;
        }
      };
    },
  });
}
