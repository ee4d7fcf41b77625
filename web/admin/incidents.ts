/** The exam incidents: the list with its filters, and one incident with its steps and history. */
import type { Incident, IncidentSummary, Page } from './apiTypes.js';
import { errorText, request } from './api.js';
import { addTerm, append, type Child, el, field, fieldsetForm, inlineField, section, table } from './dom.js';
import { outboxBox, post, say, setTitle, showError, title, view } from './page.js';
import { label, langQuery, t, when } from './strings.js';

const INCIDENT_STEPS: Record<string, string[]> = { open: ['take', 'resolve', 'notes'], inProgress: ['resolve', 'notes'], resolved: ['notes'] };

function incidentLink(reference: string): HTMLAnchorElement {
  return el('a', { href: `/admin/incidents/${encodeURIComponent(reference)}${langQuery}`, class: 'ref' }, reference);
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
  const form = fieldsetForm(
    'filters',
    t('officerPage.incidents.filters'),
    t('officerPage.incidents.submit'),
    field(status, t('officerPage.incidents.status')),
    inlineField(mine, t('officerPage.incidents.mine')),
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
      const fact = (name: string, value: Child): void => addTerm(fields, name, value);
      fact(t('fields.status'), label('incidentStatus', i.status));
      fact(t('officerPage.incidents.columns.createdAt'), when(i.createdAt));
      fact(t('officerPage.incidents.columns.kind'), label('kinds', i.problemKind));
      fact(t('officerPage.incidents.columns.priority'), label('priorities', i.priority));
      fact(t('officerPage.incidents.examInProgress'), i.examInProgress ? t('officerPage.yes') : t('officerPage.no'));
      fact(t('officerPage.incidents.examName'), i.examName);
      fact(t('officerPage.incidents.problemAt'), i.problemAt ? when(i.problemAt) : null);
      fact(t('officerPage.incidents.device'), [i.device, i.browser].filter(Boolean).join(' · '));
      fact(t('officerPage.incidents.route'), label('routes', i.route));
      fact(t('officerPage.incidents.takenBy'), i.assignedTo ? `${i.assignedTo} (${when(i.takenAt)})` : null);
      fact(t('officerPage.incidents.resolvedAt'), i.resolvedAt ? when(i.resolvedAt) : null);
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
          field(note, t('officerPage.incidents.noteLabel'), el('p', { id: 'incident-note-help', class: 'hint' }, t('officerPage.incidents.noteHelp'))),
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
