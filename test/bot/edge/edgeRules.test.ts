import { emulatorServiceUrlProblem } from '../../../bot/activityValidation';
import { countChars, firstChars, markOversizedText, oversizedTextOf } from '../../../bot/edge/activityLimits';
import { isLoopbackAddress, parseTrustProxy, resolveClientAddress } from '../../../bot/edge/clientAddress';
import { isLocalCaller } from '../../../bot/edge/emulatorGuard';
import { isJsonUtf8 } from '../../../bot/edge/jsonBody';
import { jsonNestingExceeds } from '../../../bot/edge/jsonDepth';

describe('client address and trusted proxies', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['[::1]', true],
    ['10.0.0.5', false],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.1', false],
    ['fe80::1', false],
    ['2001:db8::1', false],
    ['unknown', false],
    ['', false],
  ])('%s is loopback: %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
    expect(isLocalCaller(address, false)).toBe(expected);
    expect(isLocalCaller(address, true)).toBe(false);
  });

  it('parses TRUST_PROXY', () => {
    expect(parseTrustProxy(undefined)).toEqual({ kind: 'off' });
    expect(parseTrustProxy(' off ')).toEqual({ kind: 'off' });
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustProxy('10.0.0.1, loopback, ::ffff:10.0.0.2')).toEqual({ kind: 'list', addresses: ['10.0.0.1', '10.0.0.2'], loopback: true });
    expect(parseTrustProxy('11')).toBeUndefined();
    expect(parseTrustProxy('proxy.example')).toBeUndefined();
  });

  it('believes X-Forwarded-For only as far as the trusted proxies go', () => {
    const off = parseTrustProxy('off')!;
    const oneHop = parseTrustProxy('1')!;
    const list = parseTrustProxy('10.0.0.1,10.0.0.2')!;
    expect(resolveClientAddress('10.0.0.1', '203.0.113.9', off)).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', '1.2.3.4, 203.0.113.9', oneHop)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.1', '1.2.3.4, 203.0.113.9, 10.0.0.2', list)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.9.9.9', '203.0.113.9', list)).toBe('10.9.9.9');
    expect(resolveClientAddress('10.0.0.1', 'garbage', oneHop)).toBe('10.0.0.1');
    expect(resolveClientAddress('::ffff:10.0.0.1', undefined, oneHop)).toBe('10.0.0.1');
  });
});

describe('Emulator serviceUrl', () => {
  it.each([
    ['http://127.0.0.1:5000', undefined],
    ['http://localhost:5000/emulator', undefined],
    ['http://[::1]:5000', undefined],
    ['http://example.org/', 'local'],
    ['http://127.0.0.1:3978/api', 'own port'],
    ['http://127.0.0.1:5000/x?y=', 'query'],
    ['http://127.0.0.1:5000/#x', 'query'],
    ['http://a:b@127.0.0.1:5000/', 'credentials'],
  ])('%s → %s', (url, problem) => {
    const found = emulatorServiceUrlProblem(url, 3978);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

describe('body rules', () => {
  it('finds nesting beyond a limit without parsing, ignoring brackets in strings', () => {
    expect(jsonNestingExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonNestingExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonNestingExceeds(`{"a":"${'['.repeat(100)}\\"["}`, 1)).toBe(false);
    expect(jsonNestingExceeds('['.repeat(1_000_000), 32)).toBe(true);
  });

  it.each([
    ['application/json', true],
    ['Application/JSON; charset=UTF-8', true],
    ['application/json; charset="utf8"', true],
    ['application/ld+json', true],
    ['application/json; charset=utf-16', false],
    ['multipart/form-data; boundary=x', false],
    ['application/x-www-form-urlencoded', false],
    ['text/json', false],
    ['application/jsonp', false],
    [undefined, false],
  ])('%s is JSON in UTF-8: %s', (type, expected) => {
    expect(isJsonUtf8(type)).toBe(expected);
  });

  it('counts characters as a person does and cuts between them', () => {
    expect(countChars('a😀b')).toBe(3);
    expect(firstChars('😀😀😀', 2)).toBe('😀😀');
    expect(firstChars('ab', 5)).toBe('ab');
  });

  it('replaces an over-long text by a marker, and drops a marker the client sent', () => {
    const activity: Record<string, unknown> = { type: 'message', text: 'x'.repeat(11) };
    expect(markOversizedText(activity, 10)).toEqual({ chars: 11, max: 10 });
    expect(activity.text).toBe('[message trop long de 11 caractères, non lu et non conservé]');
    expect(oversizedTextOf(activity)).toEqual({ chars: 11, max: 10 });
    const forged: Record<string, unknown> = { type: 'message', text: 'court', oversizedText: { chars: 1, max: 1 } };
    expect(markOversizedText(forged, 10)).toBeUndefined();
    expect(oversizedTextOf(forged)).toBeUndefined();
    expect(markOversizedText({ text: '😀'.repeat(10) }, 10)).toBeUndefined();
  });
});
