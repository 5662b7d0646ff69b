import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layer table of backend/README.md, enforced: each part of the backend lists the layers it may
// import (`types`: for their types only); an import of any other layer is a lint error. Paths are
// matched on the import text, so each layer is named by its folder or file (folder names are unique
// in backend/).
const LAYERS = {
  http: '**/http/**',
  domain: '**/domain/**',
  google: '**/google/**',
  store: '**/store/**',
  jobs: '**/jobs/**',
  mail: '**/mail/**',
  cli: '**/cli/**',
  emulator: '**/emulator/**',
  'addon-preview': '**/addon-preview/**',
  main: '**/main.js',
  sandbox: '**/sandbox.js',
  config: '**/config.js',
  logger: '**/logger.js',
  web: '**/web/**',
  'sandbox-calendar': '**/sandbox-calendar/**',
};

/** Who may import what (main.ts, the composition root, imports everything and has no row). A `layer/file.js` entry allows that one file. */
const LAYER_TABLE = [
  { layer: 'config', files: ['backend/config.ts'], may: ['google/service-account-key.js'] },
  { layer: 'logger', files: ['backend/logger.ts'], may: [] },
  { layer: 'sandbox', files: ['backend/sandbox.ts'], may: ['domain', 'google', 'emulator/index.js', 'emulator/seeds/demo.js', 'logger'] },
  { layer: 'cli', files: ['backend/cli/**'], may: ['config', 'domain', 'store', 'logger'] },
  { layer: 'http', files: ['backend/http/**'], may: ['domain', 'logger', 'web'], types: ['store'] },
  { layer: 'web', files: ['backend/web/**'], may: [] },
  { layer: 'sandbox-calendar', files: ['backend/sandbox-calendar/**'], may: ['logger', 'addon-preview', 'web'] },
  { layer: 'domain', files: ['backend/domain/**'], may: ['google', 'store', 'logger'] },
  { layer: 'google', files: ['backend/google/**'], may: [] },
  { layer: 'store', files: ['backend/store/**'], may: [] },
  { layer: 'jobs', files: ['backend/jobs/**'], may: ['domain', 'logger'], types: ['config', 'store'] },
  { layer: 'mail', files: ['backend/mail/**'], may: [], types: ['config'] },
  { layer: 'emulator', files: ['backend/emulator/**'], may: [] },
  // Sandbox only; it reaches the backend and the emulator over HTTP like any client (and addon/, outside backend/).
  { layer: 'addon-preview', files: ['backend/addon-preview/**'], may: ['logger'] },
];

/** The import patterns a row refuses: every other layer, less the single files it may import. */
function refusedImports({ layer, may, types = [] }) {
  const message = `backend/README.md's layer table: ${layer} may import ${[...may, ...types.map((t) => `${t} (types)`)].join(', ') || 'no other layer'}.`;
  const group = (name) => [LAYERS[name], ...may.filter((entry) => entry.startsWith(`${name}/`)).map((entry) => `!**/${entry}`)];
  const refused = Object.keys(LAYERS).filter((name) => name !== layer && !may.includes(name) && !types.includes(name));
  return [
    ...refused.map((name) => ({ group: group(name), message })),
    ...types.map((name) => ({ group: [LAYERS[name]], allowTypeImports: true, message })),
    // google/ is the only part that speaks Google's SDK.
    ...(layer === 'google' || layer === 'emulator'
      ? []
      : [{ group: ['googleapis', 'googleapis/*', 'google-auth-library'], message: 'Only backend/google/ imports the Google SDK.' }]),
  ];
}

const layerRules = LAYER_TABLE.map((row) => ({
  files: row.files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: refusedImports(row) }] },
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'data/', 'backend/store/generated/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through backend/config.ts.',
        },
      ],
    },
  },
  {
    // Only these may read the environment: the config loader, the CLI config, scripts and test setup.
    files: [
      'backend/config.ts',
      'prisma.config.ts',
      'prisma/**',
      'test/**',
      'backend/emulator/cli.ts',
      'addon/build.ts',
      'addon/deploy.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The add-on runs in Apps Script: no Node, no process, no modules at run time (addon/build.ts bundles it).
    files: ['addon/src/**'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', 'setTimeout', 'fetch'],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '*/backend/*'], message: 'The add-on runs in Apps Script; it cannot use Node or backend modules.' },
          ],
        },
      ],
    },
  },
  {
    // The console's one script, and the sandbox Calendar's, run in the browser as they are (no build step).
    files: ['backend/http/console/static/**/*.js', 'backend/sandbox-calendar/static/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  ...layerRules,
);
