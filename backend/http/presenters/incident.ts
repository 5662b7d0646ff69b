import type { IncidentWithNotifications } from '../../domain/health/list-incidents.js';
import type { Notification } from '../../store/generated/prisma/client.js';

/** A period of failure: when, why (counts per reason), and whether the owner was told. */
export function presentIncident(incident: IncidentWithNotifications) {
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
export function presentNotification(notification: Notification) {
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
      /** The iCalendar part of an invitation (`text/calendar; method=…`), null for other mails. */
      calendar: notification.calendar ? { method: notification.calendarMethod, content: notification.calendar } : null,
    },
  };
}
