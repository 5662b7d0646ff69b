import { writeAuditEntry } from '../audit.js';
import { messageKeys } from '../outbox/outbox.js';
import type { Tx } from '../deps.js';
import type { CalendarIntegration, Incident, Prisma } from '../../store/generated/prisma/client.js';
import { isUniqueViolation } from '../../store/errors.js';
import { assessIntegrationHealth, type HealthAssessment } from './assess-integration-health.js';
import type { HealthDeps, NotificationRef } from './deps.js';
import {
  EXAMPLES_IN_MAIL,
  incidentSummary,
  renderIncidentOpenedMail,
  renderIncidentResolvedMail,
  type FailingExample,
  type OwnerMail,
} from './render-owner-mail.js';

/** What prompted an evaluation, recorded in the audit entry and the incident. */
export type HealthTrigger = 'integration_test' | 'setup_finalized' | 'access_signal' | 'evaluation';

export interface EvaluateIntegrationHealthInput {
  organizationId: string;
  trigger?: HealthTrigger | undefined;
  /** The integration test run that prompted it, if any. */
  runId?: string | undefined;
}

/** The outcome: which transition happened (if any), on what counts. */
export interface HealthEvaluation {
  transition: 'opened' | 'resolved' | 'none';
  /** Null when the integration has not completed its setup (not evaluated). */
  assessment: HealthAssessment | null;
  incidentId: string | null;
  notificationId: string | null;
}

const NOTHING: HealthEvaluation = { transition: 'none', assessment: null, incidentId: null, notificationId: null };

/**
 * Decides whether the organization's integration is healthy from its people's current access and
 * applies the transition, if any: healthy → failing opens an incident, sets FAILING and queues one
 * INCIDENT_OPENED mail; failing → healthy closes it, sets ACTIVE and queues one INCIDENT_RESOLVED
 * mail. No transition changes nothing (beyond realigning the status with the open incident).
 * Concurrent evaluations serialize on the integration row; the incident's unique openLock and the
 * notification's unique (incidentId, kind) back that up, so a transition happens and mails once.
 * Only integrations whose setup is DONE are evaluated.
 */
export async function evaluateIntegrationHealth(deps: HealthDeps, input: EvaluateIntegrationHealthInput): Promise<HealthEvaluation> {
  let evaluation: HealthEvaluation;
  try {
    evaluation = await deps.prisma.$transaction((tx) => evaluateLocked(deps, tx, input));
  } catch (error) {
    // Another evaluator opened the incident first: its transition stands, ours is not one.
    if (isUniqueViolation(error)) return NOTHING;
    throw error;
  }
  if (evaluation.notificationId) await queueDelivery(deps, { organizationId: input.organizationId, id: evaluation.notificationId });
  return evaluation;
}

async function evaluateLocked(deps: HealthDeps, tx: Tx, input: EvaluateIntegrationHealthInput): Promise<HealthEvaluation> {
  const { organizationId } = input;
  await tx.$executeRaw`SELECT 1 FROM "CalendarIntegration" WHERE "organizationId" = ${organizationId}::uuid FOR UPDATE`;
  const integration = await tx.calendarIntegration.findUnique({ where: { organizationId } });
  if (!integration || integration.wizardStep !== 'DONE') return NOTHING;

  const people = await tx.person.findMany({
    where: { organizationId, status: 'ACTIVE' },
    select: { calendarAccess: { select: { status: true } } },
  });
  const assessment = assessIntegrationHealth(
    people.map((p) => p.calendarAccess?.status ?? 'UNKNOWN'),
    deps.failingShare,
  );
  const open = await tx.incident.findFirst({ where: { organizationId, openLock: organizationId } });
  const context: TransitionContext = { deps, tx, input, integration, assessment, at: deps.clock() };
  if (assessment.verdict === 'failing' && !open) return openIncident(context);
  if (assessment.verdict === 'healthy' && open) return resolveIncident(context, open);

  // No transition. Keep the status in line with the incident (a test outcome may have set it by a cruder rule).
  const status = open ? 'FAILING' : 'ACTIVE';
  if (integration.status !== status && (open || assessment.verdict === 'healthy')) {
    await tx.calendarIntegration.update({ where: { id: integration.id }, data: { status } });
  }
  return { transition: 'none', assessment, incidentId: open?.id ?? null, notificationId: null };
}

interface TransitionContext {
  deps: HealthDeps;
  tx: Tx;
  input: EvaluateIntegrationHealthInput;
  integration: CalendarIntegration;
  assessment: HealthAssessment;
  at: Date;
}

async function openIncident(c: TransitionContext): Promise<HealthEvaluation> {
  const { tx, assessment, at } = c;
  const organizationId = c.input.organizationId;
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { id: true, name: true } });
  const examples = await failingExamples(tx, organizationId);
  const incident = await tx.incident.create({
    data: {
      organizationId,
      openLock: organizationId,
      summary: incidentSummary(organization.name, assessment),
      details: { ...countsOf(assessment), trigger: c.input.trigger ?? 'evaluation', ...(c.input.runId && { runId: c.input.runId }) },
      openedAt: at,
    },
  });
  await tx.calendarIntegration.update({ where: { id: c.integration.id }, data: { status: 'FAILING' } });
  const mail = renderIncidentOpenedMail({ organization, assessment, examples, openedAt: at });
  const notificationId = await createNotification(c, incident, 'INCIDENT_OPENED', mail);
  await audit(c, 'integration.health.failing', incident.id, { from: c.integration.status, to: 'FAILING' });
  return { transition: 'opened', assessment, incidentId: incident.id, notificationId };
}

async function resolveIncident(c: TransitionContext, open: Incident): Promise<HealthEvaluation> {
  const { tx, assessment, at } = c;
  const organizationId = c.input.organizationId;
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { id: true, name: true } });
  const opened = (open.details ?? {}) as Prisma.JsonObject;
  await tx.incident.updateMany({
    where: { id: open.id, organizationId },
    data: { closedAt: at, openLock: null, details: { ...opened, recovery: countsOf(assessment) } },
  });
  await tx.calendarIntegration.update({ where: { id: c.integration.id }, data: { status: 'ACTIVE' } });
  const mail = renderIncidentResolvedMail({ organization, assessment, openedAt: open.openedAt, closedAt: at });
  const notificationId = await createNotification(c, open, 'INCIDENT_RESOLVED', mail);
  await audit(c, 'integration.health.recovered', open.id, { from: c.integration.status, to: 'ACTIVE' });
  return { transition: 'resolved', assessment, incidentId: open.id, notificationId };
}

/** The owner's mail for this transition; none when the integration names no owner. */
async function createNotification(
  c: TransitionContext,
  incident: Incident,
  kind: 'INCIDENT_OPENED' | 'INCIDENT_RESOLVED',
  mail: OwnerMail,
): Promise<string | null> {
  const recipient = c.integration.ownerEmail;
  if (!recipient) {
    c.deps.logger.warn({ organizationId: incident.organizationId, incidentId: incident.id, kind }, 'no integration owner to notify');
    return null;
  }
  const notification = await c.tx.notification.create({
    data: {
      organizationId: incident.organizationId,
      incidentId: incident.id,
      kind,
      recipient,
      subject: mail.subject,
      text: mail.text,
      messageKey: messageKeys.ownerNotification(incident.id, kind),
      createdAt: c.at,
    },
  });
  return notification.id;
}

async function audit(c: TransitionContext, action: string, incidentId: string, status: { from: string; to: string }): Promise<void> {
  await writeAuditEntry(c.tx, {
    organizationId: c.input.organizationId,
    actor: { type: 'SYSTEM', id: 'health' },
    action,
    target: { type: 'Incident', id: incidentId },
    details: {
      ...countsOf(c.assessment),
      status,
      trigger: c.input.trigger ?? 'evaluation',
      ...(c.input.runId && { runId: c.input.runId }),
    },
    at: c.at,
  });
}

function countsOf(assessment: HealthAssessment): Prisma.InputJsonObject {
  const { causes, total, checked, active, failing, byStatus } = assessment;
  return { causes, total, checked, active, failing, byStatus };
}

/** A few failing people, with the reason and fix of their last check, for the owner's mail. */
async function failingExamples(tx: Tx, organizationId: string): Promise<FailingExample[]> {
  const rows = await tx.personCalendarAccess.findMany({
    where: { organizationId, status: { notIn: ['ACTIVE', 'UNKNOWN'] }, person: { status: 'ACTIVE' } },
    orderBy: [{ checkedAt: 'desc' }, { id: 'asc' }],
    take: EXAMPLES_IN_MAIL,
    select: { status: true, reason: true, fix: true, person: { select: { email: true } } },
  });
  return rows.map((row) => ({ email: row.person.email, status: row.status, reason: row.reason, fix: row.fix }));
}

/** Queues the mail; a queue that refuses must not undo the transition (the resend sweep catches up). */
async function queueDelivery(deps: HealthDeps, notification: NotificationRef): Promise<void> {
  try {
    await deps.deliverNotification(notification);
  } catch (error) {
    deps.logger.error({ err: error, notificationId: notification.id }, 'could not queue the owner notification; the resend sweep will');
  }
}
