import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { describe, expect, it } from '@jest/globals';
import { ADDON_NAMESPACE, asAppsScript, buildAddon, DEFAULT_BACKEND_URL, readAddonSettings } from '../../addon/build.js';

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
    expect(() =>
      readAddonSettings({ ADDON_BACKEND_URL: 'http://127.0.0.1:8080', ADDON_HELP_URL: 'https://help.acme.test/' }, { forPush: true }),
    ).toThrow(/must be an https:\/\/ URL/);
    expect(
      readAddonSettings({ ADDON_BACKEND_URL: 'https://api.acme.test', ADDON_HELP_URL: 'https://help.acme.test/' }, { forPush: true }),
    ).toEqual({
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

describe('Apps Script has no modules, and every global function can be named by an action', () => {
  const bundle = (body: string, exports: string) => `${body}\nexport {\n  ${exports}\n};\n`;
  const run = (code: string) => {
    const context = vm.createContext({});
    vm.runInContext(code, context);
    return context as Record<string, unknown>;
  };

  it('drops the export clause, keeps the code in a closure and declares each entry point as a top-level function calling it', () => {
    const { code, globals } = asAppsScript(
      bundle(
        'var Session = { user: "ana" };\nfunction helper(e) {\n  return Session.user + e;\n}\nfunction onHomepage(e) {\n  return helper(e);\n}',
        'onHomepage',
      ),
    );
    expect(globals).toEqual(['onHomepage']);
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    expect(code).toContain(`function onHomepage(e) {\n  return ${ADDON_NAMESPACE}.onHomepage(e);\n}`);
    const context = run(code);
    expect(Object.getOwnPropertyNames(context).sort()).toEqual([ADDON_NAMESPACE, 'onHomepage']);
    expect((context.onHomepage as (e: unknown) => unknown)(7)).toBe('ana7');
  });

  it('runs the code in strict mode, as the TypeScript modules it comes from', () => {
    const { code } = asAppsScript(
      bundle('function helper() {\n  return this;\n}\nfunction onHomepage() {\n  return helper();\n}', 'onHomepage'),
    );
    expect((run(code).onHomepage as () => unknown)()).toBeUndefined();
  });

  it('fails on no export clause, a renamed export, an export that is not a function, a leftover import, a top-level name of an Apps Script service or the namespace', () => {
    expect(() => asAppsScript('function onHomepage() {}\n')).toThrow(/no trailing export clause/);
    expect(() => asAppsScript(bundle('function onHomepage2() {}', 'onHomepage2 as onHomepage'))).toThrow(/renamed entry points/);
    expect(() => asAppsScript(bundle('var onHomepage = () => 1;', 'onHomepage'))).toThrow(/not top-level functions: onHomepage/);
    expect(() => asAppsScript(bundle('import { a } from "./a.js";\nfunction onHomepage() {}', 'onHomepage'))).toThrow(
      /still contains import\/export/,
    );
    expect(() => asAppsScript(bundle('function DriveApp() {}\nfunction onHomepage() {}', 'DriveApp, onHomepage'))).toThrow(
      /Apps Script services: DriveApp/,
    );
    expect(() => asAppsScript(bundle(`function ${ADDON_NAMESPACE}() {}`, ADDON_NAMESPACE))).toThrow(
      /named TogetherAddon, the bundle's namespace/,
    );
  });
});

describe('clasp', () => {
  it('a deployment without credentials stops at the version with clasp’s reason', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'together-home-'));
    try {
      const run = promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['addon/deploy.ts'], {
        env: { ...process.env, HOME: home, NODE_OPTIONS: '' },
      });
      await expect(run).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('clasp create-version failed: No credentials found.'),
      });
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
      const { stdout, stderr } = await promisify(execFile)(clasp, ['show-file-status', '--json'], {
        cwd: project,
        env: { ...process.env, HOME: project },
      });
      const status = JSON.parse(stdout) as { filesToPush: string[]; untrackedFiles: string[] };
      // clasp lists files in directory-walk order, which differs between file systems and runs.
      expect({ filesToPush: [...status.filesToPush].sort(), untrackedFiles: status.untrackedFiles, stderr }).toEqual({
        filesToPush: ['build/addon/Code.js', 'build/addon/appsscript.json'].sort(),
        untrackedFiles: [],
        stderr: '',
      });
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});
