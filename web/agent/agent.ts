// The live-help console (bot/liveHelp/agentRoutes.ts): sign in with a staff token (kept in
// sessionStorage, sent only as a bearer header), set the availability, follow the queue and the
// conversations held on the event stream, accept, write, note, end.

interface Strings {
  signedInAs: string;
  login: { invalid: string };
  queue: { place: string; waited: string; topic: string; reference: string; accept: string; taken: string };
  session: {
    with: string;
    transcript: string;
    noTranscript: string;
    messages: string;
    citizen: string;
    assistant: string;
    you: string;
    message: string;
    send: string;
    note: string;
    addNote: string;
    notes: string;
    noteAdded: string;
    end: string;
    ended: string;
    newMessage: string;
    said: string;
    accepted: string;
  };
  connection: { live: string; lost: string };
  disabled: string;
  error: string;
}

interface Line {
  from?: string;
  author?: string;
  id?: number;
  text: string;
  at: string;
}

interface SessionView {
  id: number;
  lang: string;
  topic?: string;
  reference?: string;
  transcript: Line[];
  messages: Array<Line & { id: number }>;
  notes: Array<Line & { id: number }>;
}

interface State {
  agent: { name: string; status: 'available' | 'away' };
  queue: Array<{ id: number; place: number; waitedMinutes: number; topic?: string; reference?: string }>;
  sessions: SessionView[];
}

const TOKEN_KEY = 'agent-token';
/** The console's language, for the topics' names in the server's answers. */
const LANG_QUERY = document.documentElement.lang === 'en' ? '?lang=en' : '';
const strings = JSON.parse(document.getElementById('agent-strings')!.textContent ?? '{}') as Strings;
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => String(values[key] ?? ''));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function say(message: string): void {
  $('status').textContent = message;
}

function alertError(message: string): void {
  $('alert').textContent = message;
}

let token = sessionStorage.getItem(TOKEN_KEY) ?? '';
let stream: AbortController | undefined;
/** Messages already shown per session: a pushed state appends only the new ones (the log announces them). */
const shown = new Map<number, Set<number>>();
const shownNotes = new Map<number, Set<number>>();

async function api(path: string, body?: unknown): Promise<Response> {
  return fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function signIn(candidate: string): Promise<boolean> {
  token = candidate;
  const res = await api(`/api/agent/state${LANG_QUERY}`);
  if (res.status === 401) return false;
  if (res.status === 404) {
    alertError(strings.disabled);
    return false;
  }
  if (!res.ok) {
    alertError(strings.error);
    return false;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  const state = (await res.json()) as State;
  $('login').hidden = true;
  $('console').hidden = false;
  $('session').hidden = false;
  $('signed-in').textContent = fill(strings.signedInAs, { name: state.agent.name });
  render(state);
  void listen();
  return true;
}

function signOut(): void {
  stream?.abort();
  sessionStorage.removeItem(TOKEN_KEY);
  token = '';
  location.reload();
}

/** Reads the event stream (fetch, so the token stays in a header); reconnects after a pause when it drops. */
async function listen(): Promise<void> {
  stream?.abort();
  const controller = new AbortController();
  stream = controller;
  try {
    const res = await fetch(`/api/agent/stream${LANG_QUERY}`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(String(res.status));
    $('connection').textContent = strings.connection.live;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (data) render(JSON.parse(data.slice(6)) as State);
      }
    }
  } catch {
    if (controller.signal.aborted) return;
  }
  if (stream !== controller) return;
  $('connection').textContent = strings.connection.lost;
  setTimeout(() => void listen(), 3000);
}

function render(state: State): void {
  (document.getElementById(state.agent.status) as HTMLInputElement).checked = true;
  renderQueue(state);
  renderSessions(state.sessions);
}

function renderQueue(state: State): void {
  const list = $('queue');
  $('queue-empty').hidden = state.queue.length > 0;
  const focusedId = (document.activeElement as HTMLElement | null)?.dataset.accept;
  list.replaceChildren(
    ...state.queue.map((item) => {
      const li = el('li');
      const parts = [fill(strings.queue.place, { place: item.place }), fill(strings.queue.waited, { minutes: item.waitedMinutes })];
      if (item.topic) parts.push(fill(strings.queue.topic, { topic: item.topic }));
      if (item.reference) parts.push(fill(strings.queue.reference, { reference: item.reference }));
      li.append(el('span', {}, parts.join(' · ')));
      const button = el('button', { type: 'button', 'data-accept': String(item.id) }, strings.queue.accept);
      button.disabled = state.agent.status !== 'available';
      button.addEventListener('click', () => void accept(item.id));
      li.append(button);
      return li;
    }),
  );
  if (focusedId) (list.querySelector(`[data-accept="${focusedId}"]`) as HTMLElement | null)?.focus();
}

function renderSessions(sessions: SessionView[]): void {
  const container = $('sessions');
  $('sessions-empty').hidden = sessions.length > 0;
  const ids = new Set(sessions.map((s) => s.id));
  for (const article of Array.from(container.querySelectorAll<HTMLElement>('article[data-session]'))) {
    if (!ids.has(Number(article.dataset.session))) {
      article.remove();
      shown.delete(Number(article.dataset.session));
    }
  }
  for (const session of sessions) {
    let article = container.querySelector<HTMLElement>(`article[data-session="${session.id}"]`);
    if (!article) {
      article = buildSession(session);
      container.append(article);
    }
    appendMessages(article, session);
    appendNotes(article, session);
  }
}

function buildSession(session: SessionView): HTMLElement {
  const id = session.id;
  const article = el('article', { class: 'live-session', 'data-session': String(id), 'aria-labelledby': `session-${id}-title` });
  article.append(el('h3', { id: `session-${id}-title` }, fill(strings.session.with, { id })));
  const facts: string[] = [];
  if (session.topic) facts.push(fill(strings.queue.topic, { topic: session.topic }));
  if (session.reference) facts.push(fill(strings.queue.reference, { reference: session.reference }));
  if (facts.length) article.append(el('p', {}, facts.join(' · ')));

  article.append(el('h4', { id: `session-${id}-transcript` }, strings.session.transcript));
  if (session.transcript.length === 0) article.append(el('p', {}, strings.session.noTranscript));
  else {
    const transcript = el('ol', { class: 'transcript', tabindex: '0', 'aria-labelledby': `session-${id}-transcript` });
    for (const line of session.transcript) transcript.append(lineItem(line.from === 'citizen' ? strings.session.citizen : strings.session.assistant, line.text));
    article.append(transcript);
  }

  article.append(el('h4', { id: `session-${id}-messages` }, strings.session.messages));
  const log = el('div', { role: 'log', 'aria-live': 'polite', 'aria-labelledby': `session-${id}-messages` });
  log.append(el('ol', { class: 'chat-log', 'data-log': '' }));
  article.append(log);

  article.append(textForm(`message-${id}`, strings.session.message, strings.session.send, async (text) => {
    const res = await api(`/api/agent/sessions/${id}/messages`, { text });
    return res.ok;
  }));
  article.append(el('h4', { id: `session-${id}-notes` }, strings.session.notes));
  article.append(el('ul', { class: 'note-list', 'aria-labelledby': `session-${id}-notes`, 'data-notes': '' }));
  article.append(textForm(`note-${id}`, strings.session.note, strings.session.addNote, async (text) => {
    const res = await api(`/api/agent/sessions/${id}/notes`, { text });
    if (res.ok) say(strings.session.noteAdded);
    return res.ok;
  }));
  const end = el('button', { type: 'button', class: 'button-secondary' }, strings.session.end);
  end.addEventListener('click', async () => {
    const res = await api(`/api/agent/sessions/${id}/end`, {});
    if (res.ok) {
      say(strings.session.ended);
      $('main').focus();
    } else alertError(strings.error);
  });
  article.append(el('p', { class: 'button-row' }), end);
  return article;
}

function textForm(id: string, label: string, submit: string, send: (text: string) => Promise<boolean>): HTMLFormElement {
  const form = el('form', { novalidate: '' });
  const field = el('div', { class: 'field' });
  field.append(el('label', { for: id }, label));
  const area = el('textarea', { id, rows: '2', maxlength: '2000' });
  field.append(area);
  form.append(field, el('button', { type: 'submit' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = area.value.trim();
    if (!text) return;
    if (await send(text)) {
      area.value = '';
      area.focus();
    } else alertError(strings.error);
  });
  return form;
}

function lineItem(speaker: string, text: string, agent = false): HTMLLIElement {
  const li = el('li', agent ? { class: 'from-agent' } : {});
  li.append(el('span', { class: 'speaker' }, fill(strings.session.said, { who: speaker })), document.createTextNode(text));
  return li;
}

function appendMessages(article: HTMLElement, session: SessionView): void {
  const log = article.querySelector<HTMLElement>('[data-log]')!;
  let seen = shown.get(session.id);
  if (!seen) shown.set(session.id, (seen = new Set()));
  for (const message of session.messages) {
    if (seen.has(message.id)) continue;
    seen.add(message.id);
    const agent = message.author === 'agent';
    log.append(lineItem(agent ? strings.session.you : strings.session.citizen, message.text, agent));
  }
}

function appendNotes(article: HTMLElement, session: SessionView): void {
  const list = article.querySelector<HTMLElement>('[data-notes]')!;
  let seen = shownNotes.get(session.id);
  if (!seen) shownNotes.set(session.id, (seen = new Set()));
  for (const note of session.notes) {
    if (seen.has(note.id)) continue;
    seen.add(note.id);
    list.append(el('li', {}, note.text));
  }
}

async function accept(id: number): Promise<void> {
  const res = await api(`/api/agent/sessions/${id}/accept`, {});
  if (res.ok) {
    say(strings.session.accepted);
    // The stream brings the conversation; its message field gets the focus once it is there.
    const wait = (tries: number) => {
      const field = document.getElementById(`message-${id}`);
      if (field) field.focus();
      else if (tries > 0) setTimeout(() => wait(tries - 1), 100);
    };
    wait(30);
  } else if (res.status === 409) alertError(strings.queue.taken);
  else alertError(strings.error);
}

for (const radio of Array.from(document.querySelectorAll<HTMLInputElement>('input[name="availability"]'))) {
  radio.addEventListener('change', async () => {
    const res = await api(`/api/agent/status${LANG_QUERY}`, { status: radio.value });
    if (res.ok) render((await res.json()) as State);
    else alertError(strings.error);
  });
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>('token');
  const error = $('token-error');
  if (await signIn(input.value.trim())) {
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    $('main').focus();
  } else if (!$('alert').textContent) {
    error.textContent = strings.login.invalid;
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'token-help token-error');
    input.focus();
  }
});
$('logout').addEventListener('click', signOut);

if (token) void signIn(token).then((ok) => (ok ? undefined : sessionStorage.removeItem(TOKEN_KEY)));
