import type { AccessStatus, IntegrationStatus } from '../../store/generated/prisma/client.js';

/** A status tag: its words and its one colour (PAGES.md › Statuses: the text is always visible, one colour each). */
export interface TagWords {
  text: string;
  colour: 'grey' | 'blue' | 'green' | 'red' | 'light-blue';
}

export const INTEGRATION_TAG: Record<IntegrationStatus, TagWords> = {
  NOT_CONFIGURED: { text: 'Not configured', colour: 'grey' },
  CONFIGURING: { text: 'Configuring', colour: 'blue' },
  ACTIVE: { text: 'Active', colour: 'green' },
  FAILING: { text: 'Failing', colour: 'red' },
};

/** How each access status reads to an HR admin: the tag, a short reason, and the fix, written once per reason. */
export interface AccessWords {
  tag: TagWords;
  reason: string;
  fix: (person: { name: string; email: string }) => string;
}

export const ACCESS_WORDS: Record<AccessStatus, AccessWords> = {
  ACTIVE: { tag: { text: 'Working', colour: 'green' }, reason: 'Working', fix: () => 'Nothing to do.' },
  NOT_INSTALLED: {
    tag: { text: 'Needs a fix', colour: 'red' },
    reason: 'App not installed',
    fix: ({ name }) =>
      `The Together app is not installed for ${name}. In the Google Admin console, install Together for ${name}'s organizational unit or group, then run the test again.`,
  },
  NOT_IN_WORKSPACE: {
    tag: { text: 'Needs a fix', colour: 'red' },
    reason: 'Not in your Google Workspace',
    fix: ({ name, email }) => `${email} is not an account of your Google Workspace. Ask ${name} to use their work email in Together.`,
  },
  SUSPENDED_OR_DELETED: {
    tag: { text: 'Needs a fix', colour: 'red' },
    reason: 'Account suspended or deleted',
    fix: ({ name }) => `${name}'s Google account is suspended or deleted. Together will work again when the account is restored.`,
  },
  DOMAIN_NOT_VERIFIED: {
    tag: { text: 'Needs a fix', colour: 'red' },
    reason: 'Domain not verified',
    fix: ({ email }) =>
      `The domain of ${email} is not verified yet. A super administrator of your Google Workspace verifies it in the install step.`,
  },
  CALENDAR_API_ERROR: {
    tag: { text: 'Needs a fix', colour: 'red' },
    reason: 'Google Calendar refused',
    fix: ({ name }) =>
      `Google Calendar did not let Together read ${name}'s calendar. Check that Calendar is turned on for ${name}, then run the test again.`,
  },
  OTHER: {
    tag: { text: 'Needs a fix', colour: 'red' },
    reason: 'Could not check',
    fix: ({ name }) => `We couldn't check ${name}'s calendar. Run the test again later. If it keeps happening, contact Together support.`,
  },
  NOT_CONNECTED: {
    tag: { text: 'Not connected', colour: 'grey' },
    reason: 'Not connected yet',
    fix: ({ name }) =>
      `${name} has not connected their Google Calendar yet. They open Together in the Google Calendar sidebar and choose Connect your Google Calendar, or you send them a connect link.`,
  },
  CONNECTION_REVOKED: {
    tag: { text: 'Needs a fix', colour: 'red' },
    reason: 'Connection revoked or expired',
    fix: ({ name }) =>
      `${name}'s connection stopped working: access was removed in their Google account, or it expired unused. Together asks ${name} to reconnect in the Calendar sidebar; you can also send them a connect link.`,
  },
  SCOPE_NOT_GRANTED: {
    tag: { text: 'Needs a fix', colour: 'red' },
    reason: 'Calendar access not granted',
    fix: ({ name }) =>
      `${name} connected without allowing Together to use Google Calendar. Ask ${name} to connect again and leave the calendar box ticked.`,
  },
  BLOCKED_BY_POLICY: {
    tag: { text: 'Needs a fix', colour: 'red' },
    reason: 'Blocked by admin policy',
    fix: ({ name }) =>
      `Your Google Workspace only lets trusted apps use Calendar. An administrator marks Together as trusted (Admin console › Security › API controls), then ${name} connects again.`,
  },
  UNKNOWN: { tag: { text: 'Not checked yet', colour: 'grey' }, reason: 'Not checked yet', fix: () => 'Run the test.' },
};

/** The order reasons are listed in: the most common fixes first, working last. */
export const ACCESS_ORDER: readonly AccessStatus[] = [
  'NOT_INSTALLED',
  'NOT_IN_WORKSPACE',
  'SUSPENDED_OR_DELETED',
  'DOMAIN_NOT_VERIFIED',
  'NOT_CONNECTED',
  'CONNECTION_REVOKED',
  'SCOPE_NOT_GRANTED',
  'BLOCKED_BY_POLICY',
  'CALENDAR_API_ERROR',
  'OTHER',
  'UNKNOWN',
  'ACTIVE',
];

const numbers = new Intl.NumberFormat('en-GB');

/** "2,788". */
export const count = (value: number): string => numbers.format(value);

/** "1 person" / "212 people". */
export const people = (value: number): string => `${count(value)} ${value === 1 ? 'person' : 'people'}`;

/** The headline of a finished test: "Together is active for 22 of 29 people. 7 need a fix." */
export function headline(active: number, total: number): string {
  if (total === 0) return 'Together found nobody to check. Add people to Together, then run the test again.';
  if (active === 0) return `Together is not active for anyone yet: all ${people(total)} need a fix.`;
  const rest = total - active;
  return `Together is active for ${count(active)} of ${people(total)}.${rest > 0 ? ` ${count(rest)} ${rest === 1 ? 'needs' : 'need'} a fix.` : ''}`;
}

/** Field messages for the API's validation codes, worded as PAGES.md › Words says. */
export const FIELD_MESSAGES: Record<string, Record<string, string>> = {
  ownerEmail: {
    missing: "Enter the integration owner's email address",
    format: 'Enter an email address in the correct format, like name@example.org',
  },
  vendor: { missing: 'Select which calendar your organization uses' },
  method: { missing: 'Select how Together should connect to calendars' },
};
