import { Activity, ActivityEventNames, ActivityTypes, ConversationReference, Middleware, ResourceResponse, RoleTypes, TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { PreparedRow, SqlTranscriptStore } from './sqlTranscriptStore';
import { turnInsights } from '../../dialogs/shared/turnInsights';

export interface InteractionLogMiddlewareOptions {
  /**
   * Also log the turn's activities, as botbuilder's TranscriptLoggerMiddleware does (then leave that
   * one out), without its two JSON copies of every activity: each activity is masked into the row at
   * once, which is already a copy. Off: a TranscriptLoggerMiddleware added after this one logs them.
   */
  transcript?: boolean;
  now?: () => number;
}

/**
 * Outermost middleware: opens the turn's logging scope (giving the inbound activity an id when the
 * channel sent none, or a fresh one when the same id is already being processed), and once the turn,
 * with the transcript logging inside it, is done, stores the turn's rows with its intent, dialog
 * and latency.
 */
export class InteractionLogMiddleware implements Middleware {
  private readonly now: () => number;
  private readonly transcript: boolean;

  constructor(
    private readonly store: SqlTranscriptStore,
    options: InteractionLogMiddlewareOptions | (() => number) = {},
  ) {
    const resolved = typeof options === 'function' ? { now: options } : options;
    this.now = resolved.now ?? Date.now;
    this.transcript = resolved.transcript ?? false;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const started = this.now();
    context.activity.id ??= randomUUID();
    let scope = this.store.beginTurn(context.activity, new Date(started));
    if (!scope) {
      context.activity.id = randomUUID();
      scope = this.store.beginTurn(context.activity, new Date(started));
    }
    try {
      if (this.transcript) await this.logTranscript(context, next);
      else await next();
    } finally {
      if (scope) this.store.commitTurn(scope, turnInsights(context), this.now() - started);
    }
  }

  /**
   * What TranscriptLoggerMiddleware does, in the same order and with the same fields: the inbound
   * activity (its role set to user when missing), each activity sent with the id the channel gave it
   * (or a generated one), updates as messageUpdate and deletions as messageDelete, every one stamped
   * with the time it was logged when it has no timestamp; all handed to the store once the turn has
   * succeeded (a turn that throws logs nothing, as with botbuilder's).
   */
  private async logTranscript(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const transcript: PreparedRow[] = [];
    const log = (activity: Partial<Activity>) => {
      activity.timestamp ??= new Date();
      if (activity.type === ActivityTypes.Event && activity.name === ActivityEventNames.ContinueConversation) return;
      transcript.push(this.store.prepare(activity));
    };
    if (context.activity) {
      if (!context.activity.from.role) context.activity.from.role = RoleTypes.User;
      log({ ...context.activity });
    }
    context.onSendActivities(async (_ctx, activities, nextSend) => {
      const responses: ResourceResponse[] = await nextSend();
      activities.forEach((activity, index) => {
        let id = responses?.[index] ? responses[index].id : activity.id;
        if (!id) {
          const prefix = `g_${Math.random().toString(36).slice(2, 8)}`;
          id = `${prefix}${(activity.timestamp ? new Date(activity.timestamp) : new Date()).getTime().toString()}`;
        }
        log({ ...activity, id });
      });
      return responses;
    });
    context.onUpdateActivity(async (_ctx, activity, nextUpdate) => {
      const response = await nextUpdate();
      log({ ...activity, type: ActivityTypes.MessageUpdate });
      return response;
    });
    context.onDeleteActivity(async (_ctx, reference: Partial<ConversationReference>, nextDelete) => {
      await nextDelete();
      log(TurnContext.applyConversationReference({ type: ActivityTypes.MessageDelete, id: reference.activityId }, reference, false));
    });
    await next();
    for (const prepared of transcript) this.store.record(prepared);
  }
}
