/** « until 4:30 p.m.. » → « until 4:30 p.m. »: a sentence ending on an English time keeps one period. */
export function collapseAbbreviationPeriod(text: string): string {
  return text.replace(/\b([ap])\.m\.\.(?!\.)/g, '$1.m.');
}
