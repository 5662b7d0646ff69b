/** HTTP plumbing shared by all routes: Google-shaped error answers and request-body checks. */
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { GoogleApiError, OAuthTokenError, backendError, badRequest, notFound, parseError, payloadTooLarge } from './errors.js';
import { isRecord, type JsonRecord } from './json.js';

export function sendError(res: Response, error: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (error instanceof OAuthTokenError) {
    res.status(error.status).json(error.toBody());
    return;
  }
  const google = error instanceof GoogleApiError ? error : backendError();
  res.set(google.headers).status(google.code).json(google.toBody());
}

/** The JSON object body of a request ({} when there is none); anything else is Google's parse error. */
export function jsonBody(req: Request): JsonRecord {
  const body: unknown = req.body;
  if (body === undefined || body === null) return {};
  if (!isRecord(body)) throw parseError();
  return body;
}

/** A query parameter read once: repeated parameters become a list. */
export function queryList(req: Request, name: string): string[] {
  const value = req.query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** A string field of a form-encoded (or JSON) body. */
export function formField(req: Request, name: string): string | undefined {
  const body: unknown = req.body;
  if (!isRecord(body)) return undefined;
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/** Every value of a form field (a checkbox group posts one per box). */
export function formList(req: Request, name: string): string[] {
  const body: unknown = req.body;
  const value = isRecord(body) ? body[name] : undefined;
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

export function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Unknown paths and methods: Google's JSON 404. */
export const routeNotFound: RequestHandler = (_req, res) => sendError(res, notFound());

const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * Reads what is left of a rejected body before answering, so the client sees the answer instead of a
 * reset connection (bounded: past 16 MB the connection is simply closed).
 */
function afterBodyDrained(req: Request, answer: () => void): void {
  if (req.complete) return answer();
  let seen = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_LIMIT) req.destroy();
  });
  req.once('end', answer);
  req.resume();
}

function errorFor(error: unknown): GoogleApiError | OAuthTokenError {
  const type = isRecord(error) ? error.type : undefined;
  const status = isRecord(error) && typeof error.status === 'number' ? error.status : 500;
  if (type === 'entity.parse.failed') return parseError();
  if (type === 'entity.too.large') return payloadTooLarge();
  if (error instanceof GoogleApiError || error instanceof OAuthTokenError) return error;
  if (status >= 400 && status < 500) return badRequest();
  return backendError();
}

/** Body-parser and router errors become Google's 400/413; nothing escapes as a crash. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  afterBodyDrained(req, () => sendError(res, errorFor(error)));
};
