import { describe, expect, it } from '@jest/globals';
import { DEMO_DOMAIN, startEmulator } from '../../backend/emulator/index.js';
import { CLIENT_ID, GRANTED_SCOPES } from './support/emulator.js';
import { SCOPES, googleError, jwtFor } from './support/google-clients.js';
import { openListing, submitListing } from './support/marketplace.js';
import { APP, acmeGrants, emu, install, listing, LISTING_SCOPES, useMarketplaceWorld } from './support/marketplace-world.js';

useMarketplaceWorld();

const tokenFor = (subject: string): Promise<unknown> => emu.jwt(subject).authorize();

describe('the Marketplace listing page', () => {
  it('shows the app, its permissions in plain words, who it is installed for, and an accessible Admin install form', async () => {
    const page = await openListing(`${listing}?domain=acme.test`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('cache-control')).toContain('no-store');
    expect(page.html).toMatch(/<html lang="en">/);
    expect(page.html).not.toMatch(/<script|<link|src=/);
    expect(page.title).toBe(`${APP} – Google Workspace Marketplace (emulator)`);
    expect(page.headings).toEqual([APP]);
    expect(page.html).toContain('Sandbox: you act as the Workspace&#39;s super administrator (acme.test).');
    expect(page.installedFor).toBe('Only: /Engineering, /Sales');
    expect(page.html).toContain('Domain-wide delegation in the Admin console also covers: admins@acme.test.');
    expect(page.permissions).toEqual([
      'See, edit, share, and permanently delete all the calendars you can access using Google Calendar',
      'View and edit events on all your calendars',
      'See info about users on your domain',
      "See your personal info, including any personal info you've made publicly available",
      'See your primary Google Account email address',
    ]);
    expect(page.choices.map(({ name, value, checked }) => [name, value, checked])).toEqual([
      ['reach', 'everyone', false],
      ['reach', 'certain', true],
      ['orgUnit', '/Contractors', false],
      ['orgUnit', '/Engineering', true],
      ['orgUnit', '/Engineering/Platform', false],
      ['orgUnit', '/Sales', true],
      ['group', 'admins@acme.test', false],
      ['group', 'sales@acme.test', false],
    ]);
    expect(page.choices.slice(0, 2).map((c) => c.label)).toEqual([
      'Everyone at your organization',
      'Certain groups or organizational units',
    ]);
    expect(page.unlabelled).toEqual([]);
    expect(page.html.match(/<fieldset>/g)).toHaveLength(3);
    expect(page.html.match(/<legend>/g)).toHaveLength(3);
    expect(page.html).toContain('value="uninstall">Uninstall</button>');
  });

  it('installs for chosen org units: the grant is replaced, and tokens follow the new reach', async () => {
    await expect(tokenFor('cara@acme.test')).resolves.toHaveProperty('access_token');
    expect((await googleError(tokenFor('eve@acme.test'))).message).toMatch(/^unauthorized_client/);

    const page = await install([
      ['reach', 'certain'],
      ['orgUnit', '/Engineering'],
      ['orgUnit', '/Contractors'],
    ]);
    expect(page.status).toBe(200);
    expect(page.alert).toBe(`${APP} is now installed for /Engineering and /Contractors.`);
    expect(page.installedFor).toBe('Only: /Engineering, /Contractors');

    const [marketplace, ...more] = await acmeGrants('marketplace');
    expect(more).toEqual([]);
    expect(marketplace).toMatchObject({ reach: { kind: 'orgUnits', orgUnits: ['/Engineering', '/Contractors'] }, scopes: GRANTED_SCOPES });
    expect(await acmeGrants('adminConsole')).toHaveLength(1);
    await expect(tokenFor('eve@acme.test')).resolves.toHaveProperty('access_token');
    await expect(tokenFor('ben@acme.test')).resolves.toHaveProperty('access_token');
    const outside = await googleError(tokenFor('cara@acme.test'));
    expect(outside.status).toBe(401);
    expect(outside.message).toMatch(/^unauthorized_client/);
  });

  it('installs for a group, and for org units and groups together', async () => {
    const groups = await install([
      ['reach', 'certain'],
      ['orgUnit', '/Contractors'],
      ['group', 'SALES@acme.test'],
    ]);
    expect(groups.alert).toBe(`${APP} is now installed for /Contractors and sales@acme.test.`);
    expect(groups.installedFor).toBe('Only: /Contractors, sales@acme.test');
    expect((await acmeGrants('marketplace')).map((g) => g.reach)).toEqual([
      { kind: 'orgUnits', orgUnits: ['/Contractors'] },
      { kind: 'groups', groups: ['sales@acme.test'] },
    ]);
    await expect(tokenFor('cara@acme.test')).resolves.toHaveProperty('access_token');
    expect((await googleError(tokenFor('ana@acme.test'))).status).toBe(401);
  });

  it('installs for everyone at the organization', async () => {
    const page = await install([
      ['reach', 'everyone'],
      ['orgUnit', '/Sales'],
    ]);
    expect(page.alert).toBe(`${APP} is now installed for everyone at acme.test.`);
    expect(page.installedFor).toBe('Everyone at acme.test');
    expect(page.choices.find((c) => c.value === 'everyone')?.checked).toBe(true);
    expect((await acmeGrants('marketplace')).map((g) => g.reach)).toEqual([{ kind: 'domain' }]);
    for (const user of ['eve@acme.test', 'cara@acme.test', 'ana@acme.test'])
      await expect(tokenFor(user)).resolves.toHaveProperty('access_token');
  });

  it('uninstalls (the Admin console delegation stays), then installs again with the listing’s scopes', async () => {
    const page = await submitListing(listing, [
      ['domain', 'acme.test'],
      ['action', 'uninstall'],
    ]);
    expect(page.alert).toBe(`${APP} is now uninstalled. Nobody at acme.test can use it.`);
    expect(page.installedFor).toBe('Not installed');
    expect(page.html).not.toContain('value="uninstall"');
    expect(page.permissions).toEqual([
      'See, edit, share, and permanently delete all the calendars you can access using Google Calendar',
      'See info about users on your domain',
    ]);
    expect(await acmeGrants('marketplace')).toEqual([]);
    expect((await googleError(tokenFor('ana@acme.test'))).message).toMatch(/^unauthorized_client/);
    await expect(tokenFor('boss@acme.test')).resolves.toHaveProperty('access_token');

    const again = await submitListing(listing, [
      ['domain', 'acme.test'],
      ['action', 'uninstall'],
    ]);
    expect(again.alert).toBe(`${APP} was not installed at acme.test. Nothing changed.`);

    await install([['reach', 'everyone']]);
    expect((await acmeGrants('marketplace')).map((g) => g.scopes)).toEqual([LISTING_SCOPES]);
    await expect(tokenFor('eve@acme.test')).resolves.toHaveProperty('access_token');
  });

  it('asks which Workspace when the address names none', async () => {
    const page = await openListing(listing);
    expect(page.status).toBe(200);
    expect(page.headings).toEqual(['Which Workspace do you administer?']);
    expect(page.html).toContain(`<a href="/marketplace/app/${CLIENT_ID}?domain=acme.test">acme.test</a>`);
    expect(page.html).toContain(`<a href="/marketplace/app/${CLIENT_ID}?domain=quiet.test">quiet.test</a>`);
  });
});

describe("the demo company's listing (the sandbox's install page)", () => {
  it('lists Together installed outside /Contractors, and widening it to /Contractors lets their tokens through', async () => {
    const demo = await startEmulator({ seed: 'demo' });
    try {
      const [key] = demo.serviceAccounts;
      const url = `${demo.url}/marketplace/app/${key!.client_id}`;
      const page = await openListing(`${url}?domain=${DEMO_DOMAIN}`);
      expect(page.headings).toEqual(['Together']);
      expect(page.installedFor).toBe('Only: /Engineering, /Sales, /Operations, /People');
      const chosen = page.choices.filter((c) => c.name === 'orgUnit' && c.checked).map((c): [string, string] => ['orgUnit', c.value]);
      const widened = await submitListing(url, [
        ['domain', DEMO_DOMAIN],
        ['action', 'install'],
        ['reach', 'certain'],
        ...chosen,
        ['orgUnit', '/Contractors'],
      ]);
      expect(widened.alert).toBe('Together is now installed for /Engineering, /Operations, /People, /Sales and /Contractors.');
      await expect(jwtFor(demo.url, key!, `freya.hughes@${DEMO_DOMAIN}`, [SCOPES.calendar]).authorize()).resolves.toHaveProperty(
        'access_token',
      );
    } finally {
      await demo.close();
    }
  });
});
