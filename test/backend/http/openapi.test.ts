import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';
import request from 'supertest';
import { buildOpenApiDocument } from '../../../backend/http/openapi/document.js';
import { createTestApp, expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { useWorld } from '../../support/use-world.js';

const db = useWorld(() => createTestDatabase());

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const document = JSON.parse(JSON.stringify(buildOpenApiDocument())) as OpenAPIV3_1.Document;
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
    expect(document.openapi).toBe('3.1.0');
  });

  it('holds examples that are what their schemas describe: field values, and every error code of every answer', () => {
    const document = JSON.parse(JSON.stringify(buildOpenApiDocument())) as OpenAPIV3_1.Document;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(document as object, 'openapi');
    const checked = { fields: 0, answers: 0 };
    const problems: string[] = [];
    const check = (pointer: string, example: unknown) => {
      const validate = ajv.getSchema(`openapi#${pointer}`) ?? ajv.compile({ $ref: `openapi#${pointer}` });
      if (!validate(example)) problems.push(`${pointer}: ${JSON.stringify(example)} ${ajv.errorsText(validate.errors)}`);
    };
    const walk = (node: unknown, pointer: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (Array.isArray(record.examples) && 'type' in record) {
        for (const example of record.examples) {
          checked.fields++;
          check(pointer, example);
        }
      }
      if (record.schema && record.examples && !Array.isArray(record.examples)) {
        for (const example of Object.values(record.examples as Record<string, { $ref?: string; value?: unknown }>)) {
          const shared = example.$ref
            ? (document.components!.examples![example.$ref.split('/').pop()!] as OpenAPIV3_1.ExampleObject)
            : example;
          const value = shared.value;
          checked.answers++;
          check(`${pointer}/schema`, value);
        }
      }
      for (const [key, child] of Object.entries(record)) walk(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    };
    walk(document.paths, '/paths');
    expect(problems).toEqual([]);
    expect(checked.fields).toBeGreaterThan(50);
    expect(checked.answers).toBeGreaterThan(500);
  });

  it('is served at GET /openapi.json, equal to the committed docs/openapi.json', async () => {
    const { app } = createTestApp(db());
    const response = await request(app).get('/openapi.json');
    expectStatus(response, 200);
    expect(response.body).toEqual(JSON.parse(readFileSync('docs/openapi.json', 'utf8')));
  });

  it('describes what a real answer of the admin API looks like, error codes included', async () => {
    const document = JSON.parse(JSON.stringify(buildOpenApiDocument())) as OpenAPIV3_1.Document;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ components: document.components }, 'doc');
    const { app } = createTestApp(db());
    const response = await request(app).get('/admin/v1/token');
    expectStatus(response, 401);
    const schema = (document.paths!['/admin/v1/token']!.get!.responses!['401'] as OpenAPIV3_1.ResponseObject).content!['application/json']!
      .schema as object;
    expect(ajv.validate(schema, response.body)).toBe(true);
    expect(ajv.validate(schema, { error: { ...response.body.error, code: 'not_documented' } })).toBe(false);
  });

  it('renders the reference page from this backend, with its own script and no CDN', async () => {
    const { app } = createTestApp(db());
    const page = await request(app).get('/api/docs');
    expectStatus(page, 200);
    expect(page.text).toContain('/api/docs/assets/scalar.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expectStatus(await request(app).get('/api/docs/assets/scalar.js'), 200);
    expectStatus(await request(app).get('/api/docs/assets/reference.js'), 200);
  });
});
