import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import i18next, { i18n as I18n, Resource, ResourceLanguage, TFunction } from 'i18next';
import { collapseAbbreviationPeriod } from './format/abbreviationPeriod';
import { projectPath } from './paths';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];
export type Translate = TFunction;

/** French (fr-CA) unless the channel says the person writes in English. */
export function langFromLocale(locale: string | undefined | null): Lang {
  return locale && /^en\b/i.test(locale) ? 'en' : 'fr';
}

let instance: I18n | undefined;

/**
 * One i18next instance for the whole process, loaded from locales/<lang>/<namespace>.json.
 * Every sentence a person reads goes through it, so adding a namespace needs no code change.
 */
export function i18n(): I18n {
  if (instance) return instance;
  const resources: Resource = {};
  for (const lang of LANGS) {
    resources[lang] = {};
    const dir = projectPath('locales', lang);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      (resources[lang] as ResourceLanguage)[basename(file, '.json')] = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as ResourceLanguage;
    }
  }
  const created = i18next.createInstance();
  created.use({ type: 'postProcessor', name: 'abbreviationPeriod', process: (value: string) => collapseAbbreviationPeriod(value) });
  void created.init({
    postProcess: ['abbreviationPeriod'],
    resources,
    lng: 'fr',
    fallbackLng: 'fr',
    supportedLngs: [...LANGS],
    ns: Object.keys(resources.fr),
    defaultNS: 'common',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  instance = created;
  return created;
}

const translators = new Map<Lang, Translate>();

/**
 * One translator per language for the process (several caches key on it; getFixedT makes a new one each
 * call). A key asked without options (a label, a day's name) is translated once: i18next resolves the
 * key, its namespace, fallbacks and post-processor anew on every call (about 6 % of an FAQ turn's CPU).
 */
export function translator(lang: Lang): Translate {
  let t = translators.get(lang);
  if (!t) translators.set(lang, (t = memoizedPlainKeys(i18n(), i18n().getFixedT(lang), lang)));
  return t;
}

function memoizedPlainKeys(instance: I18n, t: TFunction, lang: Lang): Translate {
  const plain = new Map<string, unknown>();
  // A resource added or removed at run time (tests do) would otherwise be hidden behind an older translation.
  instance.store.on('added', () => plain.clear());
  instance.store.on('removed', () => plain.clear());
  const call = t as unknown as (...args: unknown[]) => unknown;
  const memoized = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (typeof key !== 'string') return call(...args);
    // What getFixedT's function does for a key and options, without the copy of i18next's whole
    // configuration it makes on every call for keys given as functions (none here).
    if (args.length === 2 && isPlainOptions(options)) return instance.t(key, { ...options, lng: options.lng || lang });
    if (args.length !== 1) return call(...args);
    if (!plain.has(key)) plain.set(key, call(key));
    return plain.get(key);
  };
  // getFixedT's own properties (its language, read by reportDates.ts) stay readable.
  return Object.assign(memoized, t) as unknown as Translate;
}

function isPlainOptions(options: unknown): options is { lng?: string } & Record<string, unknown> {
  if (!options || typeof options !== 'object') return false;
  const { lngs, ns, keyPrefix } = options as Record<string, unknown>;
  return lngs === undefined && ns === undefined && keyPrefix === undefined;
}

/** The translation of `key`, or `fallback` (e.g. a raw service key) when the locales have none. */
export function label(t: Translate, key: string, fallback: string): string {
  return t(key, { defaultValue: fallback });
}
