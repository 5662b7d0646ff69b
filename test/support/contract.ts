// The contract hook (Jest's setupFilesAfterEnv): every answer a server in the test process gives under
// one of the APIs' mounts is recorded and, after each test, held to the OpenAPI document. An operation,
// status, error code or field the document does not describe fails the test that received it.
import { ServerResponse, type IncomingMessage } from 'node:http';
import { afterEach } from '@jest/globals';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';
import { HTTP_STATUS_BY_CODE } from '../../backend/http/error-map.js';
import { MOUNTS } from '../../backend/http/mounts.js';
import { buildOpenApiDocument, errorBodySchema } from '../../backend/http/openapi/document.js';
import type { ErrorCode } from '../../backend/domain/errors.js';

/** One answer as the client received it. */
export interface Answer {
  method: string;
  /** The request's path and query, as sent. */
  url: string;
  status: number;
  contentType: string | undefined;
  body: string;
}

const API_PREFIXES = [MOUNTS.admin, MOUNTS.user, MOUNTS.webhooks];
const isApiPath = (url: string) =>
  API_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`));

// Node's http module is one per process while Jest loads this file once per test file: the patch is
// installed once, and writes to whichever file's list is current.
const STATE = Symbol.for('together.contract');
interface ProcessState {
  answers: Answer[];
  chunks: WeakMap<ServerResponse, Buffer[]>;
  /** Headers given to writeHead itself (a proxy's), which getHeader does not see: name (lower case) → value. */
  heads: WeakMap<ServerResponse, Map<string, string>>;
}
const globals = globalThis as { [STATE]?: ProcessState };

function installRecorder(): ProcessState {
  const state: ProcessState = { answers: [], chunks: new WeakMap(), heads: new WeakMap() };
  const { write, end, writeHead } = ServerResponse.prototype;
  const requestOf = (response: ServerResponse) => response.req as (IncomingMessage & { originalUrl?: string }) | undefined;
  const collect = (response: ServerResponse, chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const request = requestOf(response);
    if (!request || !isApiPath(request.originalUrl ?? request.url ?? '')) return;
    const buffer = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    const chunks = state.chunks.get(response);
    if (chunks) chunks.push(buffer);
    else state.chunks.set(response, [buffer]);
  };
  ServerResponse.prototype.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const headers = args.find((arg) => typeof arg === 'object' && arg !== null) as Record<string, unknown> | unknown[] | undefined;
    const pairs = Array.isArray(headers)
      ? headers.flatMap((_, i, all) => (i % 2 === 0 ? [[all[i], all[i + 1]]] : []))
      : Object.entries(headers ?? {});
    state.heads.set(this, new Map(pairs.map(([name, value]) => [String(name).toLowerCase(), String(value)])));
    return (writeHead as (...all: unknown[]) => ServerResponse).apply(this, args);
  } as typeof writeHead;
  ServerResponse.prototype.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    collect(this, chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof write;
  ServerResponse.prototype.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    collect(this, chunk, rest[0]);
    const request = requestOf(this);
    const url = request?.originalUrl ?? request?.url ?? '';
    const header = (name: string) => this.getHeader(name)?.toString() ?? state.heads.get(this)?.get(name);
    // An answer a proxy made itself (RFC 9209 Proxy-Status) is not the API's.
    if (request && isApiPath(url) && !this.writableEnded && !header('proxy-status')) {
      state.answers.push({
        method: request.method ?? 'GET',
        url,
        status: this.statusCode,
        contentType: header('content-type'),
        body: Buffer.concat(state.chunks.get(this) ?? []).toString('utf8'),
      });
    }
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as typeof end;
  return state;
}

/** The operations of the document, each path as a pattern; literal paths before templated ones, as the routers order them. */
interface Operation {
  /** As the document spells it: `/addon/v1/sessions/{sessionId}`. */
  path: string;
  pattern: RegExp;
  /** Upper case. */
  method: string;
  responses: OpenAPIV3_1.ResponsesObject;
  /** How many path parameters it has. */
  params: number;
}

export interface Contract {
  /** What is wrong with an answer, by the document: nothing when it conforms. */
  check(answer: Answer): string[];
}

export function loadContract(document: OpenAPIV3_1.Document = JSON.parse(JSON.stringify(buildOpenApiDocument()))): Contract {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document as object, 'openapi');
  const validators = new Map<string, ValidateFunction>();
  const operations: Operation[] = Object.entries(document.paths ?? {})
    .flatMap(([path, item]) =>
      Object.entries(item ?? {})
        .filter(([, operation]) => typeof operation === 'object' && operation !== null && 'responses' in operation)
        .map(([method, operation]) => ({
          path,
          pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`, 'i'),
          method: method.toUpperCase(),
          responses: (operation as OpenAPIV3_1.OperationObject).responses ?? {},
          params: (path.match(/\{/g) ?? []).length,
        })),
    )
    .sort((a, b) => a.params - b.params);
  const unmatched = (document as { 'x-unmatched-route-errors'?: ErrorCode[] })['x-unmatched-route-errors'] ?? [];
  // The one error envelope (document.ts), its code one of the unmatched-route codes.
  const unmatchedBody = errorBodySchema(unmatched);
  const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

  function validatorFor(path: string, method: string, status: string): ValidateFunction {
    const ref = `openapi#/${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`;
    let validate = validators.get(ref);
    if (!validate) validators.set(ref, (validate = ajv.compile({ $ref: ref })));
    return validate;
  }

  function parse(answer: Answer): { json?: unknown; problem?: string } {
    if (!answer.contentType?.startsWith('application/json')) return { problem: `a ${answer.contentType ?? 'typeless'} body, not JSON` };
    try {
      return { json: JSON.parse(answer.body) as unknown };
    } catch {
      return { problem: 'a body that is not valid JSON' };
    }
  }

  return {
    check(answer) {
      const path = answer.url.split('?')[0]!;
      const method = answer.method === 'HEAD' ? 'GET' : answer.method;
      const operation = operations.find((candidate) => candidate.method === method && candidate.pattern.test(path));
      // The catch-all's answer: no route took the request (an app may serve only some APIs, e.g. without the user API's deps).
      const unrouted = answer.status === 404 && answer.body.includes('"route_not_found"');
      if (!operation || unrouted) {
        // No operation: only what the APIs answer a request no route matches.
        const { json, problem } = parse(answer);
        if (problem) return [`no operation matches it, and it answered ${problem}`];
        const body = unmatchedBody.safeParse(json);
        if (!body.success) {
          const code = (json as { error?: { code?: unknown } } | null)?.error?.code;
          return [
            `no operation matches it, and ${String(code)} is not in x-unmatched-route-errors, or its body is not the error envelope: ${body.error.message}`,
          ];
        }
        const { code } = body.data.error;
        if (HTTP_STATUS_BY_CODE[code] !== answer.status) return [`${code} is sent with ${HTTP_STATUS_BY_CODE[code]}, not ${answer.status}`];
        return [];
      }
      const status = String(answer.status);
      const key = `${operation.method} ${operation.path}`;
      const documented = operation.responses[status] as OpenAPIV3_1.ResponseObject | undefined;
      if (!documented) return [`${key} does not document status ${status}`];
      if (answer.method === 'HEAD') return [];
      if (!documented.content?.['application/json']) {
        return answer.contentType?.startsWith('application/json') ? [`${key} documents no body for ${status}, and a JSON body came`] : [];
      }
      const { json, problem } = parse(answer);
      if (problem) return [`${key} documents a JSON body for ${status}, and it answered ${problem}`];
      const validate = validatorFor(operation.path, operation.method.toLowerCase(), status);
      if (validate(json)) return [];
      return (validate.errors ?? []).map(
        (error) => `${key} ${status}: ${error.instancePath || 'body'} ${error.message} ${JSON.stringify(error.params)}`,
      );
    },
  };
}

const state = (globals[STATE] ??= installRecorder());
state.answers = [];

/** The answers recorded since the last check (the hook's own test reads them). */
export const recordedAnswers = (): readonly Answer[] => [...state.answers];
let contract: Contract | undefined;

afterEach(() => {
  const answers = state.answers.splice(0);
  if (!answers.length) return;
  contract ??= loadContract();
  const violations = answers.flatMap((answer) =>
    contract!
      .check(answer)
      .map((problem) => `${answer.method} ${answer.url} → ${answer.status}: ${problem}\n    body: ${answer.body.slice(0, 300)}`),
  );
  if (violations.length) {
    throw new Error(
      `${violations.length} answer(s) the OpenAPI document does not describe (test/support/contract.ts):\n  ${violations.slice(0, 10).join('\n  ')}`,
    );
  }
});
