import { globalTeardown } from './postgres';

/** jest.config.js globalTeardown: stops the run's PostgreSQL server and deletes its folder. */
export default globalTeardown;
