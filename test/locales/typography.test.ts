import type { Activity, Attachment } from 'botbuilder';
import { readdirSync, readFileSync } from 'node:fs';
import { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import { formatPhone } from '../../domain/complaints/contact';
import { contacts } from '../../domain/contacts';
import { formatClockTime, formatTimeOfDay } from '../../domain/format/dates';
import { describeCentreNow, describeWeeklyHours } from '../../domain/format/openingHoursText';
import { renderAnswer, renderAskedDay } from '../../domain/faq/faqAnswers';
import { knowledgeBase } from '../../domain/faq/knowledgeBase';
import { Lang, translator } from '../../domain/i18n';
import { projectPath } from '../../domain/paths';
import { ServiceHours } from '../../domain/serviceHours';
import { ConversationHarness, createConversationHarness } from '../helpers/conversationHarness';

/**
 * French as the Québec public service writes it (Office québécois de la langue française, Vitrine linguistique,
 * « Espacement avant et après les signes de ponctuation et les symboles »):
 * - a no-break space (U+00A0) after « and before », and before the colon;
 * - no space before ? ! and ; (the OQLF's rule when the thin space is not available; we never use it);
 * - times « 8 h 30 », « 13 h » and phone numbers « 418 528-7157 », « 1 866 672-3460 » with no-break spaces,
 *   and a no-break space before « % », so that none of them breaks across lines;
 * - the straight apostrophe ' only (never ’);
 * - the assistant speaks of itself without a gender, and never answers « Oui, » to what was not a yes/no question.
 * English follows English typography: no space before : ? ! ;, “ ” quotes, no « ».
 * Every offence is listed with where it comes from and the text, the no-break space shown as ⍽.
 */

const NBSP = '\u00a0';
const show = (text: string) => JSON.stringify(text.replace(/\u00a0/g, '⍽').replace(/\u202f/g, '⍮'));

/** Gendered words the assistant could use about itself (« Désolé », « Je suis prêt », « m'a empêché »…). */
const GENDERED_SELF = [
  /(?<![\p{L}])(?:je|j')\s*(?:ne\s+)?(?:suis|serai|serais|étais|me\s+sens)\s+(?:pas\s+|très\s+|vraiment\s+|bien\s+)?(?:certaine?|sûre?|désolée?|navrée?|prête?|heureuse|heureux|ravie?|contente?|obligée?|capable|seule?|convaincue?|perdue?)(?![\p{L}])/iu,
  /(?:^|[.!?]\s+|\n)(?:désolée?|navrée?|ravie?|heureux|heureuse|certaine?)(?![\p{L}])/iu,
  /(?<![\p{L}])suis-je\s+(?:certaine?|sûre?|prête?)(?![\p{L}])/iu,
  /(?<![\p{L}])m'(?:a|ont|avez|avait)\s+(?:empêchée?|obligée?|surprise?|trompée?|mal\s+comprise?)(?![\p{L}])/iu,
];

/** The text checked for typography: URLs, e-mail addresses, Markdown link targets and placeholders set aside. */
function prose(text: string): string {
  return text
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/\b(?:https?|mailto|tel):[^\s)>»]+/g, 'URL')
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, 'EMAIL')
    .replace(/\{\{[^}]*\}\}/g, 'X');
}

function frenchOffences(text: string): string[] {
  const p = prose(text);
  const found: string[] = [];
  const rule = (name: string, re: RegExp) => {
    if (re.test(p)) found.push(name);
  };
  rule('« not followed by a no-break space', /«(?!\u00a0)/);
  rule('» not preceded by a no-break space', /(?<!\u00a0)»/);
  rule('colon: a space other than a no-break space before it', /[ \t\u202f]:/);
  rule('colon: no space before it (except in 14:30 or a URL)', /[^\s\u00a0\d]:|\d:(?!\d)/);
  // « ; » (the sign itself between quotes) is not punctuation.
  rule('space before ? ! or ; (OQLF: none)', /(?<!«)[\s\u00a0\u202f][?!;]/);
  rule('time written 8h30, 8 h30 or 8h', /\d\s?h\d|\dh(?![\p{L}\d])/u);
  rule('time: an ordinary space in « N h » or « N h MM »', /\d[ \t]h(?![\p{L}])|\d\u00a0h[ \t]\d/u);
  rule('phone number: an ordinary space inside it', /(?<![\d\w])(?:1[ \t]\d{3}[\s\u00a0]|1\u00a0\d{3}[ \t]|(?:\d{3}|\(\d{3}\))[ \t])\d{3}-\d{4}/);
  rule('% not preceded by a no-break space (« (%) » aside)', /(?<![\u00a0(])%/);
  rule('typographic apostrophe ’ (the project writes \')', /[’‘]/);
  rule('narrow no-break space (the project does not use it)', /\u202f/);
  rule('space before a no-break space or the reverse', /[ \t]\u00a0|\u00a0[ \t]/);
  for (const re of GENDERED_SELF) if (re.test(text)) found.push(`gendered self-description ${re.exec(text)![0]}`);
  return found;
}

function englishOffences(text: string): string[] {
  const p = prose(text);
  const found: string[] = [];
  if (/[\s\u00a0\u202f][:?!;]/.test(p.replace(/« ; »/g, ''))) found.push('space before : ? ! or ; (English typography: none)');
  if (/[«»]/.test(p)) found.push('French guillemets in English');
  if (/[’‘]/.test(p)) found.push("typographic apostrophe ’ (the project writes ')");
  return found;
}

function offences(lang: Lang, text: string): string[] {
  return lang === 'fr' ? frenchOffences(text) : englishOffences(text);
}

/** Every string of a JSON value, with its path (arrays included). */
function strings(value: unknown, path: string): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path.endsWith(':') ? `${path}${k}` : `${path}.${k}`));
  return [];
}

function localeStrings(lang: Lang): Array<[string, string]> {
  const dir = projectPath('locales', lang);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => strings(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')), `locales/${lang}/${f.replace(/\.json$/, '')}:`));
}

function check(lang: Lang, items: Array<[string, string]>): string[] {
  return items.flatMap(([where, text]) => offences(lang, text).map((o) => `${where}: ${o} — ${show(text)}`));
}

const calendar = BusinessCalendar.fromDataFile();
const hours = ServiceHours.fromDataFile(calendar);
/** Open, lunch, evening, Friday evening, Wednesday morning (opens at 10 h), Christmas, a weekend before a holiday. */
const MOMENTS = [
  '2026-11-23T15:00:00Z',
  '2026-11-24T17:30:00Z',
  '2026-11-26T23:00:00Z',
  '2026-11-27T23:00:00Z',
  '2026-11-25T14:00:00Z',
  '2026-12-25T15:00:00Z',
  '2026-12-19T15:00:00Z',
];
const UTTERANCES = [undefined, 'mercredi', 'demain', 'êtes-vous ouverts samedi?', 'ouvert le 24 décembre à 9 h 30?', 'maintenant', 'la fin de semaine', 'demain à 12 h 15'];

describe('typography of everything the assistant writes (OQLF)', () => {
  it.each(['fr', 'en'] as const)('every string of locales/%s', (lang) => {
    expect(check(lang, localeStrings(lang))).toEqual([]);
  });

  it('every FAQ title and raw answer, in both languages', () => {
    const items = (lang: Lang) =>
      knowledgeBase().entries.flatMap((e): Array<[string, string]> => [
        [`faq.json ${e.id}.title.${lang}`, e.title[lang]],
        [`faq.json ${e.id}.answer.${lang}`, e.answer[lang]],
      ]);
    expect([...check('fr', items('fr')), ...check('en', items('en'))]).toEqual([]);
  });

  it('every FAQ answer rendered at several moments, for several questions, every placeholder filled', () => {
    const found = new Set<string>();
    for (const lang of ['fr', 'en'] as const) {
      for (const now of MOMENTS) {
        for (const utterance of UTTERANCES) {
          const context = { now: new Date(now), hours, calendar, t: translator(lang), lang, utterance };
          for (const entry of knowledgeBase().entries) {
            const texts: Array<[string, string | undefined]> = [
              [`renderAnswer(${entry.id}, ${lang}, ${now}, ${utterance ?? '—'})`, renderAnswer(entry, context)],
              [`renderAskedDay(${entry.id}, ${lang}, ${now}, ${utterance ?? '—'})`, renderAskedDay(entry, context)],
            ];
            for (const [where, text] of texts) if (text) for (const o of check(lang, [[where, text]])) found.add(o);
          }
        }
      }
    }
    expect([...found]).toEqual([]);
  });

  it('never opens a FAQ answer with « Oui, » / « Non » that nobody asked (only yes/no questions get one)', () => {
    const found: string[] = [];
    for (const lang of ['fr', 'en'] as const) {
      for (const entry of knowledgeBase().entries) {
        const text = renderAnswer(entry, { now: new Date(MOMENTS[0]), hours, calendar, t: translator(lang), lang });
        if (/^(?:Oui|Non|Yes|No)\b/.test(text)) found.push(`faq.json ${entry.id}.answer.${lang} — ${show(text.slice(0, 80))}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('generated times, opening hours and phone numbers', () => {
    const items: Array<[string, string]> = [];
    for (const now of MOMENTS) {
      items.push([`formatTimeOfDay(${now})`, formatTimeOfDay(new Date(now), 'fr')]);
      items.push([`describeCentreNow(${now})`, describeCentreNow(hours, new Date(now), calendar, translator('fr'), 'fr')]);
    }
    items.push(['describeWeeklyHours', describeWeeklyHours(hours, translator('fr'), 'fr')]);
    for (const hhmm of ['08:30', '12:00', '13:00', '16:30', '10:05']) items.push([`formatClockTime(${hhmm})`, formatClockTime(hhmm, 'fr')]);
    items.push(['formatPhone', formatPhone('+14185550199,12')]);
    for (const [where, text] of strings(contacts(), 'data/contacts.json:')) if (where.endsWith('.display')) items.push([where, text]);
    expect(check('fr', items)).toEqual([]);
    expect(formatTimeOfDay(new Date('2026-11-23T13:30:00Z'), 'fr')).toBe(`8${NBSP}h${NBSP}30`);
    expect(formatClockTime('13:00', 'fr')).toBe(`13${NBSP}h`);
    expect(contacts().caDotation.phoneTollFree.display).toBe(`1${NBSP}866${NBSP}672-3460`);
  });

  it('catches what it is meant to catch', () => {
    expect(frenchOffences('Heures : de 8 h 30 à 12 h')).toEqual(
      expect.arrayContaining(['colon: a space other than a no-break space before it', 'time: an ordinary space in « N h » or « N h MM »']),
    );
    expect(frenchOffences('Écrivez « menu ».')).toEqual(['« not followed by a no-break space', '» not preceded by a no-break space']);
    expect(frenchOffences(`Vous êtes là${NBSP}?`)).toEqual(['space before ? ! or ; (OQLF: none)']);
    expect(frenchOffences(`Appelez au 418 528-7157 ou au 1${NBSP}866 672-3460.`)).toEqual(['phone number: an ordinary space inside it']);
    expect(frenchOffences('Ouvert à 8h30')).toEqual(['time written 8h30, 8 h30 or 8h']);
    expect(frenchOffences('Désolé, je ne suis pas certain.')).toHaveLength(2);
    expect(frenchOffences(`Séparateur${NBSP}: «${NBSP};${NBSP}» ou ${NBSP}`)).toEqual(['space before a no-break space or the reverse']);
    expect(frenchOffences(`Voir [la page](https://www.quebec.ca/a:b?c=1%20d) à 8${NBSP}h${NBSP}30${NBSP}: 95${NBSP}%.`)).toEqual([]);
    expect(englishOffences('Hours : 8:30 a.m. ?')).toEqual(['space before : ? ! or ; (English typography: none)']);
  });
});

describe('typography of generated dialog texts (fr-CA)', () => {
  let h: ConversationHarness;
  afterEach(async () => h.close());

  const USER = { id: 'citizen-typo', name: 'Citoyenne', role: 'user' };
  const texts = (replies: Partial<Activity>[]): string[] =>
    replies.flatMap((a) => [
      a.text ?? '',
      ...(a.suggestedActions?.actions.map((x) => x.title ?? '') ?? []),
      ...(a.attachments ?? []).flatMap((att: Attachment) => strings(att.content, 'card').map(([, v]) => v)),
    ]);

  it('welcome, hours, handoff, help, a clarification and a complaint up to its confirmation', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z' });
    const send = (text: string | Partial<Activity>) => h.turn(typeof text === 'string' ? { type: 'message', text, from: USER } : { from: USER, ...text });
    const items: Array<[string, string]> = [];
    const collect = async (label: string, input: string | Partial<Activity>) => {
      const replies = await send(input);
      for (const text of texts(replies)) items.push([`dialog « ${label} »`, text]);
      return replies;
    };
    await collect('conversationUpdate (welcome)', {
      type: 'conversationUpdate',
      membersAdded: [{ id: USER.id, name: USER.name }],
      recipient: { id: 'bot', name: 'bot' },
    });
    await collect('bonjour', 'bonjour');
    await collect('heures', "Quelles sont vos heures d'ouverture?");
    await collect('ouvert samedi', 'êtes-vous ouverts samedi?');
    await collect('numéro sans frais', 'numéro sans frais');
    await collect('aide', 'aide');
    await collect('handoff', 'parler à une personne');
    await collect('incompris', 'zxqv wplm');
    await collect('plainte', 'Déposer une plainte');
    await collect('consentement', "Oui, j'accepte");
    await collect('nom', 'Marie Tremblay');
    await collect('moyen', 'Téléphone');
    await collect('téléphone', '418 555-0199');
    await collect('service', 'Examens en ligne');
    await collect('quand', 'le 3 novembre');
    await collect('description', "L'examen en ligne a figé deux fois pendant la section 2.");
    const summary = await collect('résultat', 'Pouvoir reprendre mon examen.');
    const card = summary.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as
      | { actions: Array<{ data?: { complaintAction?: string } }> }
      | undefined;
    const confirm = card?.actions.find((a) => a.data?.complaintAction === 'confirm')?.data;
    expect(confirm).toBeDefined();
    const confirmation = await collect('confirmer', { type: 'message', value: confirm });
    expect(texts(confirmation).join('\n')).toContain('PL-2026-000001');
    await collect('exam', 'Problème technique lors d\'un examen en ligne');
    expect(items.length).toBeGreaterThan(20);
    expect(check('fr', items)).toEqual([]);
  });
});
