import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { buildAddon, DEFAULT_BACKEND_URL, readAddonSettings, withoutModuleSyntax } from '../../addon/build.js';

describe('build configuration', () => {
  it('defaults to the sandbox placeholder and drops a trailing slash', () => {
    expect(readAddonSettings({})).toEqual({ backendUrl: DEFAULT_BACKEND_URL, helpUrl: `${DEFAULT_BACKEND_URL}/help/calendar-add-on` });
    expect(readAddonSettings({ ADDON_BACKEND_URL: 'https://api.acme.test/together/', ADDON_HELP_URL: 'https://help.acme.test/' })).toEqual({
      backendUrl: 'https://api.acme.test/together',
      helpUrl: 'https://help.acme.test/',
    });
  });

  it('allows plain http only on loopback (tests), and reports every bad variable at once', () => {
    expect(readAddonSettings({ ADDON_BACKEND_URL: 'http://127.0.0.1:8080' }).backendUrl).toBe('http://127.0.0.1:8080');
    expect(() => readAddonSettings({ ADDON_BACKEND_URL: 'http://together.acme.test', ADDON_HELP_URL: 'not a url' })).toThrow(
      /ADDON_BACKEND_URL=http:\/\/together.acme.test must be an https:\/\/ URL[\s\S]*ADDON_HELP_URL=not a url is not a URL/,
    );
    expect(() => readAddonSettings({ ADDON_BACKEND_URL: 'https://together.acme.test/?x=1' })).toThrow(/must not have a query/);
  });

  it('for a push (push:addon), refuses the placeholder defaults and plain http', () => {
    expect(() => readAddonSettings({}, { forPush: true })).toThrow(/ADDON_BACKEND_URL is not set[\s\S]*ADDON_HELP_URL is not set/);
    expect(() => readAddonSettings({ ADDON_BACKEND_URL: 'http://127.0.0.1:8080', ADDON_HELP_URL: 'https://help.acme.test/' }, { forPush: true })).toThrow(/must be an https:\/\/ URL/);
    expect(readAddonSettings({ ADDON_BACKEND_URL: 'https://api.acme.test', ADDON_HELP_URL: 'https://help.acme.test/' }, { forPush: true })).toEqual({
      backendUrl: 'https://api.acme.test',
      helpUrl: 'https://help.acme.test/',
    });
  });
});

describe('publishing instructions', () => {
  it('the README lists exactly the manifest’s scopes for the Marketplace SDK (the same scopes in the three places)', async () => {
    const manifest = JSON.parse(await readFile(path.resolve('appsscript.json'), 'utf8')) as { oauthScopes: string[] };
    const readme = await readFile(path.resolve('addon/README.md'), 'utf8');
    const listed = /\*OAuth scopes\*: exactly the manifest's `oauthScopes` —([\s\S]*?) — plus/.exec(readme)?.[1] ?? '';
    expect([...listed.matchAll(/`([^`]+)`/g)].map((match) => match[1]).sort()).toEqual([...manifest.oauthScopes].sort());
  });
});

describe('Apps Script has no modules', () => {
  const bundle = (body: string, exports: string) => `${body}\nexport {\n  ${exports}\n};\n`;

  it('strips the export clause and keeps the entry points as top-level functions', () => {
    const { code, globals } = withoutModuleSyntax(bundle('function onHomepage(e) {\n  return e;\n}', 'onHomepage'));
    expect(globals).toEqual(['onHomepage']);
    expect(code).not.toContain('export');
  });

  it('fails on no export clause, a renamed export, an export that is not a function, a hidden Apps Script service', () => {
    expect(() => withoutModuleSyntax('function onHomepage() {}\n')).toThrow(/no trailing export clause/);
    expect(() => withoutModuleSyntax(bundle('function onHomepage2() {}', 'onHomepage2 as onHomepage'))).toThrow(/renamed entry points/);
    expect(() => withoutModuleSyntax(bundle('var onHomepage = () => 1;', 'onHomepage'))).toThrow(/not top-level functions: onHomepage/);
    expect(() => withoutModuleSyntax(bundle('var Session = 1;\nfunction onHomepage() {}', 'onHomepage'))).toThrow(/Apps Script services: Session/);
    expect(() => withoutModuleSyntax(bundle('function DriveApp() {}\nfunction onHomepage() {}', 'onHomepage'))).toThrow(/Apps Script services: DriveApp/);
  });
});

describe('clasp', () => {
  it('a deployment without credentials stops at the version with clasp’s reason', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'together-home-'));
    try {
      const run = promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['addon/deploy.ts'], { env: { ...process.env, HOME: home, NODE_OPTIONS: '' } });
      await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('clasp create-version failed: No credentials found.') });
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });


  it('pushes exactly the bundle and the manifest: show-file-status lists build/addon/Code.js and build/addon/appsscript.json, nothing of the repo', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'together-clasp-'));
    try {
      await cp(path.resolve('.clasp.json'), path.join(project, '.clasp.json'));
      await buildAddon(readAddonSettings({}), path.join(project, 'build/addon'));
      await mkdir(path.join(project, 'backend'));
      await writeFile(path.join(project, 'backend/main.ts'), 'export {};\n');
      await writeFile(path.join(project, 'appsscript.json'), '{}\n');
      const clasp = path.resolve('node_modules/.bin/clasp');
      // No credentials needed: HOME is empty.
      const { stdout, stderr } = await promisify(execFile)(clasp, ['show-file-status', '--json'], { cwd: project, env: { ...process.env, HOME: project } });
      expect({ status: JSON.parse(stdout) as unknown, stderr }).toEqual({ status: { filesToPush: ['build/addon/appsscript.json', 'build/addon/Code.js'], untrackedFiles: [] }, stderr: '' });
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});
