import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { expectStatus } from '../../support/app.js';
import { auditEntries } from './support.js';
import { confirmationFormOf, postConfirmation } from './confirmation-form.js';
import { startVerificationWorld, textOf, type CallbackAnswer, type Customer } from './verification-world.js';

const world = useWorld(() => startVerificationWorld());

const snapshot = () => world().snapshot();

/** An organization claiming the customer's primary and secondary domains, its super admin signed in, stopped at the question. */
async function askedToConfirm(c: Customer, name?: string) {
  const org = await world().organization([c.primary, c.secondary], name);
  const response = await org.api.post('/domains/verifications', { domain: c.primary });
  expectStatus(response, 201);
  const verification = response.body.verification as { id: string; authorizationUrl: string };
  const page = await world().signIn(verification.authorizationUrl, { account: c.admin, confirm: false });
  const form = confirmationFormOf(page.html, page.callbackUrl);
  if (!form) throw new Error(`expected the confirmation page, got ${page.status}:\n${page.html}`);
  return { org, verification, page, form };
}

function expectHeading(page: Pick<CallbackAnswer, 'status' | 'html' | 'headers'>, status: number, heading: string): void {
  expect(page.status).toBe(status);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(page.headers.get('cache-control')).toBe('no-store');
  expect(page.html).not.toMatch(/<script/i);
  expect(page.html).toContain(`<h1>${heading}</h1>`);
}

describe('domain verification: nothing is verified until the signed-in super administrator confirms it for the organization the page names', () => {
  it('asks, naming the organization, the account and every domain it would verify; verifies nothing meanwhile', async () => {
    const c = await world().newCustomer();
    const { org, verification, page, form } = await askedToConfirm(c, 'Beta <Partners> & Co');
    expectHeading(page, 200, `Verify ${c.primary} for Beta &lt;Partners&gt; &amp; Co?`);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    const text = textOf(page.html);
    expect(text).toContain(`You signed in as ${c.admin}, a super administrator of this Google Workspace.`);
    expect(page.html).toContain('Only verify if Beta &lt;Partners&gt; &amp; Co is your own company');
    expect(text).toContain(`These domains of your Workspace, which the organization lists, are verified too: ${c.secondary}`);
    expect(form.action.pathname).toBe('/admin/oauth/confirm');
    expect(form.decisions).toEqual(['verify', 'decline']);
    expect(form.confirmation).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(page.html).toContain(
      '<button type="submit" name="decision" value="verify" class="primary">Verify for Beta &lt;Partners&gt; &amp; Co</button>',
    );

    // Stored: the form's secret only as its hash; nothing verified, nothing audited as verified.
    const stored = await world().db.prisma.domainVerification.findUniqueOrThrow({ where: { id: verification.id } });
    expect(stored).toMatchObject({
      status: 'AWAITING_CONFIRMATION',
      signedInEmail: c.admin,
      customerId: c.customerId,
      verifiedDomains: [],
    });
    expect(stored.confirmationHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(form.confirmation);
    expect((await world().db.prisma.workspaceDomain.findUnique({ where: { domain: c.primary } }))?.verifiedAt).toBeNull();
    const shown = await org.api.get(`/domains/verifications/${verification.id}`);
    expect(shown.body.verification).toMatchObject({
      status: 'AWAITING_CONFIRMATION',
      signedInAs: c.admin,
      verifiedDomains: [],
      completedAt: null,
    });
    expect(Date.parse(shown.body.verification.confirmBy) - world().clock.now().getTime()).toBeGreaterThan(9 * 60_000);
    expect((await auditEntries(world().db, org.id)).map((e) => e.action)).toEqual(['domain.verification.started']);

    const answered = await postConfirmation(form.action, { confirmation: form.confirmation, decision: 'verify' });
    expectHeading(answered, 200, `${c.primary} is verified`);
    const domains = await world().db.prisma.workspaceDomain.findMany({ where: { organizationId: org.id }, orderBy: { domain: 'asc' } });
    expect(domains.map((d) => [d.domain, d.verifiedBy])).toEqual(
      [
        [c.primary, c.admin],
        [c.secondary, c.admin],
      ].sort(),
    );
    const after = await world().db.prisma.domainVerification.findUniqueOrThrow({ where: { id: verification.id } });
    expect(after).toMatchObject({ status: 'VERIFIED', confirmationHash: null });
  });

  it('"Do not verify": FAILED declined, audited, no domain verified; the page says nothing changed', async () => {
    const c = await world().newCustomer();
    const { org, verification, form } = await askedToConfirm(c, 'Gamma');
    const answered = await postConfirmation(form.action, { confirmation: form.confirmation, decision: 'decline' });
    expectHeading(answered, 200, `${c.primary} was not verified`);
    expect(textOf(answered.html)).toContain(`chose not to verify ${c.primary} for the Together organization Gamma, so nothing changed`);
    expect((await org.api.get(`/domains/verifications/${verification.id}`)).body.verification).toMatchObject({
      status: 'FAILED',
      failure: { code: 'declined' },
      signedInAs: c.admin,
      verifiedDomains: [],
    });
    expect(await world().db.prisma.workspaceDomain.findMany({ where: { organizationId: org.id, verifiedAt: { not: null } } })).toEqual([]);
    const entries = await auditEntries(world().db, org.id);
    expect(entries.map((e) => e.action)).toEqual(['domain.verification.started', 'domain.verification.failed']);
    expect(entries[1]!.details).toMatchObject({ code: 'declined', googleAccount: c.admin });
  });

  it('a form posted from another site, an unknown secret, a replay or a JSON body: refused, nothing changed', async () => {
    const c = await world().newCustomer();
    const { form } = await askedToConfirm(c);
    const fields = { confirmation: form.confirmation, decision: 'verify' };
    const before = await snapshot();
    expectHeading(
      await postConfirmation(form.action, fields, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }),
      403,
      'This confirmation did not come from Together',
    );
    expectHeading(
      await postConfirmation(form.action, fields, { origin: 'https://evil.example' }),
      403,
      'This confirmation did not come from Together',
    );
    expectHeading(
      await postConfirmation(form.action, fields, { 'sec-fetch-site': 'same-site' }),
      403,
      'This confirmation did not come from Together',
    );
    expectHeading(
      await postConfirmation(form.action, { ...fields, confirmation: 'A'.repeat(43) }),
      400,
      'This confirmation is not recognised',
    );
    expectHeading(await postConfirmation(form.action, { decision: 'verify' }), 400, 'This confirmation is not recognised');
    expectHeading(await postConfirmation(form.action, { ...fields, decision: 'maybe' }), 400, 'This confirmation is not complete');
    const json = await fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    });
    expectHeading({ status: json.status, html: await json.text(), headers: json.headers }, 400, 'This confirmation is not complete');
    expect(await snapshot()).toEqual(before);

    // The real answer works once; a replay and a concurrent second click find it used.
    const [first, second] = await Promise.all([postConfirmation(form.action, fields), postConfirmation(form.action, fields)]);
    expect([first.status, second.status].sort()).toEqual([200, 400]);
    const replay = await postConfirmation(form.action, fields);
    expectHeading(replay, 400, 'This confirmation is not recognised');
  });

  it('unanswered for 10 minutes on the application clock: reads FAILED expired, and answering then verifies nothing', async () => {
    const c = await world().newCustomer();
    const { org, verification, form } = await askedToConfirm(c);
    world().clock.advance(10 * 60_000 + 1_000);
    try {
      const shown = await org.api.get(`/domains/verifications/${verification.id}`);
      expect(shown.body.verification).toMatchObject({
        status: 'FAILED',
        failure: { code: 'expired', message: expect.stringContaining('did not confirm within 10 minutes') },
      });
      const answered = await postConfirmation(form.action, { confirmation: form.confirmation, decision: 'verify' });
      expectHeading(answered, 400, `${c.primary} was not verified`);
      expect((await world().db.prisma.workspaceDomain.findUnique({ where: { domain: c.primary } }))?.verifiedAt).toBeNull();
      expect((await world().db.prisma.domainVerification.findUniqueOrThrow({ where: { id: verification.id } })).failureCode).toBe(
        'expired',
      );
    } finally {
      world().clock.reset();
    }
  });
});
