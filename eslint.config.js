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
    files: ['backend/config.ts', 'prisma.config.ts', 'prisma/**', 'test/**', 'backend/emulator/cli.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
