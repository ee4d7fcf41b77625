import type { Activity } from 'botbuilder';
import { createConversationHarness } from '../helpers/conversationHarness';
import { citizenConversations } from './conversations/citizens';
import { Conversation, Expected, lastReplies, plain, ScriptContext, scriptContext, textOf } from './conversations/script';
import { seedConversations } from './conversations/seedQuestions';

/** Issue 12, « Conversations that resolve »: the scripted conversations of test/dialogs/conversations/, run on the whole bot. */
const CONVERSATIONS: Conversation[] = [...citizenConversations, ...seedConversations];
const USER = { id: 'citizen-conv', name: 'Citoyenne', role: 'user' };

function resolve(expected: Expected, ctx: ScriptContext): string | RegExp {
  const value = typeof expected === 'function' ? expected(ctx) : expected;
  return typeof value === 'string' ? plain(value) : value;
}

function describeInput(input: Conversation['steps'][number]['say']): string {
  return typeof input === 'string' ? `« ${input} »` : typeof input === 'function' ? '(computed activity)' : JSON.stringify(input);
}

async function play(conversation: Conversation): Promise<void> {
  const h = await createConversationHarness({ now: conversation.now ?? '2026-11-23T15:00:00Z', locale: conversation.locale, classifier: conversation.classifier });
  const ctx = scriptContext(h);
  try {
    for (const [i, input] of (conversation.complaintsOnFile ?? []).entries()) await h.core.services.complaints.create(input, { submissionId: `on-file-${i + 1}` });
    for (const [i, step] of conversation.steps.entries()) {
      const base: Partial<Activity> = typeof step.say === 'string' ? { type: 'message', text: step.say } : typeof step.say === 'function' ? step.say(ctx) : step.say;
      const replies = await h.turn({ from: USER, ...base });
      lastReplies.set(h, replies);
      const text = textOf(replies);
      try {
        for (const expected of step.expect ?? []) {
          const value = resolve(expected, ctx);
          if (typeof value === 'string') expect(text).toContain(value);
          else expect(text).toMatch(value);
        }
        for (const unexpected of step.absent ?? []) {
          const value = resolve(unexpected, ctx);
          if (typeof value === 'string') expect(text).not.toContain(value);
          else expect(text).not.toMatch(value);
        }
        const titles = replies.flatMap((a) => a.suggestedActions?.actions.map((x) => plain(x.title ?? '')) ?? []);
        for (const button of step.buttons ?? []) expect(titles).toContain(plain(button));
        await step.check?.(replies, ctx);
      } catch (err) {
        (err as Error).message = `Step ${i + 1}, ${describeInput(step.say)}:\n${(err as Error).message}`;
        throw err;
      }
    }
    await conversation.after?.(ctx);
  } finally {
    await h.close();
  }
}

describe('conversations that resolve (issue 12)', () => {
  it('holds at least 40 conversations, each with its own name', () => {
    expect(CONVERSATIONS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CONVERSATIONS.map((c) => c.name)).size).toBe(CONVERSATIONS.length);
  });

  const run = (conversations: Conversation[]) => {
    for (const conversation of conversations) {
      if (conversation.knownShortfall) it.failing(`${conversation.name} — known shortfall: ${conversation.knownShortfall}`, async () => play(conversation));
      else it(conversation.name, async () => play(conversation));
    }
  };

  describe("citizens' situations", () => run(citizenConversations));
  describe("the seeds' own questions", () => run(seedConversations));
});
