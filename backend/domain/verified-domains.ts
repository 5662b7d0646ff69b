import { domainOf, type Impersonation } from '../google/impersonation.js';
import type { Tx } from './deps.js';

/** An organization's Workspace domains that a super admin of each has verified, lower case. */
export async function verifiedDomainsOf(db: Pick<Tx, 'workspaceDomain'>, organizationId: string): Promise<string[]> {
  const rows = await db.workspaceDomain.findMany({
    where: { organizationId, verifiedAt: { not: null } },
    select: { domain: true },
    orderBy: { domain: 'asc' },
  });
  return rows.map((row) => row.domain);
}

/** Google, asked as `email` on behalf of the organization whose verified domains are given. */
export const actAs = (email: string, verifiedDomains: readonly string[]): Impersonation => ({ subject: email, verifiedDomains });

/** Whether Together may act as `email` at all: their domain is one of the organization's verified ones. */
export const inVerifiedDomain = (email: string, verifiedDomains: readonly string[]): boolean => verifiedDomains.includes(domainOf(email));

/** Each organization's verified domains read once, for a pass over sessions or people of many. */
export function verifiedDomainsReader(db: Pick<Tx, 'workspaceDomain'>): (organizationId: string) => Promise<string[]> {
  const read = new Map<string, Promise<string[]>>();
  return (organizationId) => {
    let domains = read.get(organizationId);
    if (!domains) {
      domains = verifiedDomainsOf(db, organizationId);
      read.set(organizationId, domains);
    }
    return domains;
  };
}
