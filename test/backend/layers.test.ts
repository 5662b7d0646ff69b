// The layer table of backend/README.md is enforced by lint (eslint.config.js, LAYER_TABLE): these
// lint virtual files placed in the layers, so an upward import is proven to fail `npm run check`.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

const RULE = '@typescript-eslint/no-restricted-imports';
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The layer-rule messages lint gives `code` as if it were the file at `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = [x];\n`, { filePath });
  return result!.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
}

describe('the layer table, enforced by lint', () => {
  it('refuses an upward import: domain/ importing http/', async () => {
    const errors = await layerErrors('backend/domain/admin/upward.ts', "import x from '../../http/app.js';");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("backend/README.md's layer table: domain may import google, store, logger");
  });

  it('refuses the imports it was written against: store/ → domain/, jobs/ → google/, domain/ → mail/, emulator/ → the backend', async () => {
    expect(await layerErrors('backend/store/upward.ts', "import x from '../domain/errors.js';")).toHaveLength(1);
    expect(await layerErrors('backend/jobs/upward.ts', "import x from '../google/backoff.js';")).toHaveLength(1);
    expect(await layerErrors('backend/domain/health/upward.ts', "import x from '../../mail/mailer.js';")).toHaveLength(1);
    expect(await layerErrors('backend/emulator/calendar/upward.ts', "import x from '../../domain/errors.js';")).toHaveLength(1);
    expect(await layerErrors('backend/http/upward.ts', "import x from 'googleapis';")).toHaveLength(1);
  });

  it('lets http/ import the store for its types only', async () => {
    expect(
      await layerErrors('backend/http/presenters/x.ts', "import type { Person as x } from '../../store/generated/prisma/client.js';"),
    ).toEqual([]);
    expect(await layerErrors('backend/http/x.ts', "import { openDatabase as x } from '../store/database.js';")).toHaveLength(1);
  });

  it('allows what the table allows', async () => {
    expect(await layerErrors('backend/domain/admin/x.ts', "import x from '../../google/backoff.js';")).toEqual([]);
    expect(await layerErrors('backend/domain/admin/x.ts', "import x from '../../store/errors.js';")).toEqual([]);
    expect(await layerErrors('backend/jobs/x.ts', "import x from '../domain/background-backoff.js';")).toEqual([]);
    expect(await layerErrors('backend/config.ts', "import x from './google/service-account-key.js';")).toEqual([]);
    expect(await layerErrors('backend/config.ts', "import x from './google/calendar.js';")).toHaveLength(1);
    expect(await layerErrors('backend/main.ts', "import x from './http/app.js';")).toEqual([]);
  });
});
