import type { AccessStatus } from '../../store/generated/prisma/client.js';

/** Why an organization's integration counts as failing. */
export type FailingCause =
  /** Nobody checked has working access: the app is uninstalled, a scope revoked, or our credentials refused. */
  | 'nobody_active'
  /** More than the configured share of the people checked fail. */
  | 'failing_share_exceeded';

/** The verdict on an organization's integration, with the counts it rests on. */
export interface HealthAssessment {
  /** `unknown` when nobody has been checked yet: no verdict, so no transition. */
  verdict: 'healthy' | 'failing' | 'unknown';
  causes: FailingCause[];
  /** Active people of the organization. */
  total: number;
  /** Of them, checked at least once (status other than UNKNOWN). */
  checked: number;
  /** Of them, with working delegated calendar access. */
  active: number;
  /** Checked people whose access fails. */
  failing: number;
  /** People per AccessStatus, UNKNOWN included; only statuses that occur. */
  byStatus: Partial<Record<AccessStatus, number>>;
}

/**
 * The health rule, pure. Over the active people's current access: failing when nobody checked is
 * active, or when more than `failingShare` of the people checked fail; healthy otherwise. People
 * never checked (UNKNOWN, e.g. just imported) count for neither side.
 */
export function assessIntegrationHealth(statuses: readonly AccessStatus[], failingShare: number): HealthAssessment {
  const byStatus: Partial<Record<AccessStatus, number>> = {};
  for (const status of statuses) byStatus[status] = (byStatus[status] ?? 0) + 1;
  const total = statuses.length;
  const checked = total - (byStatus.UNKNOWN ?? 0);
  const active = byStatus.ACTIVE ?? 0;
  const failing = checked - active;
  const causes: FailingCause[] = [];
  if (checked > 0 && active === 0) causes.push('nobody_active');
  if (checked > 0 && failing / checked > failingShare) causes.push('failing_share_exceeded');
  const verdict = checked === 0 ? 'unknown' : causes.length > 0 ? 'failing' : 'healthy';
  return { verdict, causes, total, checked, active, failing, byStatus };
}
