import type { AgentState } from '../../bot/liveHelp/agentState';

/** The console's stream as the page reads it (fetch with the bearer token), collecting each pushed state. */
export class AgentStream {
  private readonly controller = new AbortController();
  private readonly states: AgentState[] = [];
  private waiters: Array<() => void> = [];
  readonly ready: Promise<void>;

  constructor(baseUrl: string, token: string) {
    this.ready = this.read(baseUrl, token);
  }

  private async read(baseUrl: string, token: string): Promise<void> {
    const res = await fetch(`${baseUrl}/api/agent/stream`, { headers: { authorization: `Bearer ${token}` }, signal: this.controller.signal });
    if (res.status !== 200 || !res.body) throw new Error(`stream answered ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (data) {
              this.states.push(JSON.parse(data.slice(6)) as AgentState);
              for (const wake of this.waiters.splice(0)) wake();
            }
          }
        }
      } catch {
        // aborted
      }
    })();
  }

  /** The first pushed state (already received or to come) that satisfies `test`. */
  async until(test: (state: AgentState) => boolean, timeoutMs = 10_000): Promise<AgentState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.states.find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such state pushed; last: ${JSON.stringify(this.states.at(-1))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 500);
      });
    }
  }

  close(): void {
    this.controller.abort();
  }
}
