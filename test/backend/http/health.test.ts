import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import request from 'supertest';
import { createTestApp, expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';

const db = useWorld(() => createTestDatabase());

describe('health and readiness', () => {
  it('answers /healthz and /readyz when the database is migrated', async () => {
    const { app } = createTestApp(db());
    expectStatus(await request(app).get('/healthz'), 200);
    const ready = await request(app).get('/readyz');
    expectStatus(ready, 200);
    expect(ready.body).toEqual({ status: 'ready', database: db().engine });
  });

  it('is not ready while migrations are pending, and says what to run', async () => {
    const empty = await createTestDatabase({ migrate: false });
    try {
      const response = await request(createTestApp(empty).app).get('/readyz');
      expectStatus(response, 503);
      expect(response.body.error).toMatchObject({
        code: 'not_ready',
        details: { pendingMigrations: expect.arrayContaining([expect.any(String)]) },
      });
      expect(response.body.error.message).toContain('npm run db:deploy');
    } finally {
      await empty.close();
    }
  });

  it('is not ready when the database does not answer, but stays alive', async () => {
    const gone = await createTestDatabase();
    await gone.close();
    const { app } = createTestApp(gone);
    expectStatus(await request(app).get('/readyz'), 503);
    expectStatus(await request(app).get('/healthz'), 200);
  });
});

describe('the HTTP edge', () => {
  it('answers unknown routes with a JSON 404', async () => {
    const response = await request(createTestApp(db()).app).get('/no/such/route');
    expectStatus(response, 404);
    expect(response.body.error).toMatchObject({ code: 'route_not_found', message: 'No route for GET /no/such/route.' });
  });

  it('reads no body for an unknown route, however malformed or large (routes read bodies: limits.test.ts)', async () => {
    const { app } = createTestApp(db());
    const malformed = await request(app).post('/anything').set('content-type', 'application/json').send('{"a":');
    expectStatus(malformed, 404);
    expect(malformed.body.error.code).toBe('route_not_found');
    const big = await request(app)
      .post('/anything')
      .send({ blob: 'x'.repeat(200_000) });
    expectStatus(big, 404);
  });

  it('gives every request an id, keeping a sane one from the caller', async () => {
    const { app } = createTestApp(db());
    const generated = await request(app).get('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(app).get('/nope').set('X-Request-Id', 'lb-1234');
    expect(kept.headers['x-request-id']).toBe('lb-1234');
    expect(kept.body.error.requestId).toBe('lb-1234');
    const replaced = await request(app).get('/healthz').set('X-Request-Id', 'bad id\twith spaces');
    expect(replaced.headers['x-request-id']).not.toContain(' ');
  });

  it('sends security headers and no x-powered-by', async () => {
    const response = await request(createTestApp(db()).app).get('/healthz');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('logs requests as JSON without credentials', async () => {
    const { app, logs } = createTestApp(db());
    await request(app).get('/readyz').set('Authorization', 'Bearer super-secret-token').set('Cookie', 'sid=secret-cookie');
    const line = logs.lines.find((l) => (l.req as { url?: string } | undefined)?.url === '/readyz');
    expect(line).toMatchObject({ level: 'info', msg: 'request completed', res: { statusCode: 200 } });
    expect(logs.text()).not.toContain('super-secret-token');
    expect(logs.text()).not.toContain('secret-cookie');
  });
});
