/** The staff's complaint list with its filters (the address's query fills them in). */
import type { ComplaintSummary, Page } from './apiTypes.js';
import { errorText, loadStaff, request } from './api.js';
import { clockCell, complaintLink } from './complaintCells.js';
import { checkDates, dateField } from './dateField.js';
import { append, el, field, fieldsetForm, inlineField, table } from './dom.js';
import { outboxBox, say, setTitle, showError, view } from './page.js';
import { label, labelKeys, t, when } from './strings.js';

export function renderList(fromDashboard: boolean, mine = false): void {
  setTitle(mine ? t('officerPage.mine.title') : t('page.list.title'));
  view.textContent = '';
  if (fromDashboard) append(view, el('p', { class: 'hint' }, t('page.managerOnly')));
  const params = new URLSearchParams(window.location.search);
  const status = el(
    'select',
    { id: 'filter-status', name: 'status' },
    el('option', { value: '' }, t('page.list.allStatuses')),
    el('option', { value: 'received,contacted,answered' }, t('page.list.openStatuses')),
    labelKeys('statuses').map((k) => el('option', { value: k }, label('statuses', k))),
  );
  const service = el(
    'select',
    { id: 'filter-service', name: 'service' },
    el('option', { value: '' }, t('page.list.allServices')),
    labelKeys('services').map((k) => el('option', { value: k }, label('services', k))),
  );
  const atRisk = el('input', { type: 'checkbox', id: 'filter-at-risk', name: 'atRisk' });
  const overdue = el('input', { type: 'checkbox', id: 'filter-overdue', name: 'overdue' });
  const fromField = dateField('filter-from', 'from', t('page.list.from'), params.get('from') || '');
  const toField = dateField('filter-to', 'to', t('page.list.to'), params.get('to') || '');
  const from = fromField.input;
  const to = toField.input;
  const search = el('input', { type: 'search', id: 'filter-q', name: 'q', maxlength: '200', 'aria-describedby': 'filter-q-help' });
  const assignment = el(
    'select',
    { id: 'filter-assignment', name: 'assignment' },
    el('option', { value: '' }, t('officerPage.list.allAssignments')),
    el('option', { value: 'me' }, t('officerPage.list.mine')),
    el('option', { value: 'none' }, t('officerPage.list.unassigned')),
  );
  void loadStaff().then((members) => {
    for (const m of members) append(assignment, el('option', { value: `name:${m.name}` }, t('officerPage.list.assignedToName', { name: m.name })));
    const assignedTo = params.get('assignedTo');
    if (assignedTo && assignedTo !== 'me') assignment.value = `name:${assignedTo}`;
  });
  search.value = params.get('q') || '';
  assignment.value = mine || params.get('assignedTo') === 'me' ? 'me' : params.get('unassigned') === 'true' ? 'none' : '';
  status.value = params.get('status') || 'received,contacted,answered';
  service.value = params.get('service') || '';
  atRisk.checked = params.get('atRisk') === 'true';
  overdue.checked = params.get('overdue') === 'true';
  const form = fieldsetForm(
    'filters',
    t('page.list.filters'),
    t('page.list.submit'),
    field(search, t('officerPage.list.search'), el('p', { id: 'filter-q-help', class: 'hint' }, t('officerPage.list.searchHelp'))),
    field(assignment, t('officerPage.list.assignment')),
    field(status, t('page.list.status')),
    field(service, t('page.list.service')),
    inlineField(atRisk, t('page.list.atRisk')),
    inlineField(overdue, t('page.list.overdue')),
    fromField.box,
    toField.box,
  );
  const results = el('div', { id: 'results' });
  append(view, outboxBox, form, results);
  const load = (): void => {
    if (!checkDates([fromField, toField])) return;
    const q: string[] = [];
    if (status.value) q.push(`status=${encodeURIComponent(status.value)}`);
    if (service.value) q.push(`service=${encodeURIComponent(service.value)}`);
    if (atRisk.checked) q.push('atRisk=true');
    if (overdue.checked) q.push('overdue=true');
    if (from.value) q.push(`from=${encodeURIComponent(from.value)}`);
    if (to.value) q.push(`to=${encodeURIComponent(to.value)}`);
    if (search.value.trim()) q.push(`q=${encodeURIComponent(search.value.trim())}`);
    if (assignment.value === 'me') q.push('assignedTo=me');
    else if (assignment.value === 'none') q.push('unassigned=true');
    else if (assignment.value.indexOf('name:') === 0) q.push(`assignedTo=${encodeURIComponent(assignment.value.slice(5))}`);
    results.setAttribute('aria-busy', 'true');
    request<Page<ComplaintSummary>>(`/api/admin/complaints?${q.join('&')}`)
      .then((page) => {
        showError('');
        results.textContent = '';
        results.removeAttribute('aria-busy');
        if (!page.items.length) {
          const none = assignment.value === 'me' ? t('officerPage.mine.none') : t('page.list.none');
          append(results, el('p', {}, none));
          return say(none);
        }
        const rows = page.items.map((c) => [
          complaintLink(c.reference),
          label('statuses', c.status),
          label('services', c.service),
          when(c.receivedAt),
          c.assignedTo || '—',
          clockCell(c.clocks.firstContact),
          clockCell(c.clocks.answer),
        ]);
        append(
          results,
          table(
            t('page.list.caption', { count: page.items.length }),
            ['reference', 'status', 'service', 'received', 'assignedTo', 'firstContact', 'answer'].map((h) =>
              h === 'assignedTo' ? t('officerPage.columns.assignedTo') : t(`page.columns.${h}`),
            ),
            rows,
            { scrollable: true },
          ),
        );
        if (page.more) append(results, el('p', { class: 'hint' }, t('page.list.more')));
        say(t('page.list.caption', { count: page.items.length }));
      })
      .catch((err: unknown) => {
        results.removeAttribute('aria-busy');
        showError(errorText(err));
      });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  load();
}
