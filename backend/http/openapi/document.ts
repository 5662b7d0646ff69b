import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import { ERROR_CODES, type ErrorCode } from '../../domain/errors.js';
import { HTTP_STATUS_BY_CODE } from '../error-map.js';
import { ID_EXAMPLE } from '../presenters/wire.js';
import { APIS, SECURITY_SCHEMES, UNMATCHED_ROUTE_ERRORS, type Api } from './apis.js';
import type { Route } from './route.js';

/** The error envelope every error is sent in (`../errors.ts`), its `code` one of `codes`. */
export function errorBodySchema(codes: readonly ErrorCode[]) {
  return z.strictObject({
    error: z.strictObject({
      code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      /** What the code's documentation says it carries (field issues, limits, the conflicting slot…). */
      details: z.record(z.string(), z.unknown()).optional(),
      /** The request's id (`X-Request-Id`), also in the logs. */
      requestId: z.string(),
    }),
  });
}

const DESCRIPTION = `The backend's JSON APIs: the admin API (\`/admin/v1\`), the Calendar add-on's user API (\`/addon/v1\`) and Google Calendar's push webhook.

Every error is \`{"error": {"code", "message", "details"?, "requestId"}}\` with a stable \`code\`; each operation lists its codes under their statuses (\`backend/http/error-map.ts\` maps code to status). A path no operation matches answers 404 \`route_not_found\` (or first what the API answers an unknown caller: 401 \`unauthenticated\`). Answers are never cached (\`Cache-Control: no-store\`).

Generated from the routes' zod schemas by \`npm run openapi:generate\`; \`npm run openapi:check\` fails when \`docs/openapi.json\` is stale.`;

/** An example answer per code, in the document's components; its message says what the code means. */
const ERROR_EXAMPLES = Object.fromEntries(
  (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => [
    code,
    {
      summary: code,
      description: ERROR_CODES[code],
      value: { error: { code, message: ERROR_CODES[code], requestId: '5f2b9c1e-7d3a-4e8b-a1c6-0d9e8f7a6b5c' } },
    },
  ]),
);
const errorExamples = (codes: readonly ErrorCode[]) =>
  Object.fromEntries(codes.map((code) => [code, { $ref: `#/components/examples/${code}` }]));

/** `/sessions/:sessionId` → `/sessions/{sessionId}`, and the parameter names. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}').replace(/\/$/, '') || '/';
const pathParamNames = (path: string) => [...path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] as string);

/** Codes grouped by their HTTP status, each list sorted, statuses in order. */
function byStatus(codes: readonly ErrorCode[]): Array<[number, ErrorCode[]]> {
  const groups = new Map<number, Set<ErrorCode>>();
  for (const code of codes) {
    const status = HTTP_STATUS_BY_CODE[code];
    groups.set(status, (groups.get(status) ?? new Set()).add(code));
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([status, set]) => [status, [...set].sort()]);
}

/** Every error code a route of an API may answer. */
export function errorCodesOf(api: Api, route: Route): ErrorCode[] {
  return [...new Set([...api.errors, ...(route.method === 'get' ? [] : api.writeErrors), ...route.errors])];
}

function operation(api: Api, route: Route): ZodOpenApiOperationObject {
  const path = `${api.prefix}${route.path}`;
  const derived = Object.fromEntries(pathParamNames(route.path).map((name) => [name, z.string().meta({ examples: [ID_EXAMPLE] })]));
  const params = z.object({ ...(api.params?.shape ?? {}), ...derived, ...(route.params?.shape ?? {}) });
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, success] of Object.entries(route.responses)) {
    responses[status] = {
      description: success.description,
      ...(success.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(success.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
            ),
          }
        : {}),
      ...(success.body ? { content: { 'application/json': { schema: success.body } } } : {}),
    };
  }
  for (const [status, codes] of byStatus(errorCodesOf(api, route))) {
    responses[String(status)] = {
      description: codes.map((code) => `\`${code}\``).join(', '),
      content: { 'application/json': { schema: errorBodySchema(codes), examples: errorExamples(codes) } },
    };
  }
  const optionalBody = route.body instanceof z.ZodOptional;
  const body = route.body instanceof z.ZodOptional ? (route.body.unwrap() as z.ZodType) : route.body;
  return {
    operationId: `${route.method}${openApiPath(path)
      .split(/[/{}-]+/)
      .filter(Boolean)
      .map((word) => word[0]!.toUpperCase() + word.slice(1))
      .join('')}`,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: api.security,
    requestParams: {
      ...(Object.keys(params.shape).length ? { path: params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.headers ? { header: route.headers } : {}),
    },
    ...(body ? { requestBody: { required: !optionalBody, content: { 'application/json': { schema: body } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of every API, built from the routes' own descriptions. Holds no secret. */
export function buildOpenApiDocument(): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const api of APIS) {
    for (const route of api.routes) {
      const path = openApiPath(`${api.prefix}${route.path}`);
      paths[path] = { ...paths[path], [route.method]: operation(api, route) };
    }
  }
  return createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Together Calendar for Google Workspace',
        version: '1',
        description: DESCRIPTION,
      },
      paths,
      components: { securitySchemes: SECURITY_SCHEMES, examples: ERROR_EXAMPLES },
      'x-unmatched-route-errors': UNMATCHED_ROUTE_ERRORS,
    },
    {
      // Presenters return Dates; Express sends them as ISO 8601 strings.
      override: ({ jsonSchema, zodSchema, io }) => {
        if (zodSchema._zod.def.type === 'date' && io === 'output') {
          jsonSchema.type = 'string';
          jsonSchema.format = 'date-time';
        }
        // zod spells out its date-time check as a 400-character pattern; the format says it.
        if (jsonSchema.format === 'date-time') delete jsonSchema.pattern;
      },
    },
  );
}
