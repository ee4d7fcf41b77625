/** The page's shell: the view, the live regions, the title, the person signed in and the outbox warning. */
import type { Me, Outbox } from './apiTypes.js';
import { errorText, request } from './api.js';
import { append, byId, el } from './dom.js';
import { withRefs } from './references.js';
import { t, when } from './strings.js';

export const view = byId('view');
export const title = byId('page-title');
const statusRegion = byId('status');
const alertRegion = byId('alert');

let me: Me | null = null;

export function signedIn(): Me {
  if (!me) throw new Error('nobody is signed in');
  return me;
}

export function setSignedIn(who: Me | null): void {
  me = who;
}

export function say(message: string): void {
  statusRegion.textContent = '';
  window.setTimeout(() => {
    statusRegion.textContent = message;
  }, 50);
}

export function showError(message: string): void {
  alertRegion.textContent = '';
  if (message) append(alertRegion, el('p', { class: 'alert' }, message));
}

export function setTitle(text: string): void {
  title.textContent = '';
  append(title, withRefs(text));
  document.title = `${text} — ${t('page.brand')}`;
}

// ---------- outbox failures (everyone) ----------
export const outboxBox = el('div', { id: 'outbox' });

export function loadOutbox(): void {
  request<Outbox>('/api/admin/reminders/outbox')
    .then((outbox) => {
      outboxBox.textContent = '';
      if (!outbox.failing) return;
      const box = el(
        'div',
        { class: 'warning', role: 'note' },
        el('p', { class: 'warning-title' }, t('page.outbox.failing', { count: outbox.failing })),
        el('p', {}, t('page.outbox.help')),
      );
      const list = el('ul');
      for (const f of outbox.failures)
        append(list, el('li', {}, t('page.outbox.failure', { id: f.id, attempts: f.attempts, code: f.lastErrorCode || '—', next: when(f.nextAttemptAt) })));
      append(box, list);
      append(outboxBox, box);
    })
    .catch(() => {
      /* shown by the next request's error, if any */
    });
}

/** POSTs a step, then shows the complaint (or incident) again with a message; errors go to the alert region. */
export function post<T>(path: string, body: unknown, after: (result: T) => void): Promise<void> {
  return request<T>(path, { method: 'POST', body })
    .then((result) => {
      showError('');
      loadOutbox();
      after(result);
    })
    .catch((err: unknown) => {
      showError(errorText(err));
    });
}
