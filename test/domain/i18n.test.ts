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
