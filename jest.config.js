/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  // One throwaway PostgreSQL server per run for the suites that run on both engines (test/helpers/postgres.ts).
  globalSetup: '<rootDir>/test/helpers/postgresGlobalSetup.ts',
  globalTeardown: '<rootDir>/test/helpers/postgresGlobalTeardown.ts',
};
