import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through backend/config.ts.' },
      ],
    },
  },
  {
    // Only these may read the environment: the config loader, the CLI config, scripts and test setup.
    files: ['backend/config.ts', 'prisma.config.ts', 'prisma/**', 'test/**', 'backend/emulator/cli.ts', 'addon/build.ts', 'addon/deploy.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The add-on runs in Apps Script: no Node, no process, no modules at run time (addon/build.ts bundles it).
    files: ['addon/src/**'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', 'setTimeout', 'fetch'],
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', '*/backend/*'], message: 'The add-on runs in Apps Script; it cannot use Node or backend modules.' }] }],
    },
  },
);
