/**
 * The callback queue's page (/admin/callbacks): sign in with a token (kept in sessionStorage for this
 * tab, like the dashboard's), filter the queue, open a request, and act on it through the admin API.
 * Every text comes from the page's JSON strings (locales/<lang>/callback.json); the banner, the dates
 * and the date fields are the other staff pages' (session.ts, strings.ts, dateField.ts). Nothing is
 * built with innerHTML, so a citizen's text can never become markup.
 */
import type { Me } from './apiTypes.js';
import { checkDates, dateField } from './dateField.js';
import { byId, stackedCell } from './dom.js';
import { markCurrentNav, onSignOut, showSession, storedToken as token, storeToken } from './session.js';
import { dayText, t, when } from './strings.js';

interface Strings {
  lang: 'fr' | 'en';
  page: Record<string, string>;
  statuses: Record<string, string>;
  results: Record<string, string>;
  events: Record<string, string>;
  periods: Record<string, string>;
}

interface Slot {
  date: string;
  period: string;
  start: string;
  end: string;
}

interface CallbackItem {
  reference: string;
  status: string;
  name: string | null;
  phone: string | null;
  slot: Slot;
  assignedTo: string | null;
  attempts: number;
}

interface HistoryEntry {
  occurredAt: string;
  type: string;
  actor: string;
  result: string | null;
  assignee: string | null;
  note: string | null;
}

interface CallbackDetail extends CallbackItem {
  email: string | null;
  subject: string;
  history: HistoryEntry[];
}

const strings = JSON.parse(document.getElementById('callback-strings')!.textContent ?? '{}') as Strings;
const page = strings.page;
let current: string | undefined;

const fromField = dateField('filter-from', 'from', page.from);
const toField = dateField('filter-to', 'to', page.to);
byId('filter-dates').append(fromField.box, toField.box);

function say(text: string): void {
  byId('status').textContent = text;
}

function alertText(text: string): void {
  byId('alert').textContent = text;
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { Authorization: `Bearer ${token() ?? ''}`, 'Content-Type': 'application/json', Accept: 'application/json' },
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  if (!response.ok) throw new Error(body.error?.message ?? String(response.status));
  return body as T;
}

/** « 13 h », « 8 h 30 » / “1:00 p.m.” from a local ISO time. */
function time(iso: string): string {
  const [h, m] = iso.slice(11, 16).split(':').map(Number);
  if (strings.lang === 'en') return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'a.m.' : 'p.m.'}`;
  return m === 0 ? `${h}\u00a0h` : `${h}\u00a0h\u00a0${String(m).padStart(2, '0')}`;
}

function slotText(slot: Slot): string {
  return `${dayText(slot.date)}, ${strings.periods[slot.period] ?? slot.period} (${time(slot.start)} – ${time(slot.end)})`;
}

const columns = Array.from(document.querySelectorAll('#callbacks thead th')).map((th) => th.textContent?.trim() ?? '');

/** A cell headed by its column's name, shown before it when the table is stacked on a narrow screen. */
function cell(row: HTMLTableRowElement, content: string | Node, className?: string): void {
  row.append(stackedCell('td', columns[row.cells.length] ?? '', content, { class: className }));
}

async function loadList(): Promise<void> {
  const form = byId<HTMLFormElement>('filters');
  const data = new FormData(form);
  const query = new URLSearchParams();
  const status = String(data.get('status') ?? '');
  if (status) query.set('status', status);
  if (data.get('mine')) query.set('mine', 'true');
  if (data.get('unassigned')) query.set('unassigned', 'true');
  if (!checkDates([fromField, toField])) return;
  for (const key of ['from', 'to']) if (data.get(key)) query.set(key, String(data.get(key)));
  say(page.loading);
  const { items } = await api<{ items: CallbackItem[] }>(`/api/admin/callbacks?${query.toString()}`);
  const body = byId<HTMLTableElement>('callbacks').tBodies[0];
  body.replaceChildren();
  for (const item of items) {
    const row = body.insertRow();
    row.setAttribute('role', 'row');
    const link = document.createElement('a');
    link.className = 'ref';
    link.href = `#${item.reference}`;
    link.textContent = item.reference;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      void showDetail(item.reference).catch((err: Error) => alertText(page.error.replace('{{message}}', err.message)));
    });
    cell(row, link);
    cell(row, strings.statuses[item.status] ?? item.status);
    cell(row, slotText(item.slot));
    cell(row, item.phone ?? '');
    cell(row, item.assignedTo ?? '—');
    cell(row, String(item.attempts), 'num');
  }
  byId('empty').hidden = items.length > 0;
  say('');
}

async function showDetail(reference: string): Promise<void> {
  const detail = await api<CallbackDetail>(`/api/admin/callbacks/${encodeURIComponent(reference)}`);
  current = reference;
  const fields = byId('detail-fields');
  fields.replaceChildren();
  const entries: Array<[string, string]> = [
    [page.reference, detail.reference],
    [page.status, strings.statuses[detail.status] ?? detail.status],
    [page.slot, slotText(detail.slot)],
    [page.phone, detail.phone ?? ''],
    [page.assignee, detail.assignedTo ?? '—'],
    [page.attempts, String(detail.attempts)],
    [page.subject, detail.subject],
  ];
  for (const [label, value] of entries) {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    if (label === page.reference) dd.className = 'ref';
    div.append(dt, dd);
    fields.append(div);
  }
  const history = byId('detail-history');
  history.replaceChildren();
  for (const e of detail.history) {
    const li = document.createElement('li');
    const what = [strings.events[e.type] ?? e.type, e.result ? strings.results[e.result] : '', e.assignee ?? ''].filter(Boolean).join(', ');
    li.textContent = `${when(e.occurredAt)} — ${e.actor} — ${what}${e.note ? ` — ${e.note}` : ''}`;
    history.append(li);
  }
  const open = detail.status === 'pending' || detail.status === 'attempted';
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('#actions button'))) button.disabled = !open;
  byId('detail').hidden = false;
  byId('detail-title').focus();
}

async function act(action: string): Promise<void> {
  if (!current) return;
  const noteField = byId<HTMLTextAreaElement>('action-note');
  const note = noteField.value.trim();
  const ref = encodeURIComponent(current);
  const post = (path: string, body: unknown) => api(`/api/admin/callbacks/${ref}/${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (action === 'assign-me') await post('assign', { officer: 'me', ...(note ? { note } : {}) });
  else if (action === 'unassign') await post('assign', { officer: null, ...(note ? { note } : {}) });
  else if (action === 'cancel') await post('cancel', { note });
  else await post('attempts', { result: action, ...(note ? { note } : {}) });
  // A note typed while the request was on its way is kept for the next action.
  if (noteField.value.trim() === note) noteField.value = '';
  await showDetail(current);
  await loadList();
  say(page.done);
}

async function signIn(): Promise<void> {
  const me = await api<Me>('/api/admin/me');
  showSession(me);
  byId('login').hidden = true;
  byId('queue').hidden = false;
  await loadList();
}

const failed = (err: Error) => alertText(page.error.replace('{{message}}', err.message));

byId<HTMLFormElement>('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  alertText('');
  storeToken(byId<HTMLInputElement>('token').value.trim());
  void signIn().catch((err: Error) => {
    storeToken(null);
    failed(err);
  });
});
markCurrentNav('callbacks');
onSignOut(() => {
  current = undefined;
  byId('queue').hidden = true;
  byId('detail').hidden = true;
  byId('login').hidden = false;
  byId<HTMLInputElement>('token').focus();
  say(t('page.loggedOut'));
});
byId<HTMLFormElement>('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  alertText('');
  void loadList().catch(failed);
});
for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('#actions button'))) {
  button.addEventListener('click', () => {
    alertText('');
    void act(button.dataset.action ?? '').catch(failed);
  });
}
if (token()) void signIn().catch(failed);

