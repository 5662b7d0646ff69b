import type { RequestHandler, Router } from 'express';
import type { RouteParameters } from 'express-serve-static-core';
import type { z } from 'zod';
import type { ErrorCode } from '../../domain/errors.js';

/** The HTTP methods the APIs use. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A success answer: what it means, its JSON body (none for an empty answer) and the headers it sets. */
export interface SuccessResponse {
  description: string;
  body?: z.ZodType;
  /** Header name → what it holds (e.g. `Location`). */
  headers?: Record<string, string>;
}

/**
 * One operation of an API, as its router serves it and the OpenAPI document describes it
 * (`../openapi/document.ts`): one description, so the route and its documentation cannot part.
 */
export interface Route<Path extends string = string> {
  method: Method;
  /** Express path relative to where the router is mounted: `/sessions/:sessionId`. */
  path: Path;
  summary: string;
  description?: string;
  /** The group it is listed under in the reference. */
  tag: string;
  /** Path parameters; absent, each `:name` is documented as a string. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route reads (the webhook's). */
  headers?: z.ZodObject;
  /** The JSON body; an optional schema (`.optional()`) means the body may be left out. */
  body?: z.ZodType;
  responses: Partial<Record<200 | 201 | 202, SuccessResponse>>;
  /** Error codes of this route besides the ones every route of its API may answer (`apis.ts`). */
  errors: readonly ErrorCode[];
}

/** Declares a route; its path stays a literal type, so its handler's `req.params` are typed. */
export const route = <Path extends string>(description: Route<Path>): Route<Path> => description;

/** Registers a route's handler on a router at the route's own method and path. */
export function serve<Path extends string>(router: Router, description: Route<Path>, handler: RequestHandler<RouteParameters<Path>>): void {
  router[description.method](description.path, handler);
}
