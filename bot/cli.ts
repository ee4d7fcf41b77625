import { runCli } from './cli/runCli';

/** Entry point: `npm run cli -- <command> [options]`. */
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
