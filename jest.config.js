/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  // Every core (Jest's default leaves one free): most suites wait on a browser, a server or PostgreSQL,
  // and on the 2-core CI machine two workers take the suite from about 380 s to 250 s.
  maxWorkers: '100%',
  // Jest runs every module in a vm context, where each lookup of a global (Math.abs in a loop) is 20–50
  // times slower than in Node (jestjs/jest#5163, nodejs/node#31658): these built-ins are handed to each
  // module as parameters instead. Never Date nor the timers, which fake timers replace.
  sandboxInjectedGlobals: ['Math', 'JSON', 'Object', 'Array', 'Number', 'String', 'Map', 'Set', 'WeakMap', 'Symbol', 'RegExp', 'Reflect', 'Int16Array', 'Float64Array', 'Uint8Array'],
  // The staff pages' scripts compiled (web/tsconfig.json), and one throwaway PostgreSQL server per run for the
  // suites that run on both engines (test/helpers/postgres.ts).
  globalSetup: '<rootDir>/test/helpers/jestGlobalSetup.ts',
  globalTeardown: '<rootDir>/test/helpers/jestGlobalTeardown.ts',
};
