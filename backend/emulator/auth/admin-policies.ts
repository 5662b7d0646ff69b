/**
 * A Workspace's API access controls (Admin console → Security → API controls, §D8): a service set to
 * Restricted can be used only by apps the admin trusts. An app not trusted gets `admin_policy_enforced`:
 * its consent ends on Google's error page, and its existing refresh tokens of that customer's users stop working.
 */

const G = 'https://www.googleapis.com/auth/';

/** The services the emulator can restrict, and the scopes each covers. */
export const RESTRICTABLE_SERVICES = {
  calendar: (scope: string): boolean => scope.startsWith(`${G}calendar`),
} as const satisfies Record<string, (scope: string) => boolean>;

export type RestrictableService = keyof typeof RESTRICTABLE_SERVICES;

export interface AdminPolicy {
  customerId: string;
  /** The app (OAuth client id) that is not trusted. */
  clientId: string;
  restrictedServices: RestrictableService[];
}

const key = (customerId: string, clientId: string): string => `${customerId}\n${clientId}`;

export class AdminPolicies {
  private readonly policies = new Map<string, AdminPolicy>();

  set(policy: AdminPolicy): AdminPolicy {
    const stored = { ...policy, restrictedServices: [...new Set(policy.restrictedServices)] };
    this.policies.set(key(policy.customerId, policy.clientId), stored);
    return stored;
  }

  remove(customerId: string, clientId: string): boolean {
    return this.policies.delete(key(customerId, clientId));
  }

  list(): AdminPolicy[] {
    return [...this.policies.values()];
  }

  /** Whether the customer's policy keeps the client from any of these scopes. */
  blocks(customerId: string | undefined, clientId: string, scopes: Iterable<string>): boolean {
    if (customerId === undefined) return false;
    const policy = this.policies.get(key(customerId, clientId));
    if (!policy) return false;
    const restricted = policy.restrictedServices.map((service) => RESTRICTABLE_SERVICES[service]);
    return [...scopes].some((scope) => restricted.some((covers) => covers(scope)));
  }

  clear(): void {
    this.policies.clear();
  }
}

/** Google's text for a blocked app (its page and the refresh answer carry the admin's domain). */
export const adminPolicyMessage = (domain: string): string =>
  `Access to your account data is restricted by policies within your organization. Please contact the administrator for ${domain} for more information.`;
