import { globalSetup } from './postgres';

/** jest.config.js globalSetup: one throwaway PostgreSQL server per jest run (see postgres.ts). */
export default globalSetup;
