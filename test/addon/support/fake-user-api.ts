import { BackendClient, type HttpPort, type HttpRequest, type HttpResponse } from '../../../addon/src/backend-api.js';
import type { AddonDeps } from '../../../addon/src/actions/context.js';

export const BACKEND_URL = 'https://together.test';
export const HELP_URL = 'https://together.test/help';
export const ID_TOKEN = 'id-token-for-ana';

type Answer = HttpResponse | ((request: HttpRequest) => HttpResponse);

/**
 * The user API as canned answers, for unit tests of the add-on's actions: `answer('GET', '/me', 200,
 * body)`. Unanswered routes get the backend's 404 `route_not_found`. Records every request.
 */
export class FakeUserApi implements HttpPort {
  readonly requests: HttpRequest[] = [];
  private readonly answers = new Map<string, Answer>();
  token = ID_TOKEN;

  answer(method: 'GET' | 'POST' | 'DELETE', path: string, status: number, body: unknown): this {
    this.answers.set(`${method} ${path}`, { status, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return this;
  }

  answerWith(method: 'GET' | 'POST' | 'DELETE', path: string, answer: (request: HttpRequest) => HttpResponse): this {
    this.answers.set(`${method} ${path}`, answer);
    return this;
  }

  /** An error answer as the backend writes it. */
  fail(method: 'GET' | 'POST' | 'DELETE', path: string, status: number, code: string, message = `backend says ${code}`): this {
    return this.answer(method, path, status, { error: { code, message, requestId: 'req-1' } });
  }

  send(request: HttpRequest): HttpResponse {
    this.requests.push(request);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*\/addon\/v1/, '');
    const answer = this.answers.get(`${request.method.toUpperCase()} ${path}`);
    if (!answer) return { status: 404, body: JSON.stringify({ error: { code: 'route_not_found', message: `no ${path}` } }) };
    return typeof answer === 'function' ? answer(request) : answer;
  }

  identityToken(): string {
    return this.token;
  }

  /** `METHOD /path?query` of each request, for order assertions. */
  get calls(): string[] {
    return this.requests.map((request) => `${request.method.toUpperCase()} ${request.url.replace(`${BACKEND_URL}/addon/v1`, '')}`);
  }
}

export function depsOn(api: HttpPort): AddonDeps {
  return { settings: { backendUrl: BACKEND_URL, helpUrl: HELP_URL }, backend: new BackendClient(BACKEND_URL, api) };
}
