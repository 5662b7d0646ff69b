import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, appErrorFromDatabase } from '../domain/errors.js';
import { translateBodyError } from './body.js';
import { HTTP_STATUS_BY_CODE } from './error-map.js';

/** JSON 404 for any route nobody answered. */
export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError('route_not_found', `No route for ${req.method} ${req.path}.`));
};

/** Renders every error as `{error: {code, message, details?}}` with the status its code maps to. */
export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const known = toAppError(error);
  const appError = known ?? new AppError('internal_error', 'Something went wrong on our side.');
  const status = HTTP_STATUS_BY_CODE[appError.code];
  if (!known) req.log.error({ err: error }, 'unhandled error');
  res.status(status).json({
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.details === undefined ? {} : { details: appError.details }),
      requestId: req.id,
    },
  });
};

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  return translateBodyError(error) ?? translatePathError(error) ?? appErrorFromDatabase(error);
}

/**
 * A path parameter that is not valid percent-encoding (`/sessions/%E0%A4%A`): the router's decoding
 * throws a URIError it tags with status 400, before any route runs.
 */
function translatePathError(error: unknown): AppError | undefined {
  if (!(error instanceof URIError) || (error as { status?: unknown }).status !== 400) return undefined;
  return new AppError('invalid_request', 'The request path is not valid percent-encoding.', { location: 'path' });
}
