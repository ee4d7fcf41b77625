import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { renderAnswer } from '../../../domain/faq/faqAnswers';
import { knowledgeBase, parseKnowledgeBase, trainingExamples } from '../../../domain/faq/knowledgeBase';
import { translator } from '../../../domain/i18n';
import { projectPath } from '../../../domain/paths';
import { ServiceHours } from '../../../domain/serviceHours';
import { exactKey } from '../../../domain/understanding/trainedClassifier';
import { freshSetFiles } from '../../eval/freshSets';
import { nearDuplicate, normalizedSentence } from '../../eval/nearDuplicates';

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
    const fresh = FRESH_SETS.flatMap((file) => (JSON.parse(readFileSync(projectPath(file), 'utf8')) as { cases: Array<{ text: string }> }).cases.map((c) => normalizedSentence(c.text)));
    const nearDuplicates = trainingExamples()
      .filter((e) => {
        const phrasing = normalizedSentence(e.text);
        return fresh.some((sentence) => nearDuplicate(phrasing, sentence));
      })
      .map((e) => `${e.intent}: ${e.text}`);
    expect(nearDuplicates).toEqual([]);
  });
});
