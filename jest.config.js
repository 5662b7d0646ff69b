/** Jest runs TypeScript as ES modules through SWC; `npm run check` type-checks with tsc. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/replicas/ (minutes, three backend processes on PostgreSQL) runs on its own step of .ci/run.
  testPathIgnorePatterns: ['/node_modules/', '/test/bench/', '/test/replicas/'],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2024' },
        module: { type: 'es6' },
      },
    ],
    // The console's pages are Preact components rendered to HTML on the server.
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic', importSource: 'preact' } },
          target: 'es2024',
        },
        module: { type: 'es6' },
      },
    ],
  },
  testTimeout: 60_000,
  // The suites mostly wait (on the emulator, the database, child processes): one worker per core, not
  // Jest's default of one fewer, halves the run on a 2-core CI machine.
  maxWorkers: '100%',
  // Every answer of the APIs a suite receives is held to the OpenAPI document (test/support/contract.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/contract.ts'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
