import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { renderAnswer } from '../../../domain/faq/faqAnswers';
import { knowledgeBase, parseKnowledgeBase, trainingExamples } from '../../../domain/faq/knowledgeBase';
import { translator } from '../../../domain/i18n';
import { projectPath } from '../../../domain/paths';
import { ServiceHours } from '../../../domain/serviceHours';
import { editDistance } from '../../../domain/format/textFolding';
import { baseWords, STOPWORDS } from '../../../domain/understanding/frenchText';
import { exactKey } from '../../../domain/understanding/trainedClassifier';
import { freshSetFiles } from '../../eval/freshSets';

/**
 * Two sentences are near-duplicates when, normalized (case, accents, punctuation, chat spellings), they
 * are equal, differ by at most 10 % of their characters (from 12 characters on), or share at least
 * 80 % of their content words (from 3 content words on).
 */
function nearDuplicate(a: Normalized, b: Normalized): boolean {
  if (a.key === b.key) return true;
  const length = Math.max(a.key.length, b.key.length);
  if (length >= 12) {
    const max = Math.max(1, Math.floor(length * 0.1));
    if (Math.abs(a.key.length - b.key.length) <= max && lettersApart(a, b) <= 2 * max && editDistance(a.key, b.key, max) <= max) return true;
  }
  const [small, large] = a.content.size <= b.content.size ? [a.content, b.content] : [b.content, a.content];
  // Sharing 80 % of the words of both needs two sets of near size.
  if (small.size < 3 || small.size < 0.8 * large.size) return false;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared += 1;
  return shared / (small.size + large.size - shared) >= 0.8;
}

/** A sentence normalized once: thousands of training phrasings are compared with every fresh sentence. */
interface Normalized {
  key: string;
  content: Set<string>;
  /** How many of each letter (by code modulo 64). */
  letters: Int16Array;
}

function normalized(text: string): Normalized {
  const key = exactKey(text);
  const letters = new Int16Array(64);
  for (let i = 0; i < key.length; i += 1) letters[key.charCodeAt(i) & 63] += 1;
  return { key, content: new Set(baseWords(text).filter((w) => !STOPWORDS.has(w))), letters };
}

/**
 * Letters in one count and not the other: an edit changes it by 2 at most, so twice the edit distance
 * bounds it. It rules out nearly every pair before the edit distance, which is slow in Jest's sandbox.
 */
function lettersApart(a: Normalized, b: Normalized): number {
  let apart = 0;
  for (let i = 0; i < 64; i += 1) apart += Math.abs(a.letters[i] - b.letters[i]);
  return apart;
}

const FRESH_SETS = freshSetFiles().map((set) => set.file);

/** The seed documents every fact comes from (../shared/seeds). */
const SEED_FILES = ['000_0d5508280b13b41e.txt', '001_7e191c24a6aeaaad.txt', '002_a338057652e873fa.txt', '003_215f73fd196edd14.txt', '004_b41c998020909597.txt'];

function validEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'example',
    title: { fr: 'Exemple', en: 'Example' },
    answer: { fr: 'Téléphone : {{contacts.caDotation.phoneLocal}}', en: 'Phone: {{contacts.caDotation.phoneLocal}}' },
    phrasings: Array.from({ length: 10 }, (_, i) => `question ${i}`),
    source: [{ seed: '000_0d5508280b13b41e.txt', section: 'COORDONNÉES' }],
    reviewed: '2026-11-23',
    ...overrides,
  };
}

const file = (entries: unknown[]): unknown => ({ description: 'test', reviewed: '2026-11-23', entries });

describe('knowledge base (data/knowledge-base/faq.json)', () => {
  const kb = knowledgeBase();

  it('covers the topics the seeds answer, each entry with ≥ 10 French phrasings, a seed source and a review date', () => {
    for (const id of [
      'hours',
      'hours-lunch',
      'closed-days',
      'phone',
      'email-general',
      'email-exam',
      'services',
      'employee-file',
      'job-postings',
      'no-nominative-email',
      'identity-check',
      'phone-wait',
      'request-delay',
      'specialized-users',
      'complaints',
      'recourse',
      'sct-complaints',
      'sct-contact',
      'quality-commitments',
      'mission',
      'portals',
      'related-services',
    ]) {
      expect(kb.byId.has(id)).toBe(true);
    }
    const seeds = existsSync(projectPath('..', 'shared', 'seeds')) ? readdirSync(projectPath('..', 'shared', 'seeds')) : SEED_FILES;
    for (const entry of kb.entries) {
      expect(entry.phrasings.length).toBeGreaterThanOrEqual(10);
      expect(entry.source.length).toBeGreaterThan(0);
      for (const source of entry.source) {
        expect(seeds).toContain(source.seed);
        expect(source.section.trim()).not.toBe('');
      }
      expect(entry.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(entry.reviewed))).toBe(false);
    }
  });

  it('renders every answer in French and in English with every placeholder filled', () => {
    const calendar = BusinessCalendar.fromDataFile();
    const hours = ServiceHours.fromDataFile(calendar);
    for (const lang of ['fr', 'en'] as const) {
      for (const entry of kb.entries) {
        const text = renderAnswer(entry, { now: new Date('2026-11-23T15:00:00Z'), hours, calendar, t: translator(lang), lang, utterance: 'mercredi' });
        expect(text.length).toBeGreaterThan(20);
        expect(text).not.toMatch(/\{\{|\}\}|undefined|faq:|common:/);
      }
    }
  });

  it('gives the 2022 general e-mail address, never the older cspq one', () => {
    const calendar = BusinessCalendar.fromDataFile();
    const text = renderAnswer(kb.byId.get('email-general')!, {
      now: new Date(),
      hours: ServiceHours.fromDataFile(calendar),
      calendar,
      t: translator('fr'),
      lang: 'fr',
    });
    expect(text).toContain('carrieres@mcn.gouv.qc.ca');
    expect(text).not.toContain('cspq');
  });

  it('rejects an entry with fewer than 10 phrasings, an unknown seed name, a bad date or an unknown placeholder', () => {
    expect(() => parseKnowledgeBase(file([validEntry()]))).not.toThrow();
    expect(() => parseKnowledgeBase(file([validEntry({ phrasings: ['une seule'] })]))).toThrow(/at least 10 French phrasings/);
    expect(() => parseKnowledgeBase(file([validEntry({ source: [{ seed: 'notes.txt', section: 'x' }] })]))).toThrow(/seed file name/);
    expect(() => parseKnowledgeBase(file([validEntry({ source: [] })]))).toThrow(/source/);
    expect(() => parseKnowledgeBase(file([validEntry({ reviewed: 'hier' })]))).toThrow(/reviewed/);
    expect(() => parseKnowledgeBase(file([validEntry({ answer: { fr: '{{contacts.caDotation.fax}}', en: 'x' } })]))).toThrow(/unknown contact/);
    expect(() => parseKnowledgeBase(file([validEntry({ answer: { fr: '{{meteo}}', en: 'x' } })]))).toThrow(/unknown placeholder/);
    expect(() => parseKnowledgeBase(file([validEntry(), validEntry()]))).toThrow(/duplicate id example/);
  });

  it('never trains on a sentence of the evaluation test sets', () => {
    const training = new Set(trainingExamples().map((e) => exactKey(e.text)));
    for (const file of ['test-set.json', 'holdout-set.json', 'dev-set-fr.json', 'dev-set-en.json'].map((name) => `test/eval/${name}`).concat(FRESH_SETS)) {
      const path = projectPath(file);
      if (!existsSync(path)) continue;
      const { cases } = JSON.parse(readFileSync(path, 'utf8')) as { cases: Array<{ text: string }> };
      expect(cases.filter((c) => training.has(exactKey(c.text))).map((c) => c.text)).toEqual([]);
    }
  });

  it('has no training phrasing that nearly duplicates a sentence of the fresh held-out sets', () => {
    // Only the training side of a near-duplicate is reported: nobody needs to read the fresh sentences.
    const fresh = FRESH_SETS.flatMap((file) => (JSON.parse(readFileSync(projectPath(file), 'utf8')) as { cases: Array<{ text: string }> }).cases.map((c) => normalized(c.text)));
    const nearDuplicates = trainingExamples()
      .filter((e) => {
        const phrasing = normalized(e.text);
        return fresh.some((sentence) => nearDuplicate(phrasing, sentence));
      })
      .map((e) => `${e.intent}: ${e.text}`);
    expect(nearDuplicates).toEqual([]);
  });
});
