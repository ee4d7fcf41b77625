/** The exam incidents: the list with its filters, and one incident with its steps and history. */
import type { Incident, IncidentSummary, Page } from './apiTypes.js';
import { errorText, request } from './api.js';
import { type Child, append, el, section, table } from './dom.js';
import { outboxBox, post, say, setTitle, showError, title, view } from './page.js';
import { label, langQuery, t, when } from './strings.js';

const INCIDENT_STEPS: Record<string, string[]> = { open: ['take', 'resolve', 'notes'], inProgress: ['resolve', 'notes'], resolved: ['notes'] };

function incidentLink(reference: string): HTMLAnchorElement {
  return el('a', { href: `/admin/incidents/${encodeURIComponent(reference)}${langQuery}` }, reference);
}

export function renderIncidents(): void {
  setTitle(t('officerPage.incidents.title'));
  view.textContent = '';
  const status = el(
    'select',
    { id: 'incident-status' },
    el('option', { value: 'open,inProgress' }, t('officerPage.incidents.notResolved')),
    el('option', { value: '' }, t('officerPage.incidents.allStatuses')),
    ['open', 'inProgress', 'resolved'].map((k) => el('option', { value: k }, label('incidentStatus', k))),
  );
  const mine = el('input', { type: 'checkbox', id: 'incident-mine' });
  const form = el(
    'form',
    { class: 'filters', novalidate: true },
    el(
      'fieldset',
      {},
      el('legend', {}, t('officerPage.incidents.filters')),
      el('div', { class: 'field' }, el('label', { for: 'incident-status' }, t('officerPage.incidents.status')), status),
      el('div', { class: 'field-inline' }, mine, el('label', { for: 'incident-mine' }, t('officerPage.incidents.mine'))),
      el('button', { type: 'submit' }, t('officerPage.incidents.submit')),
    ),
  );
  const results = el('div', { id: 'results' });
  append(view, outboxBox, form, results);
  const load = (): void => {
    const q: string[] = [];
    if (status.value) q.push(`status=${encodeURIComponent(status.value)}`);
    if (mine.checked) q.push('assignedTo=me');
    request<Page<IncidentSummary>>(`/api/admin/incidents?${q.join('&')}`)
      .then((page) => {
        showError('');
        results.textContent = '';
        if (!page.items.length) {
          append(results, el('p', {}, t('officerPage.incidents.none')));
          return say(t('officerPage.incidents.none'));
        }
        const caption = t('officerPage.incidents.caption', { count: page.items.length });
        append(
          results,
          table(
            caption,
            ['reference', 'createdAt', 'kind', 'priority', 'status', 'takenBy'].map((h) => t(`officerPage.incidents.columns.${h}`)),
            page.items.map((i) => [
              incidentLink(i.reference),
              when(i.createdAt),
              label('kinds', i.problemKind),
              label('priorities', i.priority),
              label('incidentStatus', i.status),
              i.assignedTo || '—',
            ]),
            { scrollable: true },
          ),
        );
        if (page.more) append(results, el('p', { class: 'hint' }, t('officerPage.incidents.more')));
        say(caption);
      })
      .catch((err: unknown) => {
        showError(errorText(err));
      });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  load();
}

export function renderIncident(reference: string, message?: string): void {
  setTitle(t('officerPage.incidents.detailTitle', { reference }));
  view.textContent = '';
  request<Incident>(`/api/admin/incidents/${encodeURIComponent(reference)}`)
    .then((i) => {
      showError('');
      setTitle(t('officerPage.incidents.detailTitle', { reference: i.reference }));
      view.textContent = '';
      const fields = el('dl', { class: 'fields' });
      const field = (name: string, value: Child): void => {
        append(fields, el('div', {}, el('dt', {}, name), el('dd', {}, value === null || value === undefined || value === '' ? '—' : value)));
      };
      field(t('fields.status'), label('incidentStatus', i.status));
      field(t('officerPage.incidents.columns.createdAt'), when(i.createdAt));
      field(t('officerPage.incidents.columns.kind'), label('kinds', i.problemKind));
      field(t('officerPage.incidents.columns.priority'), label('priorities', i.priority));
      field(t('officerPage.incidents.examInProgress'), i.examInProgress ? t('officerPage.yes') : t('officerPage.no'));
      field(t('officerPage.incidents.examName'), i.examName);
      field(t('officerPage.incidents.problemAt'), i.problemAt ? when(i.problemAt) : null);
      field(t('officerPage.incidents.device'), [i.device, i.browser].filter(Boolean).join(' · '));
      field(t('officerPage.incidents.route'), label('routes', i.route));
      field(t('officerPage.incidents.takenBy'), i.assignedTo ? `${i.assignedTo} (${when(i.takenAt)})` : null);
      field(t('officerPage.incidents.resolvedAt'), i.resolvedAt ? when(i.resolvedAt) : null);
      const note = el('textarea', { id: 'incident-note', rows: '3', maxlength: '2000', 'aria-describedby': 'incident-note-help' });
      const buttons = (INCIDENT_STEPS[i.status] || []).map((step) =>
        el(
          'button',
          {
            type: 'button',
            class: step === 'notes' ? 'button-secondary' : null,
            onclick: () => {
              const text = note.value.trim();
              if (step !== 'take' && !text) {
                showError(t('page.errors.noteRequired'));
                return note.focus();
              }
              void post(`/api/admin/incidents/${encodeURIComponent(i.reference)}/${step}`, text ? { note: text } : {}, () => {
                renderIncident(i.reference, t(`officerPage.incidents.done.${step}`, { reference: i.reference }));
              });
            },
          },
          t(`officerPage.incidents.${step}`),
        ),
      );
      const history = table(
        t('officerPage.incidents.historyCaption'),
        [t('page.detail.when'), t('page.detail.what'), t('page.detail.who'), t('page.detail.note')],
        i.history.map((e) => [when(e.occurredAt), label('incidentEvents', e.type), e.actor, e.note ? el('span', { class: 'citizen-text' }, e.note) : '—']),
        { scrollable: true },
      );
      append(
        view,
        outboxBox,
        el('p', {}, el('a', { href: `/admin/incidents${langQuery}` }, t('officerPage.incidents.back'))),
        section('incident', t('officerPage.incidents.information'), fields),
        section(
          'incident-actions',
          t('officerPage.incidents.actionsTitle'),
          el(
            'div',
            { class: 'field' },
            el('label', { for: 'incident-note' }, t('officerPage.incidents.noteLabel')),
            el('p', { id: 'incident-note-help', class: 'hint' }, t('officerPage.incidents.noteHelp')),
            note,
          ),
          el('div', { class: 'button-row' }, buttons),
        ),
        section('incident-history', t('fields.history'), history),
      );
      if (message) {
        say(message);
        title.focus();
      }
    })
    .catch((err: unknown) => {
      showError(errorText(err));
    });
}
