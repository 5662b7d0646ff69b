import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { VerifiedIdentity } from '../../google/id-tokens.js';
import type { DomainDeps } from '../deps.js';
import { AppError } from '../errors.js';
import type { UserPrincipal } from './access.js';

/** Checks a Google ID token (signature, issuer, audience, expiry) and returns its claims; throws otherwise. */
export interface IdentityVerifier {
  verify(idToken: string): Promise<VerifiedIdentity>;
}

const OUTSIDE = 'Your Google account is not a member of a Together organization here.';

/**
 * Resolves the add-on's ID token to a person: the token must be valid for one of our add-on client
 * ids with a verified email; its Workspace domain (`hd`) and the email's domain must be verified domains
 * of one organization (a domain an organization only claims maps nobody), and the email an active
 * person of that organization. Anything else: 401 for a bad token, 403 otherwise.
 */
export async function authenticateUser(
  deps: DomainDeps & { verifier: IdentityVerifier },
  input: { idToken: string },
): Promise<UserPrincipal> {
  let identity: VerifiedIdentity;
  try {
    identity = await deps.verifier.verify(input.idToken);
  } catch {
    throw new AppError(
      'unauthenticated',
      'Send a valid Google ID token of the add-on: "Authorization: Bearer <ScriptApp.getIdentityToken()>".',
    );
  }
  if (!identity.emailVerified) throw new AppError('unauthenticated', 'The Google account behind this ID token has no verified email.');
  const emailDomain = identity.email.split('@')[1] ?? '';
  if (!identity.hostedDomain) throw new AppError('forbidden', OUTSIDE);
  const domains = await deps.prisma.workspaceDomain.findMany({
    where: { domain: { in: [...new Set([identity.hostedDomain, emailDomain])] }, verifiedAt: { not: null } },
    select: { domain: true, organizationId: true },
  });
  const hd = domains.find((d) => d.domain === identity.hostedDomain);
  const own = domains.find((d) => d.domain === emailDomain);
  if (!hd || !own || hd.organizationId !== own.organizationId) throw new AppError('forbidden', OUTSIDE);
  const person = await deps.prisma.person.findUnique({
    where: { organizationId_email: { organizationId: hd.organizationId, email: identity.email } },
    select: { id: true, status: true, timeZone: true },
  });
  if (!person || person.status !== 'ACTIVE') throw new AppError('forbidden', OUTSIDE);
  return { organizationId: hd.organizationId, personId: person.id, email: identity.email, timeZone: person.timeZone };
}

/**
 * authenticateUser with a small memory: the person behind a token is remembered for up to a minute
 * (never past the token's own expiry, which verify enforces on a miss), so the add-on's bursts of
 * calls cost one verification and no database reads. Failures are never cached.
 */
export function cachedUserAuthenticator(
  deps: DomainDeps & { verifier: IdentityVerifier },
  options: { ttlMs?: number; max?: number } = {},
): (input: { idToken: string }) => Promise<UserPrincipal> {
  const ttlMs = options.ttlMs ?? 60_000;
  const cache = new LRUCache<string, UserPrincipal>({ max: options.max ?? 10_000, ttl: ttlMs, ttlAutopurge: false });
  return async ({ idToken }) => {
    const key = createHash('sha256').update(idToken).digest('base64url');
    const hit = cache.get(key);
    if (hit && !expired(idToken)) return hit;
    const principal = await authenticateUser(deps, { idToken });
    cache.set(key, principal);
    return principal;
  };
}

/** The token's `exp` has passed (it was verified before it entered the cache, so its payload is trusted). */
function expired(idToken: string): boolean {
  try {
    const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
    // Google's libraries check expiry against the real clock too.
    return typeof payload.exp !== 'number' || payload.exp * 1000 <= Date.now();
  } catch {
    return true;
  }
}
