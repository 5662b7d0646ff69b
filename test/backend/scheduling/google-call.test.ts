import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../../backend/domain/errors.js';
import type { SchedulingDeps } from '../../../backend/domain/scheduling/deps.js';
import { callGoogle, ExpectedFailure, InvalidGoogleRequest } from '../../../backend/domain/scheduling/google-call.js';
import { GoogleApiError, isNotConnected, NOT_CONNECTED_KINDS, type GoogleFailureKind } from '../../../backend/google/errors.js';

// Only what callGoogle reads: one attempt, no waiting.
const deps = { backoff: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } } as unknown as SchedulingDeps;
const failing = (kind: GoogleFailureKind) => () => Promise.reject(new GoogleApiError(kind, `${kind} from Google`));

describe('callGoogle', () => {
  it('answers the value of a call that succeeds', async () => {
    await expect(callGoogle(deps, () => Promise.resolve(42), ['not_found'])).resolves.toBe(42);
  });

  it('returns an expected kind as an ExpectedFailure, never throwing it', async () => {
    const answer = await callGoogle(deps, failing('gone'), ['not_found', 'gone']);
    expect(answer).toBeInstanceOf(ExpectedFailure);
    expect((answer as ExpectedFailure<'gone'>).kind).toBe('gone');
    expect((answer as ExpectedFailure<'gone'>).error).toBeInstanceOf(GoogleApiError);
  });

  it('throws every other failure as a stable AppError', async () => {
    await expect(callGoogle(deps, failing('user_deleted'))).rejects.toMatchObject({ code: 'calendar_not_connected' });
    await expect(callGoogle(deps, failing('not_found'), ['gone'])).rejects.toMatchObject({
      code: 'calendar_unavailable',
      details: { kind: 'not_found' },
    });
    await expect(callGoogle(deps, () => Promise.reject(new Error('socket hang up')))).rejects.toMatchObject({
      code: 'calendar_unavailable',
      details: { kind: 'unavailable' },
    });
    const own = new AppError('forbidden', 'not yours');
    await expect(callGoogle(deps, () => Promise.reject(own))).rejects.toBe(own);
  });

  it('throws a request Google refused as invalid as our own bug, not as an AppError', async () => {
    const error = await callGoogle(deps, failing('invalid_request')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidGoogleRequest);
    expect(error).not.toBeInstanceOf(AppError);
    expect((error as Error).cause).toBeInstanceOf(GoogleApiError);
  });
});

describe('not connected', () => {
  it('is one set of kinds, told by isNotConnected', () => {
    expect([...NOT_CONNECTED_KINDS]).toEqual(['not_installed', 'user_unknown_or_suspended', 'user_deleted', 'domain_not_verified']);
    for (const kind of NOT_CONNECTED_KINDS) expect(isNotConnected(new GoogleApiError(kind, kind))).toBe(true);
    expect(isNotConnected(new GoogleApiError('forbidden', 'forbidden'))).toBe(false);
    expect(isNotConnected(new Error('user_deleted'))).toBe(false);
  });
});
