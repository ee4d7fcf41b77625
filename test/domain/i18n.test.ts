import { i18n, translator } from '../../domain/i18n';

describe('translator', () => {
  it('is one function per language, which keeps its language', () => {
    expect(translator('fr')).toBe(translator('fr'));
    expect(translator('en')).not.toBe(translator('fr'));
    expect((translator('en') as unknown as { lng?: string }).lng).toBe('en');
  });

  it('translates a key asked without options as i18next does, and interpolates the others', () => {
    const fixed = i18n().getFixedT('fr');
    expect(translator('fr')('common:hours.days.monday')).toBe(fixed('common:hours.days.monday'));
    expect(translator('fr')('common:hours.days.monday')).toBe(fixed('common:hours.days.monday'));
    expect(translator('en')('common:hours.period', { opens: '8:30 a.m.', closes: 'noon' })).toBe(
      i18n().getFixedT('en')('common:hours.period', { opens: '8:30 a.m.', closes: 'noon' }),
    );
  });

  it('gives what getFixedT gives under options: a language of its own, a default, lists, plurals, another namespace', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['resolve:hours.date', { date: 'jeudi 24 décembre' }],
      ['common:hours.period', { opens: '8 h 30', closes: '12 h', lng: 'en' }],
      ['common:nothing.here', { defaultValue: 'rien' }],
      ['complaint:firstMessage.anger', { returnObjects: true }],
      ['hours.period', { ns: 'common', opens: '8 h 30', closes: '12 h' }],
      ['faq:clarify', { count: 2 }],
    ];
    for (const lang of ['fr', 'en'] as const) {
      for (const [key, options] of cases) expect(translator(lang)(key, options)).toEqual(i18n().getFixedT(lang)(key, options));
    }
  });

  it('fills every text of both languages as getFixedT does, with strings, numbers, this language, and options i18next reads', () => {
    const keys: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string') keys.push(path);
      else if (value && typeof value === 'object' && !Array.isArray(value))
        for (const [k, v] of Object.entries(value)) walk(v, path.endsWith(':') ? `${path}${k}` : `${path}.${k}`);
    };
    for (const [ns, tree] of Object.entries(i18n().store.data.fr)) walk(tree, `${ns}:`);
    expect(keys.length).toBeGreaterThan(500);
    const differences: string[] = [];
    for (const lang of ['fr', 'en'] as const) {
      const fixed = i18n().getFixedT(lang);
      for (const key of keys) {
        const text = String(i18n().getResource(lang, key.split(':')[0], key.split(':')[1]) ?? '');
        const slots = [...text.matchAll(/\{\{(.+?)\}\}/g)].map((m) => m[1].trim());
        const optionSets: Array<Record<string, unknown>> = [
          Object.fromEntries(slots.map((name, i) => [name, `«${name} ${i}»`])),
          Object.fromEntries(slots.map((name, i) => [name, i % 2 ? 2.5 : `{{${name}}} $t(common:hours.and)`])),
          { ...Object.fromEntries(slots.map((name) => [name, 'x'])), lng: lang },
          { ...Object.fromEntries(slots.map((name) => [name, 'x'])), count: 2 },
          { ...Object.fromEntries(slots.slice(1).map((name) => [name, 'x'])), defaultValue: 'rien' },
        ];
        for (const options of optionSets) {
          const got = translator(lang)(key, options);
          const expected = fixed(key, options);
          if (got !== expected) differences.push(`${lang} ${key} ${JSON.stringify(options)}: ${String(got)} ≠ ${String(expected)}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it('sees a resource added after a key was translated', () => {
    const t = translator('fr');
    const saved = t('common:hours.days.monday');
    try {
      i18n().addResource('fr', 'common', 'hours.days.monday', 'lundi (modifié)');
      expect(t('common:hours.days.monday')).toBe('lundi (modifié)');
    } finally {
      i18n().addResource('fr', 'common', 'hours.days.monday', saved);
    }
    expect(t('common:hours.days.monday')).toBe(saved);
  });
});
