/** The scopes each emulated method accepts (reference §B9, from the discovery documents). */

const G = 'https://www.googleapis.com/auth/';
const CALENDAR_WRITE = ['calendar', 'calendar.events', 'calendar.events.owned', 'calendar.app.created'].map((s) => G + s);
const CALENDAR_READ = [
  ...CALENDAR_WRITE,
  ...[
    'calendar.readonly',
    'calendar.events.readonly',
    'calendar.events.owned.readonly',
    'calendar.events.freebusy',
    'calendar.events.public.readonly',
  ].map((s) => G + s),
];
const CALENDAR_ANY = [
  ...CALENDAR_READ,
  ...['calendar.freebusy', 'calendar.calendarlist', 'calendar.calendarlist.readonly', 'calendar.settings.readonly'].map((s) => G + s),
];
const FREEBUSY = ['calendar', 'calendar.readonly', 'calendar.freebusy', 'calendar.events.freebusy'].map((s) => G + s);
const CALENDAR_LIST = ['calendar', 'calendar.readonly', 'calendar.calendarlist', 'calendar.calendarlist.readonly'].map((s) => G + s);
const SETTINGS = ['calendar', 'calendar.readonly', 'calendar.settings.readonly'].map((s) => G + s);
const DIRECTORY_USERS = [G + 'admin.directory.user', G + 'admin.directory.user.readonly', 'https://www.googleapis.com/auth/cloud-platform'];
const DIRECTORY_DOMAINS = [G + 'admin.directory.domain', G + 'admin.directory.domain.readonly'];
/** OpenID Connect's userinfo: any Sign-In scope (short or URL form). */
const USERINFO = ['openid', 'email', 'profile', G + 'userinfo.email', G + 'userinfo.profile'];
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
  directoryUsersList: {
    name: 'directory.users.list',
    scopes: DIRECTORY_USERS,
    service: 'admin.googleapis.com',
    rpcMethod: 'ccc.hosted.frontend.directory.v1.DirectoryUsers.List',
  },
  directoryUsersGet: {
    name: 'directory.users.get',
    scopes: DIRECTORY_USERS,
    service: 'admin.googleapis.com',
    rpcMethod: 'ccc.hosted.frontend.directory.v1.DirectoryUsers.Get',
  },
  directoryDomainsList: {
    name: 'directory.domains.list',
    scopes: DIRECTORY_DOMAINS,
    service: 'admin.googleapis.com',
    rpcMethod: 'ccc.hosted.frontend.directory.v1.DirectoryDomains.List',
  },
  directoryDomainsGet: {
    name: 'directory.domains.get',
    scopes: DIRECTORY_DOMAINS,
    service: 'admin.googleapis.com',
    rpcMethod: 'ccc.hosted.frontend.directory.v1.DirectoryDomains.Get',
  },
  userinfo: {
    name: 'oauth2.userinfo',
    scopes: USERINFO,
    service: 'openidconnect.googleapis.com',
    rpcMethod: 'google.identity.oauth2.v1.UserInfo.Get',
  },
  peopleGet: {
    name: 'people.people.get',
    scopes: PEOPLE_GET,
    service: 'people.googleapis.com',
    rpcMethod: 'google.people.v1.PeopleService.GetPerson',
  },
} satisfies Record<string, ApiMethod>;

/** The Sign-In scopes' short names and the URL forms Google grants for them (§D1). */
export const SIGN_IN_ALIASES: Readonly<Record<string, string>> = { email: `${G}userinfo.email`, profile: `${G}userinfo.profile` };

/** Every scope the emulator knows: what an authorization request may ask for (anything else is `invalid_scope`). */
export const KNOWN_SCOPES: ReadonlySet<string> = new Set([
  'openid',
  ...Object.keys(SIGN_IN_ALIASES),
  ...Object.values(METHODS).flatMap((method) => method.scopes),
]);

/** The canonical form of a scope: URL forms for `email` / `profile`, anything else as given. */
export const canonicalScope = (scope: string): string => SIGN_IN_ALIASES[scope] ?? scope;

/** Whether a scope is one of OpenID Connect's Sign-In scopes (they imply `openid` at Google). */
export const isSignInScope = (scope: string): boolean =>
  scope === 'openid' || Object.values(SIGN_IN_ALIASES).includes(canonicalScope(scope));

/** What the consent screen says for a scope (Google's wording, §B9); the scope itself when unknown. */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  openid: 'Associate you with your personal info on Google',
  [`${G}userinfo.email`]: 'See your primary Google Account email address',
  [`${G}userinfo.profile`]: "See your personal info, including any personal info you've made publicly available",
  [`${G}calendar`]: 'See, edit, share, and permanently delete all the calendars you can access using Google Calendar',
  [`${G}calendar.events`]: 'View and edit events on all your calendars',
  [`${G}calendar.readonly`]: 'See and download any calendar you can access using your Google Calendar',
  [`${G}calendar.freebusy`]: 'View your availability in your calendars',
  [`${G}admin.directory.user.readonly`]: 'See info about users on your domain',
  [`${G}admin.directory.user`]: 'View and manage the provisioning of users on your domain',
  [`${G}admin.directory.domain.readonly`]: 'View domains related to your customers',
  [`${G}admin.directory.domain`]: 'View and manage the provisioning of domains for your customers',
  [`${G}directory.readonly`]: "See and download your organization's Google Workspace directory",
};

export const scopeDescription = (scope: string): string => DESCRIPTIONS[canonicalScope(scope)] ?? scope;
