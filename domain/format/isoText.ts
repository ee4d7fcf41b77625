let cachedSecond = NaN;
let cachedPrefix = '';

/**
 * `date.toISOString()`, with the text up to the second kept from the last call: the interaction log
 * and the bot state write five instants a turn, nearly all in the same second, and V8's
 * `toISOString` formats each one in C++ (issue 13). Throws a RangeError for an invalid date, as
 * `toISOString` does.
 */
export function isoText(date: Date): string {
  const ms = date.getTime();
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    // Everything but the milliseconds and the « Z », whatever the year's width (« +275760-09-13T… »).
    cachedPrefix = date.toISOString().slice(0, -4);
    cachedSecond = second;
  }
  const milli = ms - second * 1000;
  return `${cachedPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}
