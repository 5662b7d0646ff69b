import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import { HTTP_STATUS_BY_CODE } from '../error-map.js';
import { MOUNTS } from '../mounts.js';
import { APIS, type Api } from './apis.js';
import { buildOpenApiDocument, errorCodesOf } from './document.js';

/**
 * `npm run openapi:generate` writes docs/openapi.json, the route tables of the APIs' READMEs
 * (between `<!-- openapi:routes NAME -->` and `<!-- /openapi:routes -->`) and the add-on's types of
 * the user API, all from the routes' descriptions; `npm run openapi:check` (part of `npm run check`)
 * fails when any of them is stale.
 */

const ROOT = new URL('../../../', import.meta.url);
const DOCUMENT_FILE = 'docs/openapi.json';
const ADDON_CONTRACT_FILE = 'addon/src/backend-contract.generated.ts';
/** Which README lists which APIs' routes, relative to which prefix. */
const TABLES = [
  {
    file: 'backend/http/admin/README.md',
    name: 'admin',
    apis: APIS.filter((api) => api.prefix.startsWith('/admin/v1')),
    base: '/admin/v1',
  },
  { file: 'backend/http/user/README.md', name: 'user', apis: APIS.filter((api) => api.prefix === '/addon/v1'), base: '/addon/v1' },
];

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A README's table of routes: method and path, what it does, its success and error answers. */
function routeTable(apis: Api[], base: string): string {
  const rows = apis.flatMap((api) =>
    api.routes.map((route) => {
      const path = `${api.prefix}${route.path}`.slice(base.length).replace(/\/$/, '') || '/';
      const successes = Object.keys(route.responses).join(', ');
      const own = route.errors.map((code) => `${HTTP_STATUS_BY_CODE[code]} \`${code}\``).join(', ');
      return `| \`${route.method.toUpperCase()} ${path}\` | ${cell(route.summary)} | ${successes} | ${own || '—'} |`;
    }),
  );
  const common = apis[apis.length - 1]!;
  const everywhere = errorCodesOf(common, { ...common.routes[0]!, method: 'post', errors: [] }).map((code) => `\`${code}\``);
  return [
    `Generated from the routes by \`npm run openapi:generate\` (the full contract, bodies and schemas: \`docs/openapi.json\`, or \`GET /api/docs\` on a running backend). Paths are relative to \`${base}\`. Besides its own codes every route may answer ${everywhere.join(', ')} (writes; reads the same less the database's).`,
    '',
    '| Route | Does | Success | Its own errors |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function withTable(readme: string, name: string, table: string, file: string): string {
  const pattern = new RegExp(`(<!-- openapi:routes ${name} -->)[\\s\\S]*?(<!-- /openapi:routes -->)`);
  if (!pattern.test(readme)) throw new Error(`${file} has no <!-- openapi:routes ${name} --> … <!-- /openapi:routes --> markers`);
  return readme.replace(pattern, (_match, open: string, close: string) => `${open}\n${table}\n${close}`);
}

type Document = ReturnType<typeof buildOpenApiDocument>;

/** The user API's part of the document: its paths, and the schemas they reach. */
function userApiDocument(document: Document): Document {
  const paths = Object.fromEntries(Object.entries(document.paths ?? {}).filter(([path]) => path.startsWith(`${MOUNTS.user}/`)));
  const schemas = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const reach = (value: unknown) => {
    for (const [, name] of JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (reached.has(name!)) continue;
      reached.add(name!);
      reach(schemas[name!]);
    }
  };
  reach(paths);
  return {
    ...document,
    paths,
    components: { ...document.components, schemas: Object.fromEntries([...reached].sort().map((name) => [name, schemas[name]!])) },
  };
}

/** The add-on's TypeScript view of the user API (openapi-typescript), formatted as the repository formats. */
async function addonContract(document: Document): Promise<string> {
  const ast = await openapiTS(userApiDocument(document) as Parameters<typeof openapiTS>[0], { immutable: true, silent: true });
  const source = `// Generated from the user API's part of ${DOCUMENT_FILE} by \`npm run openapi:generate\`: do not edit.\n// addon/src/backend-types.ts names what the add-on reads of it.\n\n${astToString(ast)}`;
  const file = new URL(ADDON_CONTRACT_FILE, ROOT).pathname;
  return prettier.format(source, { ...(await prettier.resolveConfig(file)), filepath: file });
}

/** Every generated file, by path, with the content it should have. */
async function expectedFiles(): Promise<Map<string, string>> {
  const document = buildOpenApiDocument();
  const files = new Map<string, string>([
    [DOCUMENT_FILE, `${JSON.stringify(document, null, 2)}\n`],
    [ADDON_CONTRACT_FILE, await addonContract(document)],
  ]);
  for (const { file, name, apis, base } of TABLES) {
    files.set(file, withTable(readFileSync(new URL(file, ROOT), 'utf8'), name, routeTable(apis, base), file));
  }
  return files;
}

const read = (file: string) => {
  try {
    return readFileSync(new URL(file, ROOT), 'utf8');
  } catch {
    return undefined;
  }
};

const mode = process.argv[2];
if (mode !== '--write' && mode !== '--check') {
  console.error('usage: write-document.ts --write | --check');
  process.exit(64);
}
const stale = [...(await expectedFiles())].filter(([file, content]) => read(file) !== content);
if (mode === '--write') {
  for (const [file, content] of stale) writeFileSync(new URL(file, ROOT), content);
  console.log(stale.length ? `wrote ${stale.map(([file]) => file).join(', ')}` : 'the OpenAPI document and route tables are current');
} else if (stale.length) {
  console.error(`stale: ${stale.map(([file]) => file).join(', ')}. Run npm run openapi:generate and commit the result.`);
  process.exit(1);
}
