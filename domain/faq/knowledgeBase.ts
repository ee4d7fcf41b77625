import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { contacts } from '../contacts';
import { loadDataFile } from '../dataFile';
import { projectPath } from '../paths';
import { FAQ_INTENT_PREFIX, Intents } from '../understanding/intents';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const bilingual = z.object({ fr: z.string().min(1), en: z.string().min(1) });
/** A citation: the seed file and section of a fact, and the official page the seed gives for it. */
export const seedSource = z.object({
  seed: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'expected a seed file name such as 000_0d5508280b13b41e.txt'),
  section: z.string().min(1),
  note: z.string().optional(),
  /**
   * The official page the cited seed gives for this fact (e.g. the ministry's Québec.ca section in seed 000),
   * shown as « Source : … » under the answer. https only; test/data/dataSources.test.ts checks that the
   * address appears in the cited seed.
   */
  url: z
    .string()
    .url()
    .refine((u) => /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/[\w./-]*)?$/i.test(u), 'expected an https:// address without query or fragment')
    .optional(),
});

/** Placeholders an answer may use, besides {{contacts.<path>}}. */
export const DYNAMIC_PLACEHOLDERS = ['hours.weekly', 'hours.now', 'hours.askedDay', 'hours.lunch', 'hours.nextHoliday'] as const;
const PLACEHOLDER = /\{\{\s*([^}]+?)\s*\}\}/g;
const ENTRY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const entrySchema = z.object({
  id: z.string().regex(ENTRY_ID, 'expected a kebab-case id'),
  title: bilingual,
  answer: bilingual,
  phrasings: z.array(z.string().min(1)).min(10, 'at least 10 French phrasings'),
  phrasingsEn: z.array(z.string().min(1)).default([]),
  source: z.array(seedSource).min(1),
  reviewed: isoDate,
});

const faqFileSchema = z.object({ description: z.string(), reviewed: isoDate, entries: z.array(entrySchema).min(1) });

const intentsFileSchema = z.object({
  description: z.string(),
  reviewed: isoDate,
  intents: z.array(z.object({ intent: z.string().min(1), phrasings: z.array(z.string().min(1)).min(5), phrasingsEn: z.array(z.string().min(1)).default([]) })),
});

export type FaqEntry = z.infer<typeof entrySchema>;

export interface KnowledgeBase {
  reviewed: string;
  entries: FaqEntry[];
  byId: ReadonlyMap<string, FaqEntry>;
}

/** One labelled training sentence. */
export interface TrainingExample {
  text: string;
  intent: string;
  lang: 'fr' | 'en';
}

/** The intents the recognizer learns besides the FAQ entries (data/knowledge-base/intents.json). */
export const CONVERSATION_INTENTS = [
  Intents.examProblem,
  Intents.complaintFile,
  Intents.complaintStatus,
  Intents.handoff,
  Intents.greeting,
  Intents.thanks,
  Intents.goodbye,
  Intents.help,
  Intents.outOfScope,
] as const;

export function faqIntent(entryId: string): string {
  return `${FAQ_INTENT_PREFIX}${entryId}`;
}

/** The entry id of a `faq.<id>` intent, or undefined (faq.menu is the menu choice, not an entry). */
export function entryIdOf(intent: string): string | undefined {
  return intent.startsWith(FAQ_INTENT_PREFIX) && intent !== Intents.faqMenu ? intent.slice(FAQ_INTENT_PREFIX.length) : undefined;
}

/** Every {{placeholder}} of a text. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** The value of {{contacts.a.b}}: a fact's display text, or a number (delays, targets). */
export function contactValue(path: string): string | undefined {
  let node: unknown = contacts();
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node === 'number' || typeof node === 'string') return String(node);
  if (node && typeof node === 'object' && typeof (node as { display?: unknown }).display === 'string') return (node as { display: string }).display;
  return undefined;
}

function checkPlaceholders(entry: FaqEntry): string[] {
  const problems: string[] = [];
  for (const lang of ['fr', 'en'] as const) {
    for (const name of placeholdersOf(entry.answer[lang])) {
      if (name.startsWith('contacts.')) {
        if (contactValue(name.slice('contacts.'.length)) === undefined) problems.push(`${entry.id}.answer.${lang}: unknown contact ${name}`);
      } else if (!/^businessDaysFromToday:\d+$/.test(name) && !(DYNAMIC_PLACEHOLDERS as readonly string[]).includes(name)) {
        problems.push(`${entry.id}.answer.${lang}: unknown placeholder {{${name}}}`);
      }
    }
  }
  return problems;
}

/**
 * data/knowledge-base/citizen-messages.json: the spent evaluation pairs' messages, trained on (see its description;
 * test/eval/heldOutPairs.ts writes it). Each set says how many messages its pair had and why the others were left out.
 */
export const citizenMessagesFileSchema = z.object({
  description: z.string(),
  reviewed: isoDate,
  sets: z.array(
    z.object({
      pair: z.number().int().positive(),
      lang: z.enum(['fr', 'en']),
      /** Messages in the pair's file when it was retired. */
      written: z.number().int().nonnegative(),
      /** Left out: they ask several questions, which one label would half teach. */
      several: z.number().int().nonnegative(),
      /** Left out, unread: they equal or nearly equal a sentence of a set still held out. */
      nearHeldOut: z.number().int().nonnegative(),
      messages: z.array(z.object({ text: z.string().min(1), intent: z.string().min(1) })),
    }),
  ),
});

export type CitizenMessagesFile = z.infer<typeof citizenMessagesFileSchema>;

let cachedKb: KnowledgeBase | undefined;
let cachedIntents: z.infer<typeof intentsFileSchema> | undefined;

/**
 * Validates FAQ data: ids unique and kebab-case, ≥ 10 French phrasings, at least one seed source
 * (file name and section) and a review date per entry, and every placeholder resolvable.
 */
export function parseKnowledgeBase(raw: unknown, origin = 'data/knowledge-base/faq.json'): KnowledgeBase {
  const parsed = faqFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid data file ${origin}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const problems: string[] = [];
  const byId = new Map<string, FaqEntry>();
  for (const entry of parsed.data.entries) {
    if (byId.has(entry.id)) problems.push(`duplicate id ${entry.id}`);
    if (entry.id === 'menu') problems.push('the id "menu" is reserved for the menu choice');
    byId.set(entry.id, entry);
    problems.push(...checkPlaceholders(entry));
  }
  if (problems.length) throw new Error(`Invalid data file ${origin}: ${problems.join('; ')}`);
  return { reviewed: parsed.data.reviewed, entries: parsed.data.entries, byId };
}

/** The FAQ of data/knowledge-base/faq.json, validated once per process: a bad file stops the start. */
export function knowledgeBase(): KnowledgeBase {
  cachedKb ??= parseKnowledgeBase(JSON.parse(readFileSync(projectPath('data', 'knowledge-base', 'faq.json'), 'utf8')));
  return cachedKb;
}

function conversationIntentsFile(): z.infer<typeof intentsFileSchema> {
  if (cachedIntents) return cachedIntents;
  const file = loadDataFile('knowledge-base/intents.json', intentsFileSchema);
  const known = new Set<string>(CONVERSATION_INTENTS);
  const unknown = file.intents.filter((i) => !known.has(i.intent)).map((i) => i.intent);
  if (unknown.length) throw new Error(`Invalid data file data/knowledge-base/intents.json: unknown intents ${unknown.join(', ')}`);
  cachedIntents = file;
  return file;
}

let cachedCitizenMessages: CitizenMessagesFile | undefined;

function citizenMessagesFile(): CitizenMessagesFile {
  if (cachedCitizenMessages) return cachedCitizenMessages;
  const file = loadDataFile('knowledge-base/citizen-messages.json', citizenMessagesFileSchema);
  const known = knownIntents();
  const unknown = [...new Set(file.sets.flatMap((set) => set.messages.map((m) => m.intent)).filter((intent) => !known.has(intent)))];
  if (unknown.length) throw new Error(`Invalid data file data/knowledge-base/citizen-messages.json: unknown intents ${unknown.join(', ')}`);
  cachedCitizenMessages = file;
  return file;
}

/** Every intent a message can be labelled with: the conversation intents and one per FAQ entry. */
export function knownIntents(): ReadonlySet<string> {
  return new Set<string>([...CONVERSATION_INTENTS, ...knowledgeBase().entries.map((entry) => faqIntent(entry.id))]);
}

/** Every training sentence: the FAQ phrasings (faq.<id>), the conversation intents and the citizens' messages, French and English. */
export function trainingExamples(): TrainingExample[] {
  const examples: TrainingExample[] = [];
  for (const entry of knowledgeBase().entries) {
    const intent = faqIntent(entry.id);
    for (const text of entry.phrasings) examples.push({ text, intent, lang: 'fr' });
    for (const text of entry.phrasingsEn) examples.push({ text, intent, lang: 'en' });
  }
  for (const group of conversationIntentsFile().intents) {
    for (const text of group.phrasings) examples.push({ text, intent: group.intent, lang: 'fr' });
    for (const text of group.phrasingsEn) examples.push({ text, intent: group.intent, lang: 'en' });
  }
  for (const set of citizenMessagesFile().sets) for (const { text, intent } of set.messages) examples.push({ text, intent, lang: set.lang });
  return examples;
}
