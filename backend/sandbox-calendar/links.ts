/** The week page of `email` for the week of `monday` (without one, the week of the emulator's now), with `eventId` opened. */
export const weekHref = (email: string, monday?: string, eventId?: string): string =>
  `/calendar/week?user=${encodeURIComponent(email)}${monday ? `&week=${monday}` : ''}${eventId ? `&event=${encodeURIComponent(eventId)}` : ''}`;

/** The sidebar's pages (backend/addon-preview/): the add-on's home, or the add-on opened on an event. */
export const sidebarHref = (email: string, event?: { calendarId: string; eventId: string }): string =>
  event
    ? `/sidebar/event?user=${encodeURIComponent(email)}&calendarId=${encodeURIComponent(event.calendarId)}&eventId=${encodeURIComponent(event.eventId)}`
    : `/sidebar/home?user=${encodeURIComponent(email)}`;

/** The Mail page of `email`: what Together sent them (captured, never sent). */
export const mailHref = (email: string): string => `/calendar/mail?user=${encodeURIComponent(email)}`;

/** The iCalendar part of one of `email`'s mails, as a download. */
export const inviteHref = (email: string, id: string): string =>
  `/calendar/mail/invite.ics?user=${encodeURIComponent(email)}&id=${encodeURIComponent(id)}`;
