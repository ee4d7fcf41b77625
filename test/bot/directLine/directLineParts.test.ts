import { randomBytes } from 'node:crypto';
import { RateLimiter } from '../../../bot/directLine/rateLimiter';
import { bearerToken, DirectLineTokens } from '../../../bot/directLine/tokens';
import { html, jsonForScript } from '../../../bot/web/html';
import { escapeHtml } from '../../../domain/format/html';
import { fixedClock } from '../../../domain/clock';

const NOW = '2026-11-23T15:00:00Z';
const nowSeconds = Date.parse(NOW) / 1000;

describe('DirectLineTokens', () => {
  const tokens = new DirectLineTokens(randomBytes(32));
  const grant = { conversationId: DirectLineTokens.newConversationId(), userId: DirectLineTokens.newUserId(), locale: 'fr-CA', exp: nowSeconds + 60 };

  it('verifies what it signed, until it expires', () => {
    const token = tokens.sign(grant);
    expect(tokens.verify(token, nowSeconds)).toEqual({ ok: true, grant });
    expect(tokens.verify(token, nowSeconds + 59).ok).toBe(true);
    expect(tokens.verify(token, nowSeconds + 60)).toEqual({ ok: false, reason: 'expired' });
    expect(tokens.sign(grant)).not.toBe(token); // a nonce makes every token different
  });

  it('rejects tampered, foreign and malformed tokens', () => {
    const token = tokens.sign(grant);
    const [payload, signature] = token.split('.');
    const longer = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), exp: nowSeconds + 99999 })).toString('base64url');
    expect(tokens.verify(`${longer}.${signature}`, nowSeconds)).toEqual({ ok: false, reason: 'invalid' });
    expect(new DirectLineTokens(randomBytes(32)).verify(token, nowSeconds)).toEqual({ ok: false, reason: 'invalid' });
    for (const bad of ['', '.', 'abc', `${payload}.`, `${payload}.${signature}.x`, 'x'.repeat(5000)]) {
      expect(tokens.verify(bad, nowSeconds)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('reads the bearer token of an Authorization header', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('RateLimiter', () => {
  it('allows n requests per key and minute, then says when to retry', () => {
    const clock = fixedClock(NOW);
    const limiter = new RateLimiter(clock, 2);
    expect(limiter.take('k')).toEqual({ allowed: true });
    expect(limiter.take('k')).toEqual({ allowed: true });
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.take('other')).toEqual({ allowed: true });
    clock.set(new Date(Date.parse(NOW) + 45_000));
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 15 });
    clock.set(new Date(Date.parse(NOW) + 60_000));
    expect(limiter.take('k')).toEqual({ allowed: true });
  });

  it('stays bounded under a flood of keys', () => {
    const limiter = new RateLimiter(fixedClock(NOW), 1, 100);
    for (let i = 0; i < 1000; i += 1) limiter.take(`k${i}`);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(100);
  });
});

describe('html escaping for the pages', () => {
  it('escapes every interpolated value, not the nested templates', () => {
    const h = html; // (so that prettier leaves the markup of these templates alone)
    const evil = `"><script>alert('x')</script>&`;
    expect(h`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>',
    );
    expect(h`<ul>${['a<', 'b'].map((x) => h`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(h`${undefined}${null}${false}${0}`.value).toBe('0');
    expect(escapeHtml("l'été")).toBe('l&#39;été');
  });

  it('embeds JSON that cannot close its <script> element', () => {
    const out = jsonForScript({ text: '</script><script>alert(1)</script>', sep: '\u2028' }).value;
    expect(out).not.toContain('<');
    expect(out).not.toContain('\u2028');
    expect(JSON.parse(out)).toEqual({ text: '</script><script>alert(1)</script>', sep: '\u2028' });
  });
});
