import { z } from 'zod';
import { contacts } from '../contacts';
import { loadDataFile } from '../dataFile';
import type { Translate } from '../i18n';
import { foldText } from './askedMoment';
import { sourceLine } from './faqAnswers';
import { seedSource } from './knowledgeBase';

/** How the answer reads (locales/<lang>/resolve.json, mandate.*). */
export const OUT_OF_MANDATE_ANSWERS = ['generic', 'employee', 'employeeFile', 'jobFollowUp', 'itSupport'] as const;
export type OutOfMandateAnswer = (typeof OUT_OF_MANDATE_ANSWERS)[number];

const pattern = z.string().refine((p) => {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}, 'expected a valid regular expression');

const topicSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id'),
  answer: z.enum(OUT_OF_MANDATE_ANSWERS),
  /** The knowledge base's entry on the same topic (faq.json): answered instead when the recognizer offers it among its choices. */
  entry: z.string().optional(),
  /**
   * Read only when the recognizer's guess is one of these intents, and then whatever its confidence: « mon examen de
   * cours plante » is read as an exam problem, but the exam triage is for the staffing exams, not a school's.
   */
  overrides: z.array(z.string()).optional(),
  /**
   * A topic that overrides guesses and is also read like the others, when the recognizer declines, hesitates or ranks
   * small talk first: its words say enough on their own (« mon wifi marche pu à la maison »), unlike a school's name.
   */
  readAlone: z.boolean().optional(),
  /** Patterns that keep the topic from applying (« l'examen du processus de qualification, à l'université »). */
  unless: z.object({ fr: z.array(pattern), en: z.array(pattern) }).optional(),
  patterns: z.object({ fr: z.array(pattern).min(1), en: z.array(pattern).min(1) }),
  source: z.array(seedSource).min(1),
});

const fileSchema = z.object({ description: z.string(), reviewed: z.string(), topics: z.array(topicSchema).min(1) });

export type OutOfMandateTopic = z.infer<typeof topicSchema>;

interface CompiledTopic {
  topic: OutOfMandateTopic;
  matcher: RegExp;
  exception?: RegExp;
}

let compiled: CompiledTopic[] | undefined;

/** data/knowledge-base/out-of-mandate.json, validated and compiled once per process. */
export function outOfMandateTopics(): OutOfMandateTopic[] {
  return compiledTopics().map((c) => c.topic);
}

function compiledTopics(): CompiledTopic[] {
  if (compiled) return compiled;
  const file = loadDataFile('knowledge-base/out-of-mandate.json', fileSchema);
  const ids = new Set<string>();
  for (const topic of file.topics) {
    if (ids.has(topic.id)) throw new Error(`Invalid data file data/knowledge-base/out-of-mandate.json: duplicate id ${topic.id}`);
    ids.add(topic.id);
  }
  compiled = file.topics.map((topic) => ({
    topic,
    matcher: wholeWords(topic.patterns),
    exception: topic.unless ? wholeWords(topic.unless) : undefined,
  }));
  return compiled;
}

/** Whole words only, both languages (people mix them): « pays » is not « pay ». */
function wholeWords(patterns: { fr: string[]; en: string[] }): RegExp {
  return new RegExp(`(?:^| )(?:${[...patterns.fr, ...patterns.en].join('|')})(?= |$)`, 'u');
}

function isAbout(c: CompiledTopic, key: string): boolean {
  return c.matcher.test(key) && !c.exception?.test(key);
}

/** Lower case, no accents, apostrophes and punctuation as spaces: « Où est ma paie? » → "ou est ma paie". */
export function mandateKey(text: string): string {
  return foldText(text)
    .replace(/['’]/g, ' ')
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first topic outside the Centre's mandate the message is about (topics that only override a guess aside), or undefined. */
export function matchOutOfMandate(text: string): OutOfMandateTopic | undefined {
  const key = mandateKey(text);
  if (!key) return undefined;
  return compiledTopics().find((c) => (!c.topic.overrides || c.topic.readAlone) && isAbout(c, key))?.topic;
}

/** The first topic that overrides one of the recognizer's guesses (`overrides`) and that the message is about, or undefined. */
export function outOfMandateOverriding(text: string, guessed: (intent: string) => boolean): OutOfMandateTopic | undefined {
  // The message is folded only when a topic overrides one of the guesses (most messages: none).
  let key: string | undefined;
  for (const c of compiledTopics()) {
    if (!c.topic.overrides?.some(guessed)) continue;
    key ??= mandateKey(text);
    if (key && isAbout(c, key)) return c.topic;
  }
  return undefined;
}

/**
 * « Le Centre d'assistance en dotation ne s'occupe pas de la paie… » with what the seeds say about the
 * topic, then the Centre's phone numbers and e-mail as the next step, then the source link.
 */
export function outOfMandateAnswer(topic: OutOfMandateTopic, t: Translate): string {
  const c = contacts().caDotation;
  const label = () => t(`resolve:mandate.topics.${topic.id}`);
  const paragraphs: string[] = [];
  switch (topic.answer) {
    case 'generic':
      paragraphs.push(`${t('resolve:mandate.generic', { topic: label() })} ${t('resolve:mandate.notInDocuments')}`, t('resolve:mandate.whatWeDo'));
      break;
    case 'employee':
      paragraphs.push(`${t('resolve:mandate.generic', { topic: label() })} ${t('resolve:mandate.employee')} ${t('resolve:mandate.notInDocuments')}`);
      break;
    case 'employeeFile':
      paragraphs.push(`${t('resolve:mandate.employeeFile')} ${t('resolve:mandate.notInDocuments')}`);
      break;
    case 'jobFollowUp':
      paragraphs.push(`${t('resolve:mandate.jobFollowUp')} ${t('resolve:mandate.notInDocuments')}`);
      break;
    case 'itSupport':
      paragraphs.push(t('resolve:mandate.itSupport'));
      break;
  }
  paragraphs.push(t('resolve:mandate.nextStep', { local: c.phoneLocal.display, tollFree: c.phoneTollFree.display, email: c.emailGeneral.display }));
  paragraphs.push(sourceLine(topic.source, t));
  return paragraphs.filter(Boolean).join('\n\n');
}
