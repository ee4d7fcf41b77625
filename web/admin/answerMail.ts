/**
 * « Répondre par courriel » on the complaint page: the answer written from the template, previewed as the
 * citizen will read it, then recorded and e-mailed (the answer route with send: true).
 */
import type { Complaint } from './apiTypes.js';
import { ApiError, errorText, request } from './api.js';
import { append, el, field, section } from './dom.js';
import { loadOutbox, showError } from './page.js';
import { t } from './strings.js';

interface AnswerMail {
  lang: 'fr' | 'en';
  template: string;
  placeholder: string;
  preview: { to: string; subject: string; text: string };
}

interface Answered extends Complaint {
  mail?: { id: number; kind: string; queued: boolean };
}

const AWAITING_ANSWER = ['received', 'contacted'];

/** The section, or null when the complaint no longer awaits its answer; `done` shows the complaint again with a message. */
export function answerMailView(c: Complaint, done: (message: string) => void): HTMLElement | null {
  if (c.anonymized || AWAITING_ANSWER.indexOf(c.status) < 0) return null;
  const box = section('answer-mail', t('answerMail.title'));
  if (c.contactMethod !== 'email') {
    append(box, el('p', { id: 'answer-mail-unavailable' }, t('answerMail.phone')));
    return box;
  }
  const loading = el('p', { class: 'hint' }, t('answerMail.loading'));
  append(box, loading);
  request<AnswerMail>(mailPath(c), { method: 'POST', body: {} })
    .then((mail) => {
      loading.remove();
      append(box, form(c, mail, done));
    })
    .catch((err: unknown) => {
      loading.remove();
      if (err instanceof ApiError && err.code === 'CitizenMailOff') append(box, el('p', { id: 'answer-mail-unavailable' }, t('answerMail.off')));
      else showError(errorText(err));
    });
  return box;
}

function form(c: Complaint, mail: AnswerMail, done: (message: string) => void): HTMLElement[] {
  const message = el('textarea', { id: 'answer-message', rows: '12', maxlength: '20000', 'aria-describedby': 'answer-message-help', lang: mail.lang });
  message.value = mail.template;
  const help = el(
    'p',
    { id: 'answer-message-help', class: 'hint' },
    t('answerMail.messageHelp'),
    mail.lang === 'en' ? ` ${t('answerMail.englishTemplate')}` : null,
  );
  const preview = el('div', { id: 'answer-preview', class: 'answer-preview', role: 'region', 'aria-labelledby': 'answer-preview-title', tabindex: '-1', hidden: true });
  // A preview of an earlier text would mislead: it goes away as soon as the text changes.
  message.addEventListener('input', () => {
    preview.hidden = true;
  });
  const sendButton = el('button', { type: 'button', id: 'answer-send', onclick: () => send() }, t('answerMail.send'));

  const text = (): string | null => {
    const value = message.value.trim();
    if (!value) showError(t('answerMail.errors.messageRequired'));
    else if (value.indexOf(mail.placeholder) >= 0) showError(t('answerMail.errors.placeholderLeft'));
    else return value;
    message.focus();
    return null;
  };

  const showPreview = (): void => {
    const value = message.value.trim();
    if (!value) {
      showError(t('answerMail.errors.messageRequired'));
      message.focus();
      return;
    }
    request<AnswerMail>(mailPath(c), { method: 'POST', body: { message: value } })
      .then((m) => {
        showError('');
        preview.textContent = '';
        append(
          preview,
          el('h3', { id: 'answer-preview-title' }, t('answerMail.previewTitle')),
          el('p', {}, t('answerMail.previewTo', { to: m.preview.to })),
          el('p', {}, t('answerMail.previewSubject', { subject: m.preview.subject })),
          el('pre', { class: 'answer-preview-text', lang: m.lang }, m.preview.text),
        );
        preview.hidden = false;
        preview.focus();
      })
      .catch((err: unknown) => {
        showError(errorText(err));
      });
  };

  const send = (): void => {
    const value = text();
    if (value === null) return;
    if (!window.confirm(t('answerMail.confirm', { to: mail.preview.to, reference: c.reference }))) return;
    // Disabled until the server answers: a second click must not record or send anything.
    sendButton.disabled = true;
    sendButton.textContent = t('answerMail.sending');
    request<Answered>(`/api/admin/complaints/${encodeURIComponent(c.reference)}/answer`, { method: 'POST', body: { send: true, message: value } })
      .then((answered) => {
        showError('');
        loadOutbox();
        done(t(answered.mail && !answered.mail.queued ? 'answerMail.alreadySent' : 'answerMail.done', { reference: c.reference }));
      })
      .catch((err: unknown) => {
        sendButton.disabled = false;
        sendButton.textContent = t('answerMail.send');
        showError(errorText(err));
      });
  };

  return [
    el('p', {}, t('answerMail.intro', { to: mail.preview.to })),
    field(message, t('answerMail.messageLabel'), help),
    el('div', { class: 'button-row' }, el('button', { type: 'button', id: 'answer-preview-button', class: 'button-secondary', onclick: showPreview }, t('answerMail.preview')), sendButton),
    preview,
  ];
}

function mailPath(c: Complaint): string {
  return `/api/admin/complaints/${encodeURIComponent(c.reference)}/answer-mail`;
}
