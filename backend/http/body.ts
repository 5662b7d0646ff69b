import express, { type Request, type RequestHandler } from 'express';
import { AppError } from '../domain/errors.js';
import { exceededJsonLimit, type JsonStructureLimits } from './json-structure.js';

/** What a route accepts as its JSON body. See backend/http/README.md › Request bodies. */
export interface JsonBodyLimits extends JsonStructureLimits {
  /** Largest body in bytes, in body-parser's notation (`100kb`, `10mb`). */
  size: string;
}

/**
 * Every JSON body except bulk upserts'. The largest legitimate one, a PATCH of 100 domains, is
 * some 26 kB and 101 values; the deepest body anywhere (a person's working hours) is 6 levels.
 */
export const STANDARD_JSON_LIMITS: JsonBodyLimits = { size: '100kb', maxDepth: 16, maxValues: 1_000 };

/**
 * Bulk upserts (up to 5,000 rows): `size` is HTTP_BODY_LIMIT. A row is 10–80 values (a person with
 * two intervals on each of 7 days is 56), so 500,000 leaves room; as `{}`s they would parse to some
 * 32 MB, against 220 MB for the 3.4 million a 10 MB body can hold.
 */
export const bulkJsonLimits = (size: string): JsonBodyLimits => ({ size, maxDepth: 16, maxValues: 500_000 });

const JSON_TYPES = ['application/json', 'application/*+json'];

/** The charset parameter of a Content-Type, quoted or not. */
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/** Requests whose body a jsonBody() has taken care of, so a second one lets them pass. */
const handled = new WeakSet<Request>();

/** Whether a request carries a body (chunked, or a non-zero Content-Length). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Reads a JSON body within `limits` into `req.body` (undefined without a body): size first (413
 * `payload_too_large`), then depth and value count on the raw bytes before JSON.parse builds
 * anything (400 `json_too_complex`), then the parse (400 `malformed_json`). A body that is not JSON
 * (a form, multipart, text) is 415 `unsupported_media_type`, so it can never pass for "no body".
 * Mount it after authentication: until then no body is read at all. The first jsonBody() a request
 * meets decides; later ones let it through.
 */
export function jsonBody(limits: JsonBodyLimits): RequestHandler {
  const parse = express.json({
    limit: limits.size,
    inflate: false,
    type: JSON_TYPES,
    verify: (req, _res, bytes) => {
      const excess = exceededJsonLimit(bytes, limits);
      if (excess) {
        const what = excess.limit === 'depth' ? `is nested deeper than ${excess.max} levels` : `holds more than ${excess.max} values`;
        throw new AppError('json_too_complex', `The request body ${what}.`, excess);
      }
      // Only a `\uD…` escape can make a lone surrogate (UTF-8 bytes cannot): most bodies skip the walk below.
      if (bytes.includes('\\ud') || bytes.includes('\\uD')) escapedSurrogates.add(req as Request);
    },
  });
  return (req, res, next) => {
    if (handled.has(req)) return next();
    handled.add(req);
    if (!hasBody(req)) return next();
    if (!req.is(JSON_TYPES)) {
      throw new AppError('unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).', {
        contentType: req.headers['content-type'] ?? null,
      });
    }
    // body-parser decodes any utf-* charset (UTF-16 and UTF-32 as well): only UTF-8 is JSON's.
    const charset = CHARSET.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8') {
      throw new AppError('unsupported_media_type', 'The request body charset is not supported: send UTF-8.', {
        contentType: req.headers['content-type'] ?? null,
      });
    }
    parse(req, res, (error?: unknown) => {
      if (error !== undefined) return next(translateBodyError(error, limits) ?? error);
      // JSON.parse takes `"\ud800"`, but such text is no Unicode: Prisma's engine fails on it (a 500), and nothing could store it.
      if (escapedSurrogates.has(req) && holdsLoneSurrogate(req.body)) {
        return next(
          new AppError(
            'invalid_request',
            'The request body holds text that is not valid Unicode (an unpaired surrogate such as \\ud800).',
            { location: 'body' },
          ),
        );
      }
      next();
    });
  };
}

/** Requests whose raw body has a `\uD…` escape, so that their parsed strings must be checked for lone surrogates. */
const escapedSurrogates = new WeakSet<Request>();

/** Whether a parsed JSON value has a string or a key that is not well-formed UTF-16 (a lone surrogate). Depth is bounded before parsing. */
function holdsLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return !value.isWellFormed();
  if (Array.isArray(value)) return value.some(holdsLoneSurrogate);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(([key, member]) => !key.isWellFormed() || holdsLoneSurrogate(member));
  return false;
}

/**
 * Refuses any request body with a Content-Encoding other than identity, on every route: bodies are
 * never decompressed (a small gzip body can inflate to gigabytes), and a header-only check costs
 * nothing. 415 `unsupported_content_encoding`.
 */
export const refuseEncodedBodies: RequestHandler = (req, _res, next) => {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity' && hasBody(req)) {
    throw new AppError(
      'unsupported_content_encoding',
      'Compressed request bodies are not accepted: send the body without Content-Encoding.',
      {
        contentEncoding: encoding,
      },
    );
  }
  next();
};

/**
 * The stable code of each error body-parser and raw-body raise (as http-errors with a `type`).
 * All are about the client's body, so all are 4xx, even the two raw-body counts as 500
 * (`stream.encoding.set`, `stream.not.readable`: a body already read or decoded).
 */
const BODY_ERRORS: Record<string, () => AppError> = {
  'entity.parse.failed': () => new AppError('malformed_json', 'The request body is not valid JSON.'),
  'entity.too.large': () => new AppError('payload_too_large', 'The request body is too large.'),
  'encoding.unsupported': () =>
    new AppError('unsupported_content_encoding', 'Compressed request bodies are not accepted: send the body without Content-Encoding.'),
  'charset.unsupported': () => new AppError('unsupported_media_type', 'The request body charset is not supported: send UTF-8.'),
  'request.aborted': () => new AppError('request_aborted', 'The request was aborted before its body was read.'),
  'request.size.invalid': () => new AppError('unreadable_body', 'The request body does not match its Content-Length.'),
  'stream.encoding.set': () => new AppError('unreadable_body', 'The request body could not be read.'),
  'stream.not.readable': () => new AppError('unreadable_body', 'The request body could not be read.'),
  'entity.verify.failed': () => new AppError('unreadable_body', 'The request body could not be read.'),
};

/**
 * The AppError for an error raised while reading a body (an AppError thrown by `verify` stays as it
 * is, though body-parser tags it `entity.verify.failed`); any other client error of the HTTP stack
 * (an http-errors 4xx) is `unreadable_body`. Undefined for everything else. With `limits`, a too
 * large body says what the limit is.
 */
export function translateBodyError(error: unknown, limits?: JsonBodyLimits): AppError | undefined {
  if (error instanceof AppError) return error;
  if (!error || typeof error !== 'object') return undefined;
  const { type, status, expose } = error as { type?: unknown; status?: unknown; expose?: unknown };
  const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
  if (known) {
    const appError = known();
    if (appError.code === 'payload_too_large' && limits)
      return new AppError(appError.code, `The request body is larger than ${limits.size}.`, { limit: limits.size });
    return appError;
  }
  if (expose === true && typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('unreadable_body', 'The request body could not be read.');
  }
  return undefined;
}
