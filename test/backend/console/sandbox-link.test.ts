import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { startBackendProcess, type BackendProcess } from '../../support/backend-process.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'together-console-link-'));
let backend: BackendProcess | undefined;
afterAll(() => {
  backend?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('in sandbox mode, npm start prints a one-click console sign-in link that works once', async () => {
  backend = startBackendProcess({ DATA_DIR: dataDir });
  const port = await backend.listening;
  const line = backend
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((text) => JSON.parse(text) as { msg?: string; url?: string })
    .find((entry) => entry.msg?.startsWith('Sign in to the console: '));
  expect(line?.url).toMatch(new RegExp(`^http://localhost:${port}/admin/sign-in/link\\?code=[A-Za-z0-9_-]{43}$`));
  expect(line?.msg).toBe(`Sign in to the console: ${line?.url}`);
  // The server listens on 127.0.0.1; Node may resolve localhost to ::1 first.
  const link = line!.url!.replace('localhost', '127.0.0.1');

  const page = await fetch(link, { redirect: 'manual' });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('url=/admin/');
  const cookie = /together_console=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1]!;
  const me = await fetch(`http://127.0.0.1:${port}/admin/v1/token`, { headers: { cookie: `together_console=${cookie}` } });
  expect(me.status).toBe(200);
  expect(await me.json()).toMatchObject({ adminToken: { name: 'sandbox' } });

  const again = await fetch(link, { redirect: 'manual' });
  expect(again.status).toBe(303);
  expect(again.headers.get('location')).toBe('/admin/sign-in?error=link_used_or_expired');
  backend.child.kill('SIGTERM');
  expect(await backend.exited).toBe(0);
}, 90_000);
