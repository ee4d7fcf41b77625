import { ChildProcess, spawn } from 'node:child_process';
import { projectPath } from '../../domain/paths';
import { freePort } from '../bench/benchSupport';

/** One instance of the server: `bot/index.ts` in its own process (sources transpiled on load). */
export class ServerProcess {
  child: ChildProcess | undefined;
  port = 0;

  constructor(private readonly env: Record<string, string>) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    this.port ||= await freePort();
    this.child = spawn(process.execPath, ['-r', projectPath('test/helpers/tsChildRegister.js'), projectPath('bot/index.ts')], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (!this.alive) throw new Error('instance exited during start');
      if (
        await fetch(`${this.url}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      if (Date.now() > deadline) throw new Error('instance did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  kill(): Promise<void> {
    const child = this.child!;
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    const child = this.child!;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
