import { z } from 'zod';
import type { IncidentWithNotifications } from '../../domain/health/list-incidents.js';
import type { Notification } from '../../store/generated/prisma/client.js';
import { id, instant, json } from './wire.js';

const NOTIFICATION_KINDS = ['INCIDENT_OPENED', 'INCIDENT_RESOLVED', 'SESSION_INVITATION', 'SESSION_CANCELLATION', 'CONNECT_LINK'] as const;
const NOTIFICATION_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED'] as const;

/** A period of failure: when, why (counts per reason), and whether the owner was told. */
export const incidentSchema = z
  .strictObject({
    id,
    open: z.boolean(),
    summary: z.string(),
    /** Counts per reason when it opened (and when it closed). */
    details: json,
    openedAt: instant,
    closedAt: instant.nullable(),
    notifications: z.array(
      z.strictObject({
        id,
        kind: z.enum(NOTIFICATION_KINDS),
        status: z.enum(NOTIFICATION_STATUSES),
        attempts: z.int(),
        sentAt: instant.nullable(),
      }),
    ),
  })
  .meta({ id: 'Incident', description: 'A period of failure of the integration, and the owner mails about it.' });

/** A mail of the outbox, with its delivery state and the message as sent (or captured). */
export const notificationSchema = z
  .strictObject({
    id,
    incidentId: id.nullable(),
    sessionId: id.nullable(),
    kind: z.enum(NOTIFICATION_KINDS),
    recipient: z.string(),
    status: z.enum(NOTIFICATION_STATUSES),
    attempts: z.int(),
    lastError: z.string().nullable(),
    transport: z.enum(['SMTP', 'CAPTURE']).nullable(),
    createdAt: instant,
    sentAt: instant.nullable(),
    message: z.strictObject({
      subject: z.string(),
      text: z.string().nullable(),
      /** The iCalendar part of an invitation (`text/calendar; method=…`), null for other mails. */
      calendar: z.strictObject({ method: z.string().nullable(), content: z.string() }).nullable(),
    }),
  })
  .meta({ id: 'Notification', description: 'A mail of the outbox: an owner notification, a session invitation, a connect link.' });

/** A period of failure: when, why (counts per reason), and whether the owner was told. */
export function presentIncident(incident: IncidentWithNotifications): z.output<typeof incidentSchema> {
  return {
    id: incident.id,
    open: incident.closedAt === null,
    summary: incident.summary,
    details: incident.details,
    openedAt: incident.openedAt,
    closedAt: incident.closedAt,
    notifications: incident.notifications.map((n) => ({
      id: n.id,
      kind: n.kind,
      status: n.status,
      attempts: n.attempts,
      sentAt: n.sentAt,
    })),
  };
}

/**
 * A mail of the outbox (an owner notification, a session's email invitation, a connect link): to whom,
 * its delivery state, and the message itself (what was sent, or captured in sandbox mode).
 */
export function presentNotification(notification: Notification): z.output<typeof notificationSchema> {
  return {
    id: notification.id,
    incidentId: notification.incidentId,
    sessionId: notification.sessionId,
    kind: notification.kind,
    recipient: notification.recipient,
    status: notification.status,
    attempts: notification.attempts,
    lastError: notification.lastError,
    transport: notification.transport,
    createdAt: notification.createdAt,
    sentAt: notification.sentAt,
    message: {
      subject: notification.subject,
      text: notification.text,
      calendar: notification.calendar ? { method: notification.calendarMethod, content: notification.calendar } : null,
    },
  };
}
