import { isoText } from '../../../domain/format/isoText';

describe('isoText', () => {
  it('gives the same text as toISOString for instants in and around the same second, in any order', () => {
    const base = Date.now();
    const instants: number[] = [];
    for (let i = 0; i < 5000; i += 1) instants.push(base + Math.floor((i * 7919) % 4000) - 2000);
    expect(instants.map((ms) => isoText(new Date(ms)))).toEqual(instants.map((ms) => new Date(ms).toISOString()));
  });

  it('gives the same text as toISOString over the whole range of dates, negative years and six-digit ones included', () => {
    const limit = 8.64e15;
    const instants = [
      0,
      -1,
      1,
      999,
      1000,
      -999,
      -1000,
      -1001,
      limit,
      -limit,
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10000, 0, 1),
      Date.UTC(-1, 0, 1),
      Date.UTC(0, 0, 1),
    ];
    let seed = 42;
    for (let i = 0; i < 20000; i += 1) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const fraction = seed / 2147483648;
      instants.push(Math.round((fraction * 2 - 1) * limit));
      instants.push(Math.round((fraction * 2 - 1) * 4e12));
    }
    expect(instants.map((ms) => isoText(new Date(ms)))).toEqual(instants.map((ms) => new Date(ms).toISOString()));
  });

  it('throws a RangeError for an invalid date, as toISOString does', () => {
    expect(() => isoText(new Date(NaN))).toThrow(RangeError);
    expect(isoText(new Date(5))).toBe(new Date(5).toISOString());
  });
});
