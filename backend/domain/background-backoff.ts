import { DEFAULT_BACKOFF, type BackoffOptions } from '../google/backoff.js';

/**
 * Retries of Google calls nobody waits on (background jobs: sync, reconciliation): back off as long
 * as Google asks, 5 attempts from 250 ms doubling up to 20 s. The jobs pass it to use cases whose
 * own default is the short interactive one.
 */
export const BACKGROUND_BACKOFF: BackoffOptions = DEFAULT_BACKOFF;
