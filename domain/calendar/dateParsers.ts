import * as chrono from 'chrono-node';

/** chrono-node's casual French parser (as `chrono.fr.parse`), its fixed patterns built once. */
export const frenchDates = withFixedPatterns(chrono.fr.createCasualConfiguration());

/** chrono-node's casual English parser (as `chrono.en.parse`), its fixed patterns built once. */
export const englishDates = withFixedPatterns(chrono.en.configuration.createCasualConfiguration(false));

/**
 * chrono-node 2.10 caches a parser's compiled pattern while `innerPattern()` returns the same RegExp object,
 * but most of its parsers return a new one on every call (a regex literal is a new object each time; the
 * time-unit parsers even rebuild their source): every parse rebuilt and recompiled them, three quarters of a
 * French parse (« heures d'ouverture mercredi »: 31 µs, 8 µs once fixed). A pattern that needs no parsing
 * context is asked for once; the others are handed back as the first object of the same source and flags.
 */
function withFixedPatterns(configuration: { parsers: chrono.Parser[]; refiners: chrono.Refiner[] }): chrono.Chrono {
  for (const parser of configuration.parsers) {
    const owner = parser as { innerPattern?: (...context: unknown[]) => unknown };
    const build = owner.innerPattern;
    if (typeof build !== 'function') continue;
    if (build.length === 0) {
      const pattern = build.call(parser);
      if (pattern instanceof RegExp) owner.innerPattern = () => pattern;
      continue;
    }
    // A parser whose pattern is a constant hands back the same object: only new objects are looked up by their text.
    let last: RegExp | undefined;
    const seen = new Map<string, RegExp>();
    owner.innerPattern = (...context: unknown[]) => {
      const pattern = build.apply(parser, context);
      if (!(pattern instanceof RegExp) || pattern === last) return pattern;
      const key = `${pattern.flags}/${pattern.source}`;
      let first = seen.get(key);
      if (!first) seen.set(key, (first = pattern));
      last = first;
      return first;
    };
  }
  return new chrono.Chrono(configuration);
}
