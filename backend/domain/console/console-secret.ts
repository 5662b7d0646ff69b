import { randomBytes } from 'node:crypto';
import type { AdminPrincipal } from '../admin/authenticate-admin-token.js';
import { hashToken } from '../admin/token-secret.js';
import type { Tx } from '../deps.js';
import type { PrismaClient } from '../../store/database.js';

/** A working day: a console left signed in on a shared machine is not signed in the next morning. */
export const CONSOLE_SESSION_MAX_AGE_MS = 8 * 3_600_000;
/** An hour without a request ends a session, so an abandoned browser does not stay signed in. */
export const CONSOLE_SESSION_IDLE_MS = 3_600_000;
/** The sandbox prints its link when it starts; an hour is long enough to open it, short enough to be stale. */
export const CONSOLE_SIGN_IN_LINK_TTL_MS = 3_600_000;

/** 32 random bytes in base64url (43 characters): a session's cookie value, or a sign-in link's code. */
export const CONSOLE_SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh secret and its SHA-256 hex, the only form the database holds. */
export function newConsoleSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashToken(secret) };
}

/** A signed-in console: the admin token it acts as, and the session. */
export interface ConsoleSignIn {
  principal: AdminPrincipal;
  sessionId: string;
  /** The cookie's value; shown only here. */
  secret: string;
  expiresAt: Date;
}

/** Opens a session for an authenticated token (shared by the sign-in form and the sandbox's link). */
export async function openConsoleSession(db: PrismaClient | Tx, principal: AdminPrincipal, now: Date): Promise<ConsoleSignIn> {
  const { secret, hash } = newConsoleSecret();
  const expiresAt = new Date(now.getTime() + CONSOLE_SESSION_MAX_AGE_MS);
  const session = await db.consoleSession.create({
    data: { ...principal, secretHash: hash, createdAt: now, lastSeenAt: now, expiresAt },
  });
  return { principal, sessionId: session.id, secret, expiresAt };
}
