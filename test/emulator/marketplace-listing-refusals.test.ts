import { describe, expect, it } from '@jest/globals';
import { SCOPES } from './support/google-clients.js';
import { openListing, submitListing, type ListingPage } from './support/marketplace.js';
import { APP, emu, grants, install, listing, useMarketplaceWorld } from './support/marketplace-world.js';

useMarketplaceWorld();

describe('the Marketplace listing page refuses and escapes', () => {
  it('refuses bad input with a 4xx page that says what to do, and changes nothing', async () => {
    const before = await grants();
    const refusals: Array<[Array<[string, string]>, number, string]> = [
      [
        [
          ['reach', 'certain'],
          ['orgUnit', '/Nowhere'],
        ],
        400,
        'acme.test has no organizational unit /Nowhere. Select one from the list.',
      ],
      [
        [
          ['reach', 'certain'],
          ['group', 'ghosts@acme.test'],
        ],
        400,
        'acme.test has no group ghosts@acme.test. Select one from the list.',
      ],
      [[['reach', 'certain']], 400, 'Select at least one organizational unit or group, or choose Everyone at your organization.'],
      [[['reach', 'some']], 400, `Select who can use ${APP}: everyone at your organization, or certain groups or organizational units.`],
    ];
    for (const [fields, status, message] of refusals) {
      const page = await install(fields);
      expect([page.status, page.alert]).toEqual([status, message]);
      expect(page.title).toMatch(/^Error: /);
      expect(page.installedFor).toBe('Only: /Engineering, /Sales');
    }
    const kept = await install([
      ['reach', 'certain'],
      ['orgUnit', '/Contractors'],
      ['orgUnit', '/Nowhere'],
    ]);
    expect(kept.choices.filter((c) => c.checked).map((c) => c.value)).toEqual(['certain', '/Contractors']);

    const others: Array<[Promise<ListingPage>, number, string]> = [
      [
        submitListing(listing, [
          ['domain', 'acme.test'],
          ['action', 'delete'],
        ]),
        400,
        'Choose Install or Uninstall.',
      ],
      [submitListing(listing, [['action', 'uninstall']]), 400, `Open ${APP}'s listing again and choose your Workspace.`],
      [
        submitListing(`${emu.url}/marketplace/app/999`, [
          ['domain', 'acme.test'],
          ['action', 'uninstall'],
        ]),
        404,
        'No app with the client ID 999 is listed in the Google Workspace Marketplace.',
      ],
      [
        openListing(`${emu.url}/marketplace/app/999?domain=acme.test`),
        404,
        'No app with the client ID 999 is listed in the Google Workspace Marketplace.',
      ],
      [
        openListing(`${listing}?domain=nowhere.test`),
        404,
        'nowhere.test is not a Google Workspace domain here. Check the address and try again.',
      ],
      [
        openListing(listing, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ domain: 'acme.test', action: 'uninstall' }),
        }),
        400,
        `Open ${APP}'s listing again and choose your Workspace.`,
      ],
    ];
    for (const [answer, status, message] of others) {
      const page = await answer;
      expect([page.status, page.alert]).toEqual([status, message]);
      expect(page.headings).toHaveLength(1);
    }
    expect(await grants()).toEqual(before);
  });

  it('escapes what it shows: app names, org units and groups', async () => {
    const hostile = '<script>alert(1)</script> & "Co"';
    const unit = '/R&D "<b>"';
    await emu.control('POST', '/seed', {
      users: [{ email: 'zed@esc.test', orgUnitPath: unit, groups: ['<i>@esc.test'] }],
      serviceAccounts: [{ clientEmail: 'esc@esc-project.iam.gserviceaccount.com', clientId: '222222222222222222222' }],
      marketplaceApps: [{ clientId: '222222222222222222222', name: hostile, scopes: [SCOPES.calendar] }],
    });
    const url = `${emu.url}/marketplace/app/222222222222222222222`;
    const page = await openListing(`${url}?domain=esc.test`);
    expect(page.html).not.toContain('<script>');
    expect(page.html).not.toContain('<b>');
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(page.headings).toEqual([hostile]);
    expect(page.choices.map((c) => [c.value, c.label])).toContainEqual([unit, unit]);
    expect(page.choices.map((c) => c.value)).toContain('<i>@esc.test');

    const installed = await submitListing(url, [
      ['domain', 'esc.test'],
      ['action', 'install'],
      ['reach', 'certain'],
      ['orgUnit', unit],
    ]);
    expect(installed.html).not.toContain('<b>');
    expect(installed.alert).toBe(`${hostile} is now installed for ${unit}.`);
    const refused = await submitListing(url, [
      ['domain', 'esc.test'],
      ['action', 'install'],
      ['reach', 'certain'],
      ['orgUnit', '<img src=x>'],
    ]);
    expect(refused.status).toBe(400);
    expect(refused.html).not.toContain('<img');
  });
});
