import { Prisma } from './generated/prisma/client.js';

/** PostgreSQL SQLSTATE for a CHECK constraint violation. */
const CHECK_VIOLATION = '23514';
/** PostgreSQL SQLSTATE for text it cannot hold: in UTF-8, only U+0000 (JSON's `\u0000`, a query's `%00`). */
const CHARACTER_NOT_IN_REPERTOIRE = '22021';

/**
 * A database error the request caused, in the words of the error codes clients see (the domain
 * turns it into an AppError: `domain/errors.ts`). The store knows nothing above it, so it names
 * the codes itself.
 */
export interface DatabaseViolation {
  code: 'already_exists' | 'invalid_reference' | 'not_found' | 'constraint_violation' | 'invalid_request';
  message: string;
  details?: { constraint: string | undefined };
}

/** True for a unique-constraint violation (Prisma's P2002): a concurrent writer got there first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * Describes a database error caused by the request (a duplicate, a dangling reference, a broken
 * invariant), naming the constraint; returns undefined for anything else, which stays a 500. Row
 * contents in the database's message are never passed on.
 */
export function translateDatabaseError(error: unknown): DatabaseViolation | undefined {
  const known = error instanceof Prisma.PrismaClientKnownRequestError;
  // Any text of the request may reach a query, and every one is refused the same way (the transaction rolled back).
  if (driverCause(known ? error.meta : error)?.originalCode === CHARACTER_NOT_IN_REPERTOIRE) {
    return { code: 'invalid_request', message: 'The request holds a NUL character (U+0000), which no text field can store.' };
  }
  if (known) {
    const constraint = constraintName(driverCause(error.meta));
    if (isUniqueViolation(error))
      return { code: 'already_exists', message: 'A record with the same unique value already exists.', details: { constraint } };
    switch (error.code) {
      case 'P2003':
        return { code: 'invalid_reference', message: 'A referenced record does not exist in this organization.', details: { constraint } };
      case 'P2025':
        return { code: 'not_found', message: 'The record does not exist.' };
    }
    return undefined;
  }
  // Violations Prisma has no code for (CHECK constraints) arrive as the driver adapter's raw error.
  const cause = driverCause(error);
  if (cause?.originalCode === CHECK_VIOLATION) {
    return {
      code: 'constraint_violation',
      message: 'The change breaks a rule of the data model.',
      details: { constraint: constraintName(cause) },
    };
  }
  return undefined;
}

interface DriverCause {
  originalCode?: unknown;
  originalMessage?: unknown;
  constraint?: unknown;
}

/** The database's own error: on a DriverAdapterError itself, or under a known error's meta. */
function driverCause(errorOrMeta: unknown): DriverCause | undefined {
  if (!errorOrMeta || typeof errorOrMeta !== 'object') return undefined;
  const holder = errorOrMeta as { name?: unknown; cause?: unknown; driverAdapterError?: { cause?: unknown } };
  const cause = holder.name === 'DriverAdapterError' ? holder.cause : holder.driverAdapterError?.cause;
  return cause && typeof cause === 'object' ? (cause as DriverCause) : undefined;
}

function constraintName(cause: DriverCause | undefined): string | undefined {
  if (!cause) return undefined;
  const constraint = cause.constraint as { index?: unknown; fields?: unknown } | string | undefined;
  if (typeof constraint === 'string') return constraint;
  if (typeof constraint?.index === 'string') return constraint.index;
  if (Array.isArray(constraint?.fields)) return constraint.fields.join(', ');
  const quoted = typeof cause.originalMessage === 'string' ? /constraint "([^"]+)"/.exec(cause.originalMessage) : null;
  return quoted?.[1];
}
