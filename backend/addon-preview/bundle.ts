/**
 * The built add-on bundle as Apps Script runs it: built with addon/build.ts into a folder, loaded as
 * one script into a fresh `node:vm` global scope with Apps Script's services, its globals called by
 * name. The preview's runtime (worker.ts) and the add-on's tests both use it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import type { AddonSettings } from '../../addon/src/settings.js';
import { createCardService } from './card-service.js';
import type { HttpRequest, HttpResponse } from './sync-http.js';

/** The manifest fields the preview and the tests read. */
export interface Manifest {
  oauthScopes: string[];
  urlFetchWhitelist: string[];
  addOns: {
    common: {
      name: string;
      logoUrl: string;
      homepageTrigger: { runFunction: string };
      universalActions: Array<{ label: string; runFunction?: string; openLink?: string }>;
      openLinkUrlPrefixes: string[];
    };
    calendar: { currentEventAccess: string; eventOpenTrigger: { runFunction: string }; homepageTrigger?: { runFunction: string } };
  };
}

/** A build of the add-on: Code.js and the manifest, read back. */
export interface Built {
  readonly dir: string;
  readonly code: string;
  readonly manifest: Manifest;
  readonly globals: readonly string[];
  /** Deletes the folder if the build made it (a given `dir` is left alone). */
  remove(): Promise<void>;
}

/** Builds into `dir`, or into a new temporary folder (never build/addon, which may hold a build to push). */
export async function buildBundle(settings: AddonSettings, dir?: string): Promise<Built> {
  // Imported when used: esbuild is a development dependency, and only the sandbox builds the add-on.
  const { buildAddon } = await import('../../addon/build.js');
  const outDir = dir ?? (await mkdtemp(path.join(tmpdir(), 'together-addon-')));
  const { globals } = await buildAddon(settings, outDir);
  return {
    dir: outDir,
    code: await readFile(path.join(outDir, 'Code.js'), 'utf8'),
    manifest: JSON.parse(await readFile(path.join(outDir, 'appsscript.json'), 'utf8')) as Manifest,
    globals,
    remove: () => (dir ? Promise.resolve() : rm(outDir, { recursive: true, force: true })),
  };
}

/** Every function the manifest names. */
export function manifestFunctions(manifest: Manifest): string[] {
  const { common, calendar } = manifest.addOns;
  return [
    common.homepageTrigger.runFunction,
    calendar.eventOpenTrigger.runFunction,
    calendar.homepageTrigger?.runFunction,
    ...common.universalActions.map((action) => action.runFunction),
  ].filter((name): name is string => typeof name === 'string');
}

/** The UrlFetchApp options the add-on passes (the subset it uses). */
export interface FetchOptions {
  method: string;
  headers: Record<string, string>;
  contentType?: string;
  payload?: string;
  muteHttpExceptions?: boolean;
}

/** Apps Script's UrlFetchApp over a synchronous `send`; records each call; refuses URLs the manifest does not whitelist, as Apps Script does. */
export function urlFetchAppOver(send: (request: HttpRequest) => HttpResponse, whitelist: readonly string[]) {
  const calls: Array<{ url: string; options: FetchOptions }> = [];
  return {
    calls,
    fetch(url: string, options: FetchOptions) {
      calls.push({ url, options });
      if (!whitelist.some((prefix) => url.startsWith(prefix))) throw new Error(`Exception: URL not allowed by urlFetchWhitelist: ${url}`);
      // UrlFetchApp sends `contentType` as the Content-Type header.
      const headers = options.contentType ? { ...options.headers, 'Content-Type': options.contentType } : options.headers;
      const response = send({ method: options.method as 'get' | 'post' | 'delete', url, headers, payload: options.payload });
      if (!options.muteHttpExceptions && response.status >= 400)
        throw new Error(`Exception: Request failed for ${url} returned code ${response.status}`);
      return { getResponseCode: () => response.status, getContentText: () => response.body };
    },
  };
}

/** Runs the bundle as Apps Script would: one script in a fresh global scope with these services (and Apps Script's console). */
export function loadBundle(
  code: string,
  services: { UrlFetchApp: unknown; ScriptApp: unknown; console?: unknown },
): Record<string, unknown> {
  const context = vm.createContext({ CardService: createCardService(), console, ...services });
  vm.runInContext(code, context, { filename: 'Code.js' });
  return context as Record<string, unknown>;
}

/** Calls a global of the bundle by name, as Apps Script calls a trigger or an action. */
export function callGlobal<T = unknown>(context: Record<string, unknown>, name: string, event?: unknown): T {
  const fn = context[name];
  if (typeof fn !== 'function') throw new Error(`${name} is not a global function of the bundle`);
  return (fn as (event: unknown) => T)(event);
}
