import { describe, expect, it } from '@jest/globals';
import { useWorld } from '../../support/use-world.js';
import { expectStatus } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';
import { createOrganization } from '../../support/factories.js';
import { auditEntries, setUpOrganization } from './support.js';

const db = useWorld(() => createTestDatabase());

const suffix = () => Math.random().toString(36).slice(2, 8);

describe('organization', () => {
  it('shows the organization and its domains', async () => {
    const domain = `org-${suffix()}.example.com`;
    const { api, organization } = await setUpOrganization(db(), {}, [domain]);
    const response = await api.get('');
    expectStatus(response, 200);
    expect(response.body.organization).toEqual({
      id: organization.id,
      name: organization.name,
      domains: [{ domain, verifiedAt: expect.any(String), verifiedBy: null, customerId: null, createdAt: expect.any(String) }],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('renames it and replaces its domains, lower-cased, deduplicated, keeping kept domains as they were', async () => {
    const kept = `kept-${suffix()}.example.com`;
    const dropped = `dropped-${suffix()}.example.com`;
    const { api } = await setUpOrganization(db(), {}, [kept, dropped]);
    const added = `New-${suffix()}.Example.COM.`;
    const response = await api.patch('', { name: '  Acme Mentoring ', domains: [kept, added, added.toLowerCase()] });
    expectStatus(response, 200);
    const normalized = added.toLowerCase().replace(/\.$/, '');
    expect(response.body.organization.name).toBe('Acme Mentoring');
    expect(response.body.organization.domains.map((d: { domain: string }) => d.domain)).toEqual([kept, normalized].sort());
    const keptRow = response.body.organization.domains.find((d: { domain: string }) => d.domain === kept);
    expect(keptRow.verifiedAt).not.toBeNull();

    const [entry] = await auditEntries(db(), api.organizationId);
    expect(entry).toMatchObject({
      action: 'organization.updated',
      actorType: 'ADMIN_TOKEN',
      actorId: api.tokenId,
      details: { name: { to: 'Acme Mentoring' }, domains: { added: [normalized], removed: [dropped] } },
    });
  });

  it('changes nothing and audits nothing when the values are the same', async () => {
    const { api, organization } = await setUpOrganization(db());
    expectStatus(await api.patch('', { name: organization.name, domains: organization.domains.map((d) => d.domain) }), 200);
    expect(await auditEntries(db(), api.organizationId)).toEqual([]);
  });

  it('refuses a domain another organization owns with 409 domain_unavailable, saying nothing of the owner, changing nothing', async () => {
    const other = await createOrganization(db().prisma, {}, [`taken-${suffix()}.example.com`]);
    const { api, organization } = await setUpOrganization(db());
    const takenDomain = other.domains[0]?.domain ?? '';
    const response = await api.patch('', { name: 'Renamed', domains: [takenDomain.toUpperCase()] });
    expectStatus(response, 409);
    expect(response.body.error).toEqual({
      code: 'domain_unavailable',
      message: 'These Workspace domains are not available; if they are yours, contact Together support.',
      details: { domains: [takenDomain] },
      requestId: expect.any(String),
    });
    expect(response.text).not.toContain(other.id);
    expect(response.text).not.toMatch(/organi[sz]ation|belongs|owned|exists/i);
    const after = await db().prisma.organization.findUniqueOrThrow({ where: { id: organization.id }, include: { domains: true } });
    expect(after.name).toBe(organization.name);
    expect(after.domains.map((d) => d.domain)).toEqual(organization.domains.map((d) => d.domain));
    expect(await auditEntries(db(), organization.id)).toEqual([]);
  });

  it.each([
    ['a domain that is not a DNS name', { domains: ['not a domain'] }, 'domains.0'],
    ['a single-label domain', { domains: ['localhost'] }, 'domains.0'],
    ['a label starting with a hyphen', { domains: ['-bad.example.com'] }, 'domains.0'],
    ['an empty domain list', { domains: [] }, 'domains'],
    ['an empty name', { name: '' }, 'name'],
    ['an unknown field', { nmae: 'typo' }, 'nmae'],
    ['nothing to change', {}, ''],
  ])('refuses %s with 400 and field paths', async (_label, body, field) => {
    const { api } = await setUpOrganization(db());
    const response = await api.patch('', body);
    expectStatus(response, 400);
    expect(response.body.error).toMatchObject({ code: 'invalid_request', details: { location: 'body' } });
    expect(response.body.error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const { api } = await setUpOrganization(db());
    const response = await api.patch('').set('Content-Type', 'application/json').send('{"name": ');
    expectStatus(response, 400);
    expect(response.body.error.code).toBe('malformed_json');
  });
});
