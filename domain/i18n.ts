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
  const templates = new Map<string, Template | undefined>();
  // A resource added or removed at run time (tests do) would otherwise be hidden behind an older translation.
  const forget = () => {
    plain.clear();
    templates.clear();
  };
  instance.store.on('added', forget);
  instance.store.on('removed', forget);
  const call = t as unknown as (...args: unknown[]) => unknown;
  const memoized = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (typeof key !== 'string') return call(...args);
    if (args.length === 2 && isPlainOptions(options)) {
      if (!templates.has(key)) templates.set(key, templateOf(instance, lang, key));
      const filled = fillSlots(templates.get(key), options, lang);
      if (filled !== undefined) return filled;
      // What getFixedT's function does for a key and options, without the copy of i18next's whole
      // configuration it makes on every call for keys given as functions (none here).
      return instance.t(key, { ...options, lng: options.lng || lang });
    }
    if (args.length !== 1) return call(...args);
    if (!plain.has(key)) plain.set(key, call(key));
    return plain.get(key);
  };
  // getFixedT's own properties (its language, read by reportDates.ts) stay readable.
  return Object.assign(memoized, t) as unknown as Translate;
}

/**
 * A translation whose slots are all plain « {{name}} » (no nesting, formatting, unescaping or plural):
 * its text cut at the slots. i18next finds the key, its namespace and fallbacks, then interpolates, on
 * every call (about 2 % of an FAQ turn); such a text is filled here as it would fill it, then given the
 * post-processor.
 */
interface Template {
  /** The text between the slots: one more than `names`. */
  texts: string[];
  names: string[];
}

/** i18next's own slot pattern (interpolation prefix and suffix). */
const SLOT = /\{\{(.+?)\}\}/g;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Options i18next reads itself: a call that passes one of these goes through i18next. */
const I18NEXT_OPTIONS = new Set([
  'count',
  'context',
  'ordinal',
  'defaultValue',
  'replace',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'postProcess',
  'interpolation',
  'skipInterpolation',
  'nest',
  'fallbackLng',
  'keySeparator',
  'nsSeparator',
  'applyPostProcessor',
]);

function templateOf(instance: I18n, lang: Lang, key: string): Template | undefined {
  const separator = key.indexOf(':');
  if (key.indexOf(':', separator + 1) >= 0) return undefined;
  const ns = separator >= 0 ? key.slice(0, separator) : String(instance.options.defaultNS);
  const text: unknown = instance.getResource(lang, ns, separator >= 0 ? key.slice(separator + 1) : key);
  if (typeof text !== 'string' || text.includes('$t(') || text.includes('{{-')) return undefined;
  const texts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of text.matchAll(SLOT)) {
    const name = match[1].trim();
    if (!PLAIN_NAME.test(name) || I18NEXT_OPTIONS.has(name)) return undefined;
    texts.push(text.slice(last, match.index));
    names.push(name);
    last = match.index + match[0].length;
  }
  texts.push(text.slice(last));
  return { texts, names };
}

/**
 * The template filled with the options, as i18next fills it (a value is never read again for slots), or
 * undefined when i18next must do it: an option other than a slot's value (besides this language), a
 * slot without a string or a number.
 */
function fillSlots(template: Template | undefined, options: Record<string, unknown>, lang: Lang): string | undefined {
  if (!template) return undefined;
  for (const name in options) {
    if (name === 'lng' ? options.lng !== undefined && options.lng !== lang : !template.names.includes(name)) return undefined;
  }
  let text = template.texts[0];
  for (let i = 0; i < template.names.length; i += 1) {
    const value = options[template.names[i]];
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    text += String(value) + template.texts[i + 1];
  }
  return collapseAbbreviationPeriod(text);
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
