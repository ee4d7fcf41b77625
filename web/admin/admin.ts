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
import { markCurrentNav, onSignOut, showSession, storedToken as token, storeToken } from './session.js';
import { t } from './strings.js';

const loginSection = byId('login');
const loginForm = byId<HTMLFormElement>('login-form');
const tokenInput = byId<HTMLInputElement>('token');
const tokenError = byId('token-error');

function showLogin(message?: string): void {
  setSignedIn(null);
  view.textContent = '';
  showSession(null);
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
  storeToken(null);
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
      storeToken(value);
      tokenInput.value = '';
      start(who);
    })
    .catch((err: unknown) => {
      showLogin(err instanceof ApiError && err.status === 401 ? t('page.login.invalid') : errorText(err));
    });
});

onSignOut(() => {
  showLogin();
  say(t('page.loggedOut'));
});

function start(who: Me): void {
  setSignedIn(who);
  loginSection.hidden = true;
  showSession(who);
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
  markCurrentNav(nav);
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
