/** One complaint (the reminder e-mails link here): its fields, clocks, assignment, contact attempts, closing and history. */
import type { Complaint, HistoryEntry } from './apiTypes.js';
import { errorText, loadStaff, request } from './api.js';
import { answerMailView } from './answerMail.js';
import { clockCell } from './complaintCells.js';
import { addTerm, append, byId, type Child, el, field, inlineField, section, table } from './dom.js';
import { loadOutbox, outboxBox, post, say, setTitle, showError, signedIn, title, view } from './page.js';
import { dayText, label, langQuery, t, when } from './strings.js';

// The first contact is recorded as a contact attempt (contactView), closing with its outcome (closeView).
const ACTIONS: Record<string, string[]> = {
  received: ['answer', 'abandon'],
  contacted: ['answer', 'abandon'],
  answered: ['abandon'],
  closed: [],
  abandoned: [],
};

export function renderComplaint(reference: string, message?: string): void {
  setTitle(t('page.detail.title', { reference }));
  view.textContent = '';
  append(view, outboxBox);
  request<Complaint>(`/api/admin/complaints/${encodeURIComponent(reference)}`)
    .then((c) => {
      showError('');
      setTitle(t('page.detail.title', { reference: c.reference }));
      view.textContent = '';
      append(view, outboxBox, el('p', {}, el('a', { href: `/admin/complaints${langQuery}` }, t('page.detail.back'))), complaintView(c));
      if (message) {
        say(message);
        title.focus();
      }
    })
    .catch((err: unknown) => {
      showError(errorText(err));
    });
}

function complaintView(c: Complaint): Child[] {
  const fields = el('dl', { class: 'fields' });
  const fact = (name: string, value: Child, className?: string): void => addTerm(fields, t(`fields.${name}`), value, className);
  fact('status', label('statuses', c.status));
  fact('service', label('services', c.service));
  fact('receivedAt', when(c.receivedAt));
  if (c.anonymized) {
    addTerm(fields, t('fields.name'), t('fields.anonymized'));
  } else {
    fact('name', c.name);
    fact('contact', `${label('contactMethods', c.contactMethod)} — ${c.contactDisplay || c.contactValue}`);
  }
  fact('incidentDate', c.incidentDate ? dayText(c.incidentDate) : null);
  if (c.status === 'closed') {
    addTerm(fields, t('officerPage.detail.outcome'), label('outcomes', c.outcome || 'unspecified'));
    if (c.correctiveMeasures) addTerm(fields, t('officerPage.detail.measures'), c.correctiveMeasures, 'citizen-text');
  }
  if (!c.anonymized) {
    fact('description', c.description, 'citizen-text');
    fact('desiredOutcome', c.desiredOutcome, 'citizen-text');
  }
  const clocks = el('dl', { class: 'fields' });
  addTerm(clocks, t('fields.firstContactClock'), clockCell(c.clocks.firstContact));
  addTerm(clocks, t('fields.answerClock'), clockCell(c.clocks.answer));
  const history = table(
    t('page.detail.history'),
    [t('page.detail.when'), t('page.detail.what'), t('page.detail.who'), t('page.detail.note')],
    c.history.map((e) => [when(e.occurredAt), eventText(e), e.actor, e.note ? el('span', { class: 'citizen-text' }, e.note) : '—']),
    { scrollable: true },
  );
  return [
    section('complaint', t('page.detail.information'), fields),
    section('clocks', t('page.detail.clocks'), clocks),
    assignmentView(c),
    contactView(c),
    answerMailView(c, (message) => renderComplaint(c.reference, message)),
    actionsView(c),
    closeView(c),
    section('history', t('fields.history'), history),
  ];
}

function eventText(e: HistoryEntry): string {
  if (e.type === 'contact_attempt')
    return t('officerHistory.contactAttempt', { channel: label('contactChannels', e.contactChannel), result: label('contactResults', e.contactResult) });
  if (e.type === 'assigned')
    return e.previousAssignee ? t('officerHistory.reassigned', { from: e.previousAssignee, to: e.assignee }) : t('officerHistory.assigned', { to: e.assignee });
  if (e.type === 'unassigned') return t('officerHistory.unassigned', { from: e.previousAssignee || '—' });
  return label('events', e.type);
}

function actionsView(c: Complaint): HTMLElement {
  const allowed = ACTIONS[c.status] || [];
  const note = el('textarea', { id: 'note', name: 'note', rows: '3', maxlength: '2000', 'aria-describedby': 'note-help' });
  const help = el('p', { id: 'note-help', class: 'hint' }, t('page.detail.noteHelp'));
  const buttons = allowed.map((action) =>
    el(
      'button',
      { type: 'button', class: action === 'abandon' ? 'button-secondary' : null, onclick: () => act(c, action, note.value) },
      t(`page.detail.actions.${action}`),
    ),
  );
  buttons.push(el('button', { type: 'button', class: 'button-secondary', onclick: () => act(c, 'notes', note.value) }, t('page.detail.actions.notes')));
  return section(
    'actions',
    t('page.detail.actionsTitle'),
    allowed.length ? null : el('p', {}, t('page.detail.final', { status: label('statuses', c.status) })),
    field(note, t('page.detail.noteLabel'), help),
    el('div', { class: 'button-row' }, buttons),
  );
}

function act(c: Complaint, action: string, noteValue: string): void {
  const note = noteValue.trim();
  if ((action === 'abandon' || action === 'notes') && !note) {
    showError(t('page.errors.noteRequired'));
    byId('note').focus();
    return;
  }
  if ((action === 'close' || action === 'abandon') && !window.confirm(t(`page.detail.confirm.${action}`, { reference: c.reference }))) return;
  request(complaintPath(c, action), { method: 'POST', body: note ? { note } : {} })
    .then(() => {
      showError('');
      loadOutbox();
      renderComplaint(c.reference, t(`page.detail.done.${action}`, { reference: c.reference }));
    })
    .catch((err: unknown) => {
      showError(errorText(err));
    });
}

function complaintPath(c: Complaint, step: string): string {
  return `/api/admin/complaints/${encodeURIComponent(c.reference)}/${step}`;
}

function radios(name: string, legend: string, options: Array<[string, string]>, checked: string): HTMLFieldSetElement {
  return el(
    'fieldset',
    { class: 'radios' },
    el('legend', {}, legend),
    options.map(([value, text]) => {
      const id = `${name}-${value}`;
      return inlineField(el('input', { type: 'radio', name, id, value, checked: value === checked }), text);
    }),
  );
}

function checkedValue(name: string): string {
  const input = document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
  return input ? input.value : '';
}

function assignmentView(c: Complaint): HTMLElement {
  const final = c.status === 'closed' || c.status === 'abandoned';
  const current = el(
    'p',
    { id: 'assigned-to' },
    c.assignedTo ? t('officerPage.detail.assignedTo', { name: c.assignedTo, since: when(c.assignedAt) }) : t('officerPage.detail.unassigned'),
  );
  if (final) return section('assignment', t('officerPage.detail.assignTitle'), current);
  const select = el('select', { id: 'officer' }, el('option', { value: '' }, t('officerPage.detail.officerLabel')));
  void loadStaff().then((members) => {
    for (const m of members) append(select, el('option', { value: m.name, selected: m.name === c.assignedTo }, m.name));
  });
  const assign = (officer: string | null): void => {
    void post<Complaint>(complaintPath(c, 'assign'), { officer }, (updated) => {
      renderComplaint(
        c.reference,
        updated.assignedTo
          ? t('officerPage.detail.done.assigned', { reference: c.reference, name: updated.assignedTo })
          : t('officerPage.detail.done.unassigned', { reference: c.reference }),
      );
    });
  };
  const buttons = [
    el(
      'button',
      {
        type: 'button',
        onclick: () => {
          if (!select.value) {
            showError(t('officerPage.errors.officerRequired'));
            return select.focus();
          }
          assign(select.value);
        },
      },
      t('officerPage.detail.assign'),
    ),
  ];
  if (c.assignedTo !== signedIn().name)
    buttons.push(el('button', { type: 'button', class: 'button-secondary', onclick: () => assign('me') }, t('officerPage.detail.assignMe')));
  if (c.assignedTo) buttons.push(el('button', { type: 'button', class: 'button-secondary', onclick: () => assign(null) }, t('officerPage.detail.unassign')));
  return section(
    'assignment',
    t('officerPage.detail.assignTitle'),
    current,
    field(select, t('officerPage.detail.officerLabel')),
    el('div', { class: 'button-row' }, buttons),
  );
}

function contactView(c: Complaint): HTMLElement | null {
  if (c.status === 'closed' || c.status === 'abandoned') return null;
  const note = el('textarea', { id: 'contact-note', rows: '2', maxlength: '2000' });
  const record = (): void => {
    const result = checkedValue('contact-result');
    if (!result) {
      showError(t('officerPage.errors.resultRequired'));
      return byId('contact-result-reached').focus();
    }
    const body: { channel: string; result: string; note?: string } = { channel: checkedValue('contact-channel') || c.contactMethod, result };
    if (note.value.trim()) body.note = note.value.trim();
    void post<Complaint>(complaintPath(c, 'contact-attempts'), body, (updated) => {
      const key = result === 'leftMessage' ? 'leftMessage' : c.firstContactAt ? 'reachedAgain' : 'reached';
      renderComplaint(c.reference, t(`officerPage.detail.done.${key}`, { reference: updated.reference }));
    });
  };
  return section(
    'contact',
    t('officerPage.detail.contactTitle'),
    el('p', { class: 'hint', id: 'contact-help' }, t('officerPage.detail.contactHelp')),
    radios(
      'contact-channel',
      t('officerPage.detail.channel'),
      [
        ['phone', label('contactChannels', 'phone')],
        ['email', label('contactChannels', 'email')],
      ],
      c.contactMethod,
    ),
    radios(
      'contact-result',
      t('officerPage.detail.result'),
      [
        ['reached', label('contactResults', 'reached')],
        ['leftMessage', label('contactResults', 'leftMessage')],
      ],
      '',
    ),
    field(note, t('officerPage.detail.contactNoteLabel')),
    el('div', { class: 'button-row' }, el('button', { type: 'button', id: 'record-attempt', onclick: record }, t('officerPage.detail.recordAttempt'))),
  );
}

function closeView(c: Complaint): HTMLElement | null {
  if (c.status !== 'answered') return null;
  const outcome = el(
    'select',
    { id: 'outcome' },
    el('option', { value: '' }, t('officerPage.detail.chooseOutcome')),
    ['founded', 'partlyFounded', 'unfounded'].map((o) => el('option', { value: o }, label('outcomes', o))),
  );
  const measures = el('textarea', { id: 'measures', rows: '3', maxlength: '4000', 'aria-describedby': 'measures-help' });
  const close = (): void => {
    if (!outcome.value) {
      showError(t('officerPage.errors.outcomeRequired'));
      return outcome.focus();
    }
    if (outcome.value !== 'unfounded' && !measures.value.trim()) {
      showError(t('officerPage.errors.measuresRequired'));
      return measures.focus();
    }
    const name = label('outcomes', outcome.value);
    if (!window.confirm(t('officerPage.detail.confirmClose', { reference: c.reference, outcome: name }))) return;
    const body: { outcome: string; correctiveMeasures?: string } = { outcome: outcome.value };
    if (measures.value.trim()) body.correctiveMeasures = measures.value.trim();
    void post(complaintPath(c, 'close'), body, () => {
      renderComplaint(c.reference, t('officerPage.detail.done.close', { reference: c.reference, outcome: name }));
    });
  };
  return section(
    'closing',
    t('officerPage.detail.closeTitle'),
    field(outcome, t('officerPage.detail.outcomeLabel')),
    field(measures, t('officerPage.detail.measuresLabel'), el('p', { id: 'measures-help', class: 'hint' }, t('officerPage.detail.measuresHelp'))),
    el('div', { class: 'button-row' }, el('button', { type: 'button', onclick: close }, t('officerPage.detail.close'))),
  );
}
