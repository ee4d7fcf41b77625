/** The texts the server rendered from locales (admin namespace and others) and the formats of numbers and dates. */

type Tree = { [key: string]: unknown };

export interface Commitments {
  intro?: string;
  items?: string[];
  noTarget?: string;
  rateDefinition?: string;
  sources?: Array<{ document: string; section: string }>;
}

interface Strings extends Tree {
  lang?: string;
  faqTitles?: Record<string, string>;
  commitments?: Commitments;
}

export type Vars = Record<string, unknown>;

export const S = JSON.parse(document.getElementById('admin-strings')?.textContent ?? '{}') as Strings;
export const lang: 'fr' | 'en' = S.lang === 'en' ? 'en' : 'fr';
const locale = lang === 'en' ? 'en-CA' : 'fr-CA';
export const langQuery = lang === 'en' ? '?lang=en' : '';

const plural = new Intl.PluralRules(locale);
const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const targetFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
const monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function lookup(path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Tree)[k] : undefined), S);
}

export function t(path: string, vars?: Vars): string {
  let s: unknown;
  if (vars && typeof vars.count === 'number') s = lookup(`${path}_${plural.select(vars.count)}`) || lookup(`${path}_other`);
  if (s === undefined) s = lookup(path);
  if (typeof s !== 'string') return path;
  return s.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (vars && Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m));
}

/** A label owned by another feature (complaint statuses, services, exam kinds), or the raw key. */
export function label(group: string, key: unknown): string {
  const labels = S[group];
  const v = labels && typeof labels === 'object' ? (labels as Tree)[String(key)] : undefined;
  return typeof v === 'string' ? v : String(key);
}

/** The keys of a group of labels (the statuses, the services), in the locale file's order. */
export function labelKeys(group: string): string[] {
  const labels = S[group];
  return labels && typeof labels === 'object' ? Object.keys(labels) : [];
}

export function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : percentFormat.format(value / 100);
}

export function num(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : numberFormat.format(value);
}

const shortDayFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** « 6 oct. 2026, 10 h 00 » (Oct. 6, 2026, 10:00) from an ISO instant written with the Québec offset. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const text = String(iso);
  const p = text.slice(0, 10).split('-');
  const day = shortDayFormat.format(new Date(Date.UTC(Number(p[0]), Number(p[1]) - 1, Number(p[2]), 12)));
  if (text.length < 16) return day;
  const hh = Number(text.slice(11, 13));
  const mm = text.slice(14, 16);
  return lang === 'en' ? `${day}, ${text.slice(11, 16)}` : `${day}, ${hh}\u00a0h\u00a0${mm}`;
}

/** « 1er avril 2026 », « 14 octobre 2026 » from a local date (YYYY-MM-DD). */
export function dayText(date: string | null | undefined): string {
  if (!date) return '—';
  const p = String(date).slice(0, 10).split('-');
  const text = dayFormat.format(new Date(Date.UTC(Number(p[0]), Number(p[1]) - 1, Number(p[2]), 12)));
  return lang === 'fr' ? text.replace(/^1 /, '1er ') : text;
}

/** « 15 octobre 2026 à 9 h 05 » from an ISO instant written with the Québec offset (its local part is Québec time). */
export function instantText(iso: string | null | undefined): string {
  if (!iso) return '—';
  const hh = Number(String(iso).slice(11, 13));
  const mm = String(iso).slice(14, 16);
  if (lang === 'en') return `${dayText(iso)} at ${String(iso).slice(11, 16)}`;
  return `${dayText(iso)} à ${hh}\u00a0h${mm === '00' ? '' : `\u00a0${mm}`}`;
}

/** An FAQ entry as managers read it: its French (or English) title, never its id. */
export function faqTitle(entryId: string): string {
  return S.faqTitles?.[entryId] || String(entryId);
}

export function monthLabel(yyyymm: string): string {
  const parts = String(yyyymm).split('-');
  return monthFormat.format(new Date(Date.UTC(Number(parts[0]), Number(parts[1]) - 1, 15)));
}
