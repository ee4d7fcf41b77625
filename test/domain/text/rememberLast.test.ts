import { rememberLast } from '../../../domain/text/rememberLast';

describe('rememberLast', () => {
  it('reads a text once while it stays the last one, and again once another came between', () => {
    const read: string[] = [];
    const upper = rememberLast((text) => {
      read.push(text);
      return text.toUpperCase();
    });
    expect([upper('oui'), upper('oui'), upper('non'), upper('oui')]).toEqual(['OUI', 'OUI', 'NON', 'OUI']);
    expect(read).toEqual(['oui', 'non', 'oui']);
  });

  it('remembers nothing of a reading that failed, and reads the empty text too', () => {
    let calls = 0;
    const picky = rememberLast((text) => {
      calls += 1;
      if (text === 'x') throw new Error('refused');
      return text.length;
    });
    expect(picky('')).toBe(0);
    expect(picky('')).toBe(0);
    expect(() => picky('x')).toThrow('refused');
    expect(() => picky('x')).toThrow('refused');
    expect(calls).toBe(3);
  });
});
