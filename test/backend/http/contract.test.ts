import { createServer } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp } from '../../support/app.js';
import { loadContract, recordedAnswers, type Answer } from '../../support/contract.js';
import { createTestDatabase } from '../../support/database.js';
import { useWorld } from '../../support/use-world.js';

// The hook every suite runs under (test/support/contract.ts) is only as good as what it refuses.
const contract = loadContract();
const tokenStatus = (status: number, body: unknown, contentType = 'application/json; charset=utf-8'): Answer => ({
  method: 'GET',
  url: '/admin/v1/token?x=1',
  status,
  contentType,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const unauthenticated = { error: { code: 'unauthenticated', message: 'Sign in.', requestId: 'r1' } };

const db = useWorld(() => createTestDatabase());

describe('the contract the API suites are held to', () => {
  it('records every answer of the APIs a server of the test process gives, and nothing else', async () => {
    const { app } = createTestApp(db());
    await request(app).get('/admin/v1/token?probe=1');
    await request(app).get('/healthz');
    await request(app).post('/addon/v1/sessions/x/cancel').send({ version: 1 });
    expect(recordedAnswers().map(({ method, url, status }) => `${method} ${url} ${status}`)).toEqual([
      'GET /admin/v1/token?probe=1 401',
      // This app is given no user API to serve.
      'POST /addon/v1/sessions/x/cancel 404',
    ]);
    expect(JSON.parse(recordedAnswers()[0]!.body)).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('reads the headers a proxy hands to writeHead, and leaves the answers a proxy makes itself (Proxy-Status) alone', async () => {
    const proxy = createServer((req, res) =>
      req.url === '/admin/v1/token'
        ? res
            .writeHead(401, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ error: { code: 'unauthenticated', message: 'm', requestId: 'r' } }))
        : res.writeHead(502, { 'proxy-status': 'test-proxy; error=connection_terminated' }).end(),
    );
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      await request(proxy).get('/admin/v1/token');
      await request(proxy).get('/admin/v1/organizations');
      expect(recordedAnswers().map(({ url, status, contentType }) => `${url} ${status} ${contentType}`)).toEqual([
        '/admin/v1/token 401 application/json',
      ]);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('passes an answer the document describes', () => {
    expect(contract.check(tokenStatus(401, unauthenticated))).toEqual([]);
  });

  it('refuses an undocumented status, error code, field or body', () => {
    expect(contract.check(tokenStatus(418, unauthenticated))).toEqual(['GET /admin/v1/token does not document status 418']);
    expect(contract.check(tokenStatus(401, { error: { ...unauthenticated.error, code: 'not_documented' } })).join()).toContain(
      '/error/code',
    );
    expect(contract.check(tokenStatus(401, { error: { ...unauthenticated.error, leaked: 'x' } })).join()).toContain('additional');
    expect(contract.check(tokenStatus(401, '<html>', 'text/html')).join()).toContain('not JSON');
  });

  it('holds a request no route matches to the answers the document lists for it', () => {
    const unmatched = (status: number, code: string): Answer => ({
      method: 'DELETE',
      url: '/addon/v1/nowhere',
      status,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code, message: 'm', requestId: 'r' } }),
    });
    expect(contract.check(unmatched(404, 'route_not_found'))).toEqual([]);
    expect(contract.check(unmatched(404, 'slot_taken'))[0]).toContain('not in x-unmatched-route-errors');
    expect(contract.check(unmatched(500, 'route_not_found'))[0]).toContain('not 500');
  });
});
