import * as chrono from 'chrono-node';

/** chrono-node's casual French parser (as `chrono.fr.parse`), its fixed patterns built once. */
export const frenchDates = withFixedPatterns(chrono.fr.createCasualConfiguration());

/** chrono-node's casual English parser (as `chrono.en.parse`), its fixed patterns built once. */
export const englishDates = withFixedPatterns(chrono.en.configuration.createCasualConfiguration(false));

/**
 * chrono-node 2.10's time-unit and weekday parsers build a new RegExp on every `innerPattern()` call, and
 * its word-boundary cache compares patterns by identity: every parse rebuilt and recompiled them, three
 * quarters of a French parse (« heures d'ouverture mercredi »: 31 µs, 8 µs once fixed). A parser whose
 * pattern takes no parsing context is asked for it once; the others are left as they are.
 */
function withFixedPatterns(configuration: { parsers: chrono.Parser[]; refiners: chrono.Refiner[] }): chrono.Chrono {
  for (const parser of configuration.parsers) {
    const owner = parser as { innerPattern?: (...context: unknown[]) => unknown };
    const build = owner.innerPattern;
    if (typeof build !== 'function' || build.length > 0) continue;
    const pattern = build.call(parser);
    if (pattern instanceof RegExp) owner.innerPattern = () => pattern;
  }
  return new chrono.Chrono(configuration);
}
