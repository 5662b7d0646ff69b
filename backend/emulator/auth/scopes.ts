/** The scopes each emulated method accepts (reference §B9, from the discovery documents). */

const G = 'https://www.googleapis.com/auth/';
const CALENDAR_WRITE = ['calendar', 'calendar.events', 'calendar.events.owned', 'calendar.app.created'].map((s) => G + s);
const CALENDAR_READ = [
  ...CALENDAR_WRITE,
  ...['calendar.readonly', 'calendar.events.readonly', 'calendar.events.owned.readonly', 'calendar.events.freebusy', 'calendar.events.public.readonly'].map((s) => G + s),
];
const CALENDAR_ANY = [...CALENDAR_READ, ...['calendar.freebusy', 'calendar.calendarlist', 'calendar.calendarlist.readonly', 'calendar.settings.readonly'].map((s) => G + s)];
const FREEBUSY = ['calendar', 'calendar.readonly', 'calendar.freebusy', 'calendar.events.freebusy'].map((s) => G + s);
const CALENDAR_LIST = ['calendar', 'calendar.readonly', 'calendar.calendarlist', 'calendar.calendarlist.readonly'].map((s) => G + s);
const SETTINGS = ['calendar', 'calendar.readonly', 'calendar.settings.readonly'].map((s) => G + s);
const DIRECTORY_USERS = [G + 'admin.directory.user', G + 'admin.directory.user.readonly', 'https://www.googleapis.com/auth/cloud-platform'];
const DIRECTORY_DOMAINS = [G + 'admin.directory.domain', G + 'admin.directory.domain.readonly'];
const PEOPLE_GET = [
  G + 'userinfo.profile',
  G + 'userinfo.email',
  'profile',
  'email',
  G + 'directory.readonly',
  G + 'contacts',
  G + 'contacts.readonly',
  G + 'contacts.other.readonly',
  ...['addresses', 'birthday', 'emails', 'gender', 'organization', 'phonenumbers'].map((s) => `${G}user.${s}.read`),
];

/** An API method as the emulator routes, counts and authorises it. */
export interface ApiMethod {
  /** Discovery-style name, used in the request log and in fault rules. */
  name: string;
  scopes: readonly string[];
  /** For the ErrorInfo of a 403 insufficient-scope answer. */
  service: string;
  rpcMethod: string;
}

const calendar = (name: string, scopes: readonly string[], rpc: string): ApiMethod => ({
  name: `calendar.${name}`,
  scopes,
  service: 'calendar-json.googleapis.com',
  rpcMethod: `calendar.v3.${rpc}`,
});

export const METHODS = {
  freebusyQuery: calendar('freebusy.query', FREEBUSY, 'Freebusy.Query'),
  eventsInsert: calendar('events.insert', CALENDAR_WRITE, 'Events.Insert'),
  eventsGet: calendar('events.get', CALENDAR_READ, 'Events.Get'),
  eventsList: calendar('events.list', CALENDAR_READ, 'Events.List'),
  eventsPatch: calendar('events.patch', CALENDAR_WRITE, 'Events.Patch'),
  eventsUpdate: calendar('events.update', CALENDAR_WRITE, 'Events.Update'),
  eventsDelete: calendar('events.delete', CALENDAR_WRITE, 'Events.Delete'),
  eventsWatch: calendar('events.watch', CALENDAR_READ, 'Events.Watch'),
  channelsStop: calendar('channels.stop', CALENDAR_ANY, 'Channels.Stop'),
  calendarListGet: calendar('calendarList.get', CALENDAR_LIST, 'CalendarList.Get'),
  settingsGet: calendar('settings.get', SETTINGS, 'Settings.Get'),
  directoryUsersList: { name: 'directory.users.list', scopes: DIRECTORY_USERS, service: 'admin.googleapis.com', rpcMethod: 'ccc.hosted.frontend.directory.v1.DirectoryUsers.List' },
  directoryUsersGet: { name: 'directory.users.get', scopes: DIRECTORY_USERS, service: 'admin.googleapis.com', rpcMethod: 'ccc.hosted.frontend.directory.v1.DirectoryUsers.Get' },
  directoryDomainsList: { name: 'directory.domains.list', scopes: DIRECTORY_DOMAINS, service: 'admin.googleapis.com', rpcMethod: 'ccc.hosted.frontend.directory.v1.DirectoryDomains.List' },
  directoryDomainsGet: { name: 'directory.domains.get', scopes: DIRECTORY_DOMAINS, service: 'admin.googleapis.com', rpcMethod: 'ccc.hosted.frontend.directory.v1.DirectoryDomains.Get' },
  peopleGet: { name: 'people.people.get', scopes: PEOPLE_GET, service: 'people.googleapis.com', rpcMethod: 'google.people.v1.PeopleService.GetPerson' },
} satisfies Record<string, ApiMethod>;
