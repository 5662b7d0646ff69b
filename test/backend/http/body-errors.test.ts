import { describe, expect, it } from '@jest/globals';
import express from 'express';
import { pinoHttp } from 'pino-http';
import request from 'supertest';
import { errorHandler } from '../../../backend/http/errors.js';
import { captureLogs, expectStatus } from '../../support/app.js';

/** An app whose one route fails with `error`, behind the real error handler. */
function failingWith(error: unknown) {
  const { logger, logs } = captureLogs();
  const app = express();
  app.use(pinoHttp({ logger }));
  app.post('/fail', (_req, _res, next) => next(error));
  app.use(errorHandler);
  return { app, logs };
}

/** An error shaped as body-parser and raw-body (through http-errors) raise them. */
const bodyError = (type: string, status: number) =>
  Object.assign(new Error(type), { type, status, statusCode: status, expose: status < 500 });

describe('body reading errors', () => {
  it.each([
    ['entity.parse.failed', 400, 400, 'malformed_json'],
    ['entity.too.large', 413, 413, 'payload_too_large'],
    ['encoding.unsupported', 415, 415, 'unsupported_content_encoding'],
    ['charset.unsupported', 415, 415, 'unsupported_media_type'],
    ['request.aborted', 400, 400, 'request_aborted'],
    ['request.size.invalid', 400, 400, 'unreadable_body'],
    ['entity.verify.failed', 403, 400, 'unreadable_body'],
    ['stream.encoding.set', 500, 400, 'unreadable_body'],
    ['stream.not.readable', 500, 400, 'unreadable_body'],
    ['parameters.too.many', 413, 400, 'unreadable_body'],
  ])('%s (raised as %i) is answered %i %s, never 500', async (type, raised, status, code) => {
    const { app, logs } = failingWith(bodyError(type, raised));
    const response = await request(app).post('/fail');
    expectStatus(response, status);
    expect(response.body.error.code).toBe(code);
    expect(logs.text()).not.toContain('unhandled error');
  });

  it('answers any other client error of the HTTP stack 400 unreadable_body, and a plain error 500', async () => {
    const client = await request(failingWith(Object.assign(new Error('odd'), { status: 400, expose: true })).app).post('/fail');
    expectStatus(client, 400);
    expect(client.body.error.code).toBe('unreadable_body');
    const server = await request(failingWith(new Error('bug')).app).post('/fail');
    expectStatus(server, 500);
    expect(server.body.error).toMatchObject({ code: 'internal_error', message: 'Something went wrong on our side.' });
    expect(JSON.stringify(server.body)).not.toContain('bug');
  });
});
