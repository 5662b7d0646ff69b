import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { openPage, parseSignInForm, submitForm } from '../../emulator/support/sign-in.js';
import { startBackendProcess, type BackendProcess } from '../../support/backend-process.js';
import { answerConfirmation } from './confirmation-form.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'together-verify-sandbox-'));
let backend: BackendProcess | undefined;
afterAll(() => {
  backend?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('in sandbox mode the demo domain comes verified by Oliver Smith, and acme-labs.test is verified through the sign-in form on any port', async () => {
  backend = startBackendProcess({ DATA_DIR: dataDir });
  const port = await backend.listening; // PORT=0: not 8080, so the backend registered its own redirect URI with the emulator
  const base = `http://127.0.0.1:${port}`;
  const organizationId = /"organizationId":"([0-9a-f-]{36})"/.exec(backend.stdout())![1]!;
  const token = readFileSync(path.join(dataDir, 'sandbox-admin-token'), 'utf8').trim();
  const api = (route: string, init: RequestInit = {}) =>
    fetch(`${base}/admin/v1/organizations/${organizationId}${route}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  expect(backend.stdout()).toContain(`"redirectUri":"http://localhost:${port}/admin/oauth/callback"`);

  const organization = ((await (await api('')).json()) as { organization: { domains: Array<Record<string, unknown>> } }).organization;
  expect(organization.domains).toEqual([
    {
      domain: 'acme.test',
      verifiedAt: expect.any(String),
      verifiedBy: 'oliver.smith@acme.test',
      customerId: 'C0demo01',
      createdAt: expect.any(String),
    },
  ]);
  const audit = (
    (await (await api('/audit-log?limit=200')).json()) as { entries: Array<{ action: string; details: Record<string, unknown> }> }
  ).entries;
  expect(audit.find((e) => e.action === 'domain.verified')?.details).toMatchObject({
    googleAccount: 'oliver.smith@acme.test',
    domains: ['acme.test'],
    sandbox: expect.stringContaining('as if oliver.smith@acme.test'),
  });

  const started = await api('/domains/verifications', { method: 'POST', body: JSON.stringify({ domain: 'acme-labs.test' }) });
  expect(started.status).toBe(201);
  const { verification } = (await started.json()) as { verification: { id: string; authorizationUrl: string } };
  expect(new URL(verification.authorizationUrl).searchParams.get('redirect_uri')).toBe(`http://localhost:${port}/admin/oauth/callback`);

  // acme-labs.test has no users of its own: its super administrator is Oliver, on the primary domain.
  const chooser = await openPage(verification.authorizationUrl);
  expect(chooser.status).toBe(200);
  const submitted = await submitForm(parseSignInForm(chooser.html, verification.authorizationUrl), { account: 'oliver.smith@acme.test' });
  expect(submitted.location).toMatch(new RegExp(`^http://localhost:${port}/admin/oauth/callback\\?state=`));
  const callbackUrl = submitted.location!.replace('localhost', '127.0.0.1');
  const question = await fetch(callbackUrl);
  const asked = { status: question.status, html: await question.text(), headers: question.headers };
  expect(asked.status).toBe(200);
  expect(asked.html).toContain('Verify acme-labs.test for Acme');
  const page = await answerConfirmation(asked, callbackUrl, 'verify');
  expect(page.status).toBe(200);
  expect(page.html).toContain('acme-labs.test is verified');

  const shown = ((await (await api(`/domains/verifications/${verification.id}`)).json()) as { verification: Record<string, unknown> })
    .verification;
  expect(shown).toMatchObject({
    status: 'VERIFIED',
    signedInAs: 'oliver.smith@acme.test',
    customerId: 'C0demo01',
    verifiedDomains: ['acme-labs.test', 'acme.test'],
  });
  backend.child.kill('SIGTERM');
  expect(await backend.exited).toBe(0);

  // A restart converges: the demo domain stays verified and is not audited again.
  backend = startBackendProcess({ DATA_DIR: dataDir });
  await backend.listening;
  const restartedToken = readFileSync(path.join(dataDir, 'sandbox-admin-token'), 'utf8').trim();
  const again = await fetch(`http://127.0.0.1:${await backend.listening}/admin/v1/organizations/${organizationId}/audit-log?limit=200`, {
    headers: { authorization: `Bearer ${restartedToken}` },
  });
  const entries = ((await again.json()) as { entries: Array<{ action: string; details: { domains?: string[] } }> }).entries;
  expect(
    entries.filter((e) => e.action === 'domain.verified' && e.details.domains?.length === 1 && e.details.domains[0] === 'acme.test'),
  ).toHaveLength(1);
  backend.child.kill('SIGTERM');
  expect(await backend.exited).toBe(0);
}, 90_000);
