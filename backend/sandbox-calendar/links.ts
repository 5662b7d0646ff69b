/** The week page of `email` for the week of `monday`, with `eventId` opened. */
export const weekHref = (email: string, monday: string, eventId?: string): string =>
  `/calendar/week?user=${encodeURIComponent(email)}&week=${monday}${eventId ? `&event=${encodeURIComponent(eventId)}` : ''}`;

/** The sidebar's pages (backend/addon-preview/): the add-on's home, or the add-on opened on an event. */
export const sidebarHref = (email: string, event?: { calendarId: string; eventId: string }): string =>
  event
    ? `/sidebar/event?user=${encodeURIComponent(email)}&calendarId=${encodeURIComponent(event.calendarId)}&eventId=${encodeURIComponent(event.eventId)}`
    : `/sidebar/home?user=${encodeURIComponent(email)}`;
