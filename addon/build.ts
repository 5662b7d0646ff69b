/**
 * Builds the add-on for Apps Script: `build/addon/Code.js` (one script, no modules: the add-on's code
 * in a closure, and for every export of addon/src/index.ts a top-level function that calls it — the
 * script's only globals besides the closure's namespace) and `build/addon/appsscript.json` (the
 * top-level manifest with `urlFetchWhitelist` for the backend). `.clasp.json` pushes exactly that folder.
 *
 * Configuration (build time; see addon/README.md):
 *   ADDON_BACKEND_URL  the backend's base URL (https; http only on loopback, for tests)
 *   ADDON_HELP_URL     the page Help and every error card link to
 * With `--for-push` (npm run push:addon) both must be set, and the backend URL must be https.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AddonSettings } from './src/settings.js';

// The repository: one level up from addon/build.ts, two from dist/addon/build.js (the sandbox's compiled backend builds the add-on too).
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = [path.resolve(HERE, '..'), path.resolve(HERE, '../..')].find((dir) => existsSync(path.join(dir, 'addon/src/index.ts'))) ?? '';
export const DEFAULT_OUT_DIR = path.join(ROOT, 'build/addon');
export const DEFAULT_BACKEND_URL = 'https://together.example.com';

/**
 * The bundle's one top-level name besides the entry points: the closure's result, holding index.ts's
 * exports, which the top-level entry-point functions call.
 */
export const ADDON_NAMESPACE = 'TogetherAddon';

/** Apps Script's own globals (its built-in services and Base enums): a top-level name equal to one would hide it. */
const APPS_SCRIPT_GLOBALS = [
  'Browser',
  'Button',
  'ButtonSet',
  'CacheService',
  'CalendarApp',
  'CardService',
  'Charts',
  'ColorType',
  'ConferenceDataService',
  'ContactsApp',
  'ContentService',
  'DataStudioApp',
  'DocumentApp',
  'DriveApp',
  'FormApp',
  'GmailApp',
  'GroupsApp',
  'HtmlService',
  'Jdbc',
  'LanguageApp',
  'LinearOptimizationService',
  'LockService',
  'Logger',
  'MailApp',
  'Maps',
  'MimeType',
  'Month',
  'PropertiesService',
  'ScriptApp',
  'Session',
  'SitesApp',
  'SlidesApp',
  'SpreadsheetApp',
  'UrlFetchApp',
  'Utilities',
  'Weekday',
  'XmlService',
  'console',
];

/**
 * The build's settings from the environment; every problem is reported at once. `forPush`: the
 * build is about to be pushed (push:addon), so the placeholder defaults are refused — an add-on
 * pointing at together.example.com works nowhere.
 */
export function readAddonSettings(env: Readonly<Record<string, string | undefined>>, options: { forPush?: boolean } = {}): AddonSettings {
  const backendUrl = (env.ADDON_BACKEND_URL || DEFAULT_BACKEND_URL).replace(/\/+$/, '');
  const helpUrl = env.ADDON_HELP_URL || `${DEFAULT_BACKEND_URL}/help/calendar-add-on`;
  const unset = options.forPush ? (['ADDON_BACKEND_URL', 'ADDON_HELP_URL'] as const).filter((name) => !env[name]) : [];
  const problems = [
    ...unset.map((name) => `${name} is not set: a pushed add-on needs the real one (the default is a placeholder)`),
    checkUrl('ADDON_BACKEND_URL', backendUrl, !options.forPush),
    checkUrl('ADDON_HELP_URL', helpUrl, false),
  ].filter(Boolean);
  if (problems.length) throw new Error(`Invalid add-on build configuration:\n  ${problems.join('\n  ')}`);
  return { backendUrl, helpUrl };
}

function checkUrl(name: string, value: string, loopbackHttpAllowed: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name}=${value} is not a URL`;
  }
  if (url.protocol === 'https:') return url.search || url.hash ? `${name}=${value} must not have a query or fragment` : undefined;
  const loopback = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return loopback && loopbackHttpAllowed
    ? undefined
    : `${name}=${value} must be an https:// URL (Apps Script fetches and opens only https)`;
}

export interface BuiltAddon {
  readonly outDir: string;
  /** The bundle's global functions: index.ts's exports (besides them, only ADDON_NAMESPACE is global). */
  readonly globals: readonly string[];
}

/** Bundles addon/src/index.ts with `settings` baked in, writes Code.js and appsscript.json into `outDir`. */
export async function buildAddon(settings: AddonSettings, outDir = DEFAULT_OUT_DIR): Promise<BuiltAddon> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'addon/src/index.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    define: { TOGETHER_ADDON_SETTINGS: JSON.stringify(settings) },
    logLevel: 'silent',
  });
  const { code, globals } = asAppsScript(result.outputFiles[0]?.text ?? '');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'Code.js'), code);
  await writeFile(path.join(outDir, 'appsscript.json'), `${JSON.stringify(await manifestFor(settings), null, 2)}\n`);
  return { outDir, globals };
}

/**
 * Apps Script has no modules, and any top-level function of the project can be named as a trigger or
 * as a card action's function (which comes back from the client). So the ESM bundle, its trailing
 * export clause dropped, goes into a closure whose result `ADDON_NAMESPACE` holds index.ts's exports,
 * and each export gets a top-level function declaration (what triggers and actions need) calling it:
 * those and the namespace are the script's only globals; every helper stays inside the closure.
 */
export function asAppsScript(bundle: string): { code: string; globals: string[] } {
  const exportClause = /\nexport\s*\{([^}]*)\};\s*$/.exec(bundle);
  if (!exportClause) throw new Error('The add-on bundle has no trailing export clause: addon/src/index.ts must export its entry points.');
  const globals = (exportClause[1] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const renamed = globals.filter((name) => /\sas\s/.test(name));
  if (renamed.length)
    throw new Error(`esbuild renamed entry points (${renamed.join(', ')}): another module declares the same top-level name.`);
  const body = bundle.slice(0, exportClause.index).trimEnd();
  const notFunctions = globals.filter((name) => !new RegExp(`^function ${name}\\(`, 'm').test(body));
  if (notFunctions.length) throw new Error(`Entry points that are not top-level functions: ${notFunctions.join(', ')}.`);
  if (/^\s*(import|export)\b/m.test(body)) throw new Error('The add-on bundle still contains import/export statements.');
  if (globals.includes(ADDON_NAMESPACE)) throw new Error(`An entry point is named ${ADDON_NAMESPACE}, the bundle's namespace; rename it.`);
  const hiding = APPS_SCRIPT_GLOBALS.filter((name) => name === ADDON_NAMESPACE || globals.includes(name));
  if (hiding.length) throw new Error(`The bundle declares top-level names of Apps Script services: ${hiding.join(', ')}; rename them.`);
  const code = [
    `// The add-on, in a closure: its only Apps Script globals are ${ADDON_NAMESPACE} and the entry points at the end.`,
    `var ${ADDON_NAMESPACE} = (function () {`,
    "'use strict';",
    body,
    `return {\n${globals.map((name) => `  ${name}: ${name},`).join('\n')}\n};`,
    '})();',
    '',
    "// Entry points: the functions appsscript.json and the cards' actions name.",
    ...globals.map((name) => `function ${name}(e) {\n  return ${ADDON_NAMESPACE}.${name}(e);\n}`),
    '',
  ].join('\n');
  return { code, globals };
}

/** The top-level manifest with the fetch whitelist and link prefixes of these settings. */
async function manifestFor(settings: AddonSettings): Promise<Record<string, unknown>> {
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'appsscript.json'), 'utf8')) as {
    addOns: { common: Record<string, unknown> };
  } & Record<string, unknown>;
  manifest.urlFetchWhitelist = [`${settings.backendUrl}/`];
  manifest.addOns.common.openLinkUrlPrefixes = [`${new URL(settings.helpUrl).origin}/`, 'https://meet.google.com/'];
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const settings = readAddonSettings(process.env, { forPush: process.argv.includes('--for-push') });
    const built = await buildAddon(settings);
    console.log(
      `Built ${path.relative(ROOT, built.outDir)}/Code.js and appsscript.json for ${settings.backendUrl}\nglobals: ${built.globals.join(', ')} (and ${ADDON_NAMESPACE})`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
