/** The dashboard's conversation and satisfaction sections. */
import type { Conversations, RatedService, RatingFigures, Satisfaction } from './apiTypes.js';
import { addTerm, type Child, el, section, table } from './dom.js';
import { S, type Vars, faqTitle, instantText, label, monthLabel, num, pct, t } from './strings.js';

export function conversationsView(v: Conversations): HTMLElement {
  const dl = el('dl', { class: 'counts' });
  const counts: Array<[string, string]> = [
    ['conversations', num(v.conversations)],
    ['messagesIn', num(v.messagesIn)],
    ['messagesOut', num(v.messagesOut)],
    ['faqAnswered', num(v.faq.answered)],
    ['notUnderstood', `${num(v.notUnderstood.count)} (${pct(v.notUnderstood.percent)})`],
    ['handoffs', num(v.handoffs.count)],
    ['examIncidents', num(v.examIncidents.total)],
  ];
  for (const [key, value] of counts) addTerm(dl, t(`page.conversations.${key}`), value);
  const parts: Child[] = [dl];
  if (v.faq.topEntries.length) {
    parts.push(
      table(
        t('page.conversations.topEntries'),
        [t('page.conversations.entry'), t('page.conversations.answers'), t('page.conversations.helpfulRate')],
        v.faq.topEntries.map((e) => [faqTitle(e.entryId), num(e.answers), e.responses ? `${pct(e.helpfulPercent)} (${e.responses})` : '—']),
        { rowHeaders: true, numeric: [1, 2] },
      ),
    );
  }
  if (v.faq.feedback.length) {
    parts.push(
      table(
        t('page.conversations.feedback'),
        [
          t('page.conversations.entry'),
          t('page.conversations.helpful'),
          t('page.conversations.notHelpful'),
          t('page.conversations.helpfulRate'),
          t('page.conversations.responseRate'),
        ],
        v.faq.feedback.map((e) => [faqTitle(e.entryId), num(e.helpful), num(e.notHelpful), pct(e.helpfulPercent), pct(e.responsePercent)]),
        { rowHeaders: true, numeric: [1, 2, 3, 4] },
      ),
    );
  }
  if (v.notUnderstood.examples.length) {
    parts.push(
      table(
        t('page.conversations.examples'),
        [t('page.conversations.example'), t('page.conversations.occurrences')],
        v.notUnderstood.examples.map((e) => [e.text, num(e.n)]),
        { numeric: [1] },
      ),
    );
  }
  parts.push(
    el(
      'div',
      { class: 'two-columns' },
      table(
        t('page.incidents.byKind'),
        [t('page.incidents.kind'), t('page.incidents.count')],
        v.examIncidents.byKind.map((k) => [label('kinds', k.key), num(k.n)]),
        { rowHeaders: true, numeric: [1] },
      ),
      table(
        t('page.incidents.byRoute'),
        [t('page.incidents.route'), t('page.incidents.count')],
        v.examIncidents.byRoute.map((k) => [label('routes', k.key), num(k.n)]),
        { rowHeaders: true, numeric: [1] },
      ),
    ),
  );
  return section('conversations', t('page.conversations.title'), parts);
}

/** The one-question survey's rates beside what the declaration commits to (it publishes no satisfaction target). */
export function satisfactionView(s: Satisfaction): HTMLElement {
  const c = S.commitments || {};
  const sat = (key: string, vars?: Vars): string => t(`satisfaction.${key}`, vars);
  const rating = (f: RatingFigures): string => (f.responses ? pct(f.percentSatisfied) : '—');
  const serviceLabel = (b: RatedService): string => {
    if (b.source === 'complaint') return label('services', b.service);
    return S.faqTitles?.[b.service] || label('satisfactionTopics', b.service);
  };
  const cols = (first: string): string[] => [first, 'responses', 'percent', 'mean', 'distribution'].map((k) => sat(`columns.${k}`));
  const cells = (f: RatingFigures): string[] => [num(f.responses), rating(f), num(f.meanRating), f.distribution.join(' · ')];
  const dl = el('dl', { class: 'counts' });
  const totals: Array<[string, string]> = [
    ['responses', num(s.totals.responses)],
    ['percent', rating(s.totals)],
    ['mean', num(s.totals.meanRating)],
    ['comments', num(s.totals.comments)],
  ];
  for (const [key, value] of totals) addTerm(dl, sat(key), value);
  const commitments = el(
    'div',
    { class: 'commitments', role: 'note', 'aria-labelledby': 'commitments-title' },
    el('h3', { id: 'commitments-title' }, sat('commitmentsTitle')),
    el('p', {}, c.intro),
    el(
      'ul',
      {},
      (c.items || []).map((item) => el('li', {}, item)),
    ),
    c.noTarget ? el('p', {}, el('strong', {}, c.noTarget)) : null,
    el('p', {}, c.rateDefinition),
    el('p', { class: 'hint' }, sat('sources', { list: (c.sources || []).map((x) => `${x.document} (${x.section})`).join('; ') })),
  );
  const parts: Child[] = [dl, commitments];
  if (!s.totals.responses) parts.push(el('p', {}, sat('none')));
  else {
    parts.push(
      table(
        sat('byMonth'),
        cols('month'),
        s.byMonth.map((m) => [monthLabel(m.label), ...cells(m.figures)]),
        { rowHeaders: true, numeric: [1, 2, 3], scrollable: true },
      ),
      table(
        sat('bySource'),
        cols('source'),
        s.bySource.map((b) => [label('satisfactionSources', b.source), ...cells(b.figures)]),
        { rowHeaders: true, numeric: [1, 2, 3], scrollable: true },
      ),
      table(
        sat('byService'),
        cols('service'),
        s.byService.map((b) => [serviceLabel(b), ...cells(b.figures)]),
        { rowHeaders: true, numeric: [1, 2, 3], scrollable: true },
      ),
    );
    if (s.comments.length) {
      parts.push(
        table(
          sat('latestComments'),
          [sat('columns.date'), sat('columns.service'), sat('columns.rating'), sat('columns.comment')],
          s.comments.map((m) => [instantText(m.ratedAt), serviceLabel(m), num(m.rating), el('span', { class: 'citizen-text' }, m.text)]),
          { scrollable: true },
        ),
      );
    }
  }
  return section('satisfaction', sat('title'), parts);
}
