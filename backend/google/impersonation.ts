import { GoogleApiError } from './errors.js';

/**
 * Whom a delegated call acts as, and the verified Workspace domains of the one organization it is
 * made for. Every tenant shares the service account, so this is what keeps one organization's admin
 * from reaching another customer's users: google/ never impersonates a subject outside the domains
 * named here, and it never works them out itself — the caller passes the organization's own.
 */
export interface Impersonation {
  /** The user's email. */
  readonly subject: string;
  /** The organization's domains a Workspace super admin has verified (lower case). */
  readonly verifiedDomains: readonly string[];
}

export const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** The subject, lower-cased, once it is known to be inside the organization's verified domains. */
export function permittedSubject(who: Impersonation): string {
  const subject = who.subject.toLowerCase();
  const domain = domainOf(subject);
  if (!who.verifiedDomains.some((verified) => verified.toLowerCase() === domain)) {
    throw new GoogleApiError(
      'domain_not_verified',
      `Together does not act as ${subject}: ${domain} is not a verified domain of this organization.`,
      {
        fix: `A super administrator of the ${domain} Google Workspace verifies the domain in the integration's install step.`,
      },
    );
  }
  return subject;
}
