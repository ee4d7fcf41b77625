import { randomBytes } from 'node:crypto';
import type { DirectLineRepository } from '../../domain/directLine/directLineRepository';

export interface TurnSequencerOptions {
  /** How long a turn lease holds: a crashed instance's lease runs out after this. */
  leaseMs: number;
  /** How long a turn waits for another instance's turn before it runs anyway (the state's eTag still guards). */
  maxWaitMs: number;
  /** False once the server is stopping: a turn still waiting gives up. */
  accepting: () => boolean;
}

/**
 * Short, because a killed instance's lease delays the conversation's next turn until it runs out; a
 * turn that lasts longer renews it every third of it.
 */
export const DEFAULT_TURN_LEASE_MS = 4_000;

/**
 * Runs the turns of one conversation one after the other, in the order they arrived: in this process
 * through a promise chain per conversation, and across instances through a lease on the conversation's
 * row (an UPDATE that only one instance can win; the others retry with a short back-off). The bot's
 * state is written with its eTag, so even two turns overlapping past a lease could not silently lose
 * an update: the later write fails and that turn answers with the error message.
 */
export class TurnSequencer {
  readonly owner = randomBytes(9).toString('base64url');
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly repository: DirectLineRepository,
    private readonly options: TurnSequencerOptions,
  ) {}

  /** Conversations with a turn queued or running in this process. */
  get busy(): number {
    return this.tails.size;
  }

  run(conversationId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const next = previous.then(() => this.withLease(conversationId, task));
    const tail = next.catch(() => undefined);
    this.tails.set(conversationId, tail);
    void tail.then(() => {
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId);
    });
    return next;
  }

  private async withLease(conversationId: string, task: () => Promise<void>): Promise<void> {
    const { leaseMs, maxWaitMs, accepting } = this.options;
    const deadline = Date.now() + maxWaitMs;
    let delay = 2;
    for (;;) {
      const now = Date.now();
      if (await this.repository.acquireTurn(conversationId, this.owner, now, now + leaseMs)) break;
      if (!accepting()) return;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(50, delay * 2);
    }
    const renewal = setInterval(() => {
      void this.repository.renewTurn(conversationId, this.owner, Date.now() + leaseMs).catch(() => undefined);
    }, leaseMs / 3);
    renewal.unref();
    try {
      await task();
    } finally {
      clearInterval(renewal);
      await this.repository.releaseTurn(conversationId, this.owner).catch(() => undefined);
    }
  }
}
