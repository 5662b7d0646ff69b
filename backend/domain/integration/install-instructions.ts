import type { IntegrationMethod } from '../../store/generated/prisma/client.js';
import type { InstallInfo } from './wizard.js';

/** Together acts only for people of domains a super administrator proved (install.verifyDomain has the request). */
const VERIFY_DOMAIN =
  'Verify your Workspace domain: start a domain verification here and open its Google sign-in link, or send it to a super administrator ' +
  'of the domain; they sign in with Google within 10 minutes. Other domains of the same Google Workspace that you listed are verified with it.';

/** What a Google Workspace admin does to give Together calendar access, step by step, for the chosen method. */
export function installInstructions(method: IntegrationMethod, info: InstallInfo): string[] {
  const scopes = info.scopes.join(',');
  if (method === 'DOMAIN_WIDE') {
    return [
      'Sign in to the Google Admin console (admin.google.com) as a super administrator.',
      `Open Together's Marketplace listing, ${info.marketplaceListingUrl}, and choose "Admin install".`,
      'To limit Together to some users, choose "Certain groups or organizational units" and pick the organizational unit ' +
        'or group that holds your mentoring users; otherwise choose "Everyone at your organization". ' +
        'People outside that unit or group are reported as "app not installed" by the integration test.',
      `Accept the requested access. The app's service account (client ID ${info.clientId}) is granted exactly these scopes: ${info.scopes.join(' ')}.`,
      'If you manage domain-wide delegation by hand instead: Admin console › Security › Access and data control › API controls › ' +
        `Manage domain-wide delegation › Add new, with client ID ${info.clientId} and OAuth scopes ${scopes}.`,
      VERIFY_DOMAIN,
      'Confirm the installation here, then run the integration test. Google can take a few minutes (rarely up to 24 hours) to apply a new install.',
    ];
  }
  return [
    'No Marketplace install for everyone: each mentoring user opens Together in the Google Calendar sidebar and chooses "Connect your Google Calendar" ' +
      "(or opens a connect link a Together admin mailed them), then allows Together to use their calendar on Google's consent page.",
    'A connection that stops working (access removed in the Google account, unused for six months) shows the person a reconnect To-Do in the sidebar.',
    'To allow only some users, go to Admin console › Security › Access and data control › API controls › Manage third-party app access, ' +
      `add the app by its OAuth client ID ${info.perUser.clientId}, and set it to "Trusted" for the organizational unit or group that holds your mentoring users.`,
    `Each user grants these scopes: ${info.perUser.scopes.join(' ')}.`,
    VERIFY_DOMAIN,
    'Confirm here, then run the integration test; it reports who has not granted access yet.',
  ];
}
