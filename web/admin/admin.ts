/*
 * Dashboard of the CA-dotation assistant's staff tools (issue 7), the page's entry module.
 * - Every text comes from the strings the server rendered from locales (admin namespace).
 * - Every value from the API is inserted with textContent / createTextNode: never as HTML.
 * - The bearer token is typed by the person and kept in sessionStorage for this tab only; it is sent
 *   in the Authorization header, never in a URL.
 */
import type { Me } from './apiTypes.js';
import { ApiError, configureApi, errorText, request } from './api.js';
import { renderComplaint } from './complaintDetail.js';
import { renderList } from './complaintList.js';
import { renderDashboard } from './dashboard.js';
import { byId } from './dom.js';
import { renderIncident, renderIncidents } from './incidents.js';
import { loadOutbox, say, setSignedIn, setTitle, showError, signedIn, view } from './page.js';
import { t } from './strings.js';

const TOKEN_KEY = 'caDotationAdminToken';

function token(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

const loginSection = byId('login');
const loginForm = byId<HTMLFormElement>('login-form');
const tokenInput = byId<HTMLInputElement>('token');
const tokenError = byId('token-error');
const sessionBox = byId('session');

function showLogin(message?: string): void {
  setSignedIn(null);
  view.textContent = '';
  sessionBox.hidden = true;
  loginSection.hidden = false;
  setTitle(t('page.login.title'));
  if (message) {
    tokenError.textContent = message;
    tokenError.hidden = false;
    tokenInput.setAttribute('aria-invalid', 'true');
    tokenInput.setAttribute('aria-describedby', 'token-error token-help');
  }
  tokenInput.focus();
}

function signOut(message?: string): void {
  try {
    window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* private mode */
  }
  showLogin(message);
}

configureApi({ token, ended: signOut });

loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const value = tokenInput.value.trim();
  tokenError.hidden = true;
  tokenInput.removeAttribute('aria-invalid');
  tokenInput.setAttribute('aria-describedby', 'token-help');
  if (!value) return showLogin(t('page.login.empty'));
  request<Me>('/api/admin/me', { token: value })
    .then((who) => {
      try {
        window.sessionStorage.setItem(TOKEN_KEY, value);
      } catch {
        /* kept for this page only */
      }
      tokenInput.value = '';
      start(who);
    })
    .catch((err: unknown) => {
      showLogin(err instanceof ApiError && err.status === 401 ? t('page.login.invalid') : errorText(err));
    });
});

byId('logout').addEventListener('click', () => {
  signOut();
  say(t('page.loggedOut'));
});

function start(who: Me): void {
  setSignedIn(who);
  loginSection.hidden = true;
  sessionBox.hidden = false;
  byId('signed-in').textContent = t('page.signedIn', { name: who.name, role: t(`page.roles.${who.role}`) });
  showError('');
  loadOutbox();
  route();
}

function referenceIn(pattern: RegExp): string {
  const match = pattern.exec(window.location.pathname);
  return match ? decodeURIComponent(match[1]) : '';
}

function route(): void {
  const v = document.body.getAttribute('data-view') ?? '';
  const manager = signedIn().role === 'manager';
  let nav = ({ complaint: 'complaints', incident: 'incidents' } as Record<string, string>)[v] || v;
  // Staff on /admin see the complaint list: that item is the current one, not the statistics.
  if (nav === 'dashboard' && !manager) nav = 'complaints';
  for (const link of Array.from(document.querySelectorAll('[data-nav]'))) {
    if (link.getAttribute('data-nav') === nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (v === 'complaint') return renderComplaint(referenceIn(/\/admin\/complaints\/([^/?#]+)/));
  if (v === 'incident') return renderIncident(referenceIn(/\/admin\/incidents\/([^/?#]+)/));
  if (v === 'incidents') return renderIncidents();
  if (v === 'mine') return renderList(false, true);
  if (v === 'complaints' || !manager) return renderList(v !== 'complaints' && !manager);
  return renderDashboard();
}

// ---------- start ----------
if (!token()) showLogin();
else {
  request<Me>('/api/admin/me')
    .then(start)
    .catch((err: unknown) => {
      if (!(err instanceof ApiError && err.status === 401)) showLogin(errorText(err));
    });
}
