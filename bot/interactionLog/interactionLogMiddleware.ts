import type { Middleware, TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { SqlTranscriptStore } from './sqlTranscriptStore';
import { turnInsights } from './turnInsights';

/**
 * Outermost middleware: opens the turn's logging scope (giving the inbound activity an id when the
 * channel sent none, or a fresh one when the same id is already being processed), and once the turn,
 * with the transcript middleware inside it, is done, stores the turn's rows with its intent, dialog
 * and latency.
 */
export class InteractionLogMiddleware implements Middleware {
  constructor(
    private readonly store: SqlTranscriptStore,
    private readonly now: () => number = Date.now,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const started = this.now();
    context.activity.id ??= randomUUID();
    let scope = this.store.beginTurn(context.activity, new Date(started));
    if (!scope) {
      context.activity.id = randomUUID();
      scope = this.store.beginTurn(context.activity, new Date(started));
    }
    try {
      await next();
    } finally {
      if (scope) this.store.commitTurn(scope, turnInsights(context), this.now() - started);
    }
  }
}
