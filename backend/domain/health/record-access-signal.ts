import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { GoogleFailureKind } from '../../google/errors.js';
import type { AccessStatus } from '../../store/generated/prisma/client.js';
import { PER_USER_ACCESS } from '../integration/access-classification.js';

/** Signals also need to ask for a health evaluation, which the queue coalesces per organization. */
export interface AccessSignalDeps extends DomainDeps {
  /** Queues a health evaluation of the organization (debounced: a burst of signals makes one). */
  requestHealthEvaluation: (organizationId: string) => Promise<void>;
}

/** What a delegated Google call for one person just showed. */
export interface AccessSignal {
  organizationId: string;
  personId: string;
  /** `ok` when Google accepted the call; else the GoogleApiError's kind. */
  outcome: 'ok' | GoogleFailureKind;
  /** The GoogleApiError's message. */
  reason?: string | undefined;
  /** The GoogleApiError's fix for admins (details.fix). */
  fix?: string | undefined;
  /** Google's reason (details.reason): the per-user method's reasons tell apart its "not connected" cases. */
  googleReason?: string | undefined;
}

export interface AccessSignalResult {
  /** The person's access status after the signal; null when the outcome says nothing about access. */
  status: AccessStatus | null;
  /** Whether the status changed, which is when health is re-evaluated. */
  changed: boolean;
}

interface SignalVerdict {
  status: AccessStatus;
  reason: string;
  fix: string;
}

/** Access failures only: rate limits, outages, 404s, sync-token expiry and the like say nothing about access. */
const VERDICTS: Partial<Record<GoogleFailureKind, SignalVerdict>> = {
  not_installed: {
    status: 'NOT_INSTALLED',
    reason: 'The Together app is not installed for this user, or a scope is not granted.',
    fix: "Install Together for the user's domain or org unit from the Google Workspace Marketplace, or grant the app's scopes in the Admin console › Security › API controls › Domain-wide delegation.",
  },
  user_unknown_or_suspended: {
    status: 'NOT_IN_WORKSPACE',
    reason: 'Not in Google Workspace, or suspended: Google does not say which.',
    fix: "Check in the Google Admin console › Directory › Users that the person's Together email is their primary address and that the account is active (not suspended).",
  },
  user_deleted: {
    status: 'SUSPENDED_OR_DELETED',
    reason: 'The user has been deleted in Google Workspace.',
    fix: 'Remove the person from Together, or correct their email.',
  },
  invalid_credentials: {
    status: 'OTHER',
    reason: "Google refused the service account's credentials.",
    fix: "Check the service-account key configured for Together (it may have been deleted or rotated) and the server's clock.",
  },
  unauthenticated: {
    status: 'CALENDAR_API_ERROR',
    reason: "Google Calendar refused the user's access token.",
    fix: 'Re-run the integration test; if it persists, check the domain-wide delegation of Together in the Admin console.',
  },
  forbidden: {
    status: 'CALENDAR_API_ERROR',
    reason: 'Google Calendar refused the call.',
    fix: 'Check that Google Calendar is turned on for the user (Admin console › Apps › Google Workspace › Calendar) and that the Google Calendar API is enabled for Together.',
  },
};

/**
 * Records what normal work (booking, sync) just learned about one person's delegated access:
 * success makes it ACTIVE, an access failure NOT_INSTALLED, NOT_IN_WORKSPACE, SUSPENDED_OR_DELETED,
 * CALENDAR_API_ERROR or OTHER with the reason and fix. Writes and asks for a health evaluation only
 * when the status changes, so the hot path of a working integration costs one read.
 */
export async function recordAccessSignal(deps: AccessSignalDeps, signal: AccessSignal): Promise<AccessSignalResult> {
  const perUser = signal.outcome === 'not_installed' ? PER_USER_ACCESS[signal.googleReason ?? ''] : undefined;
  const verdict: SignalVerdict | undefined =
    signal.outcome === 'ok'
      ? { status: 'ACTIVE', reason: '', fix: '' }
      : perUser
        ? { status: perUser, reason: signal.reason ?? '', fix: signal.fix ?? '' }
        : VERDICTS[signal.outcome];
  if (!verdict) return { status: null, changed: false };
  const { organizationId, personId } = signal;
  const status = verdict.status;
  const reason = status === 'ACTIVE' ? null : (signal.reason ?? verdict.reason);
  const fix = status === 'ACTIVE' ? null : (signal.fix ?? verdict.fix);

  const current = await deps.prisma.personCalendarAccess.findUnique({
    where: { organizationId_personId: { organizationId, personId } },
    select: { status: true, reason: true, fix: true },
  });
  if (current && current.status === status && current.reason === reason && current.fix === fix) return { status, changed: false };
  const person = await deps.prisma.person.findFirst({ where: { id: personId, organizationId }, select: { id: true } });
  if (!person) throw new AppError('not_found', 'No such person in this organization.');

  const fields = { status, reason, fix, checkedAt: deps.clock() };
  await deps.prisma.personCalendarAccess.upsert({
    where: { organizationId_personId: { organizationId, personId } },
    create: { organizationId, personId, ...fields },
    update: fields,
  });
  const changed = current?.status !== status;
  if (changed) await deps.requestHealthEvaluation(organizationId);
  return { status, changed };
}
