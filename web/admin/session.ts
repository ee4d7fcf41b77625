/** The banner every staff page shares (web/admin/header.html): current navigation item, the person signed in, sign-out. */
import type { Me } from './apiTypes.js';
import { byId } from './dom.js';
import { t } from './strings.js';

export const TOKEN_KEY = 'caDotationAdminToken';

export function storedToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(TOKEN_KEY);
    else window.sessionStorage.setItem(TOKEN_KEY, value);
  } catch {
    /* private mode: kept for this page only */
  }
}

/** Marks the navigation item `current` (data-nav) with aria-current="page", and only that one. */
export function markCurrentNav(current: string): void {
  for (const link of Array.from(document.querySelectorAll('[data-nav]'))) {
    if (link.getAttribute('data-nav') === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/** « Session : alice (personnel) » and the sign-out button; null hides them. */
export function showSession(who: Me | null): void {
  const box = byId('session');
  box.hidden = !who;
  byId('signed-in').textContent = who ? t('page.signedIn', { name: who.name, role: t(`page.roles.${who.role}`) }) : '';
}

/** Forgets the token, hides the session, then lets the page show its sign-in form. */
export function onSignOut(after: () => void): void {
  byId('logout').addEventListener('click', () => {
    storeToken(null);
    showSession(null);
    after();
  });
}
