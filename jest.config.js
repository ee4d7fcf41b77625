/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  // The staff pages' scripts compiled (web/tsconfig.json), and one throwaway PostgreSQL server per run for the
  // suites that run on both engines (test/helpers/postgres.ts).
  globalSetup: '<rootDir>/test/helpers/jestGlobalSetup.ts',
  globalTeardown: '<rootDir>/test/helpers/postgresGlobalTeardown.ts',
};
