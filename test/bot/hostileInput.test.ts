import { DirectLineTestClient } from '../helpers/directLineClient';
import { isolatedTmpdir, rawRequest, RawResponse } from '../helpers/rawHttp';
import { RunningTestApplication, startTestApplication } from '../helpers/testApplication';

/**
 * Generated hostile requests (fixed seed, so a failure reproduces) against /api/messages and the
 * built-in Direct Line. Each must get a 4xx or a normal answer, never a 5xx or no answer; after each
 * batch the server must still answer /healthz at once, and nothing may appear in the temporary folder.
 */
const SEED = 0x11c0ffee;
const MAX_CHARS = 4000;
const MAX_BODY = 262_144;
const BATCH = 12;

interface Case {
  label: string;
  target: 'messages' | 'directLine' | 'token';
  method?: string;
  headers?: Array<[string, string]>;
  body?: Buffer | string;
  /** The path after the Direct Line conversation, when not its activities. */
  path?: string;
  token?: string | null;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];
const nested = (levels: number, open = '[', close = ']') => `${open.repeat(levels)}${close.repeat(levels)}`;
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const ODD_TEXTS = [
  '\u202Eenilno nemaxe\u202C',
  '\u2066\u2067\u2068isolates\u2069',
  'nul\u0000char',
  '\u0007\u0008\u001b[31mansi',
  '\ufeffbom inside',
  'zero\u200bwidth\u200djoiner',
  '\ud800 lone high',
  '\udfff lone low',
  'e\u0301\u0301\u0301\u0301\u0301 combining',
  'ｐａｒｌｅｒ à une personne',
  '𝔭𝔞𝔯𝔩𝔢𝔯',
  '<script>alert(1)</script>',
  '{{t "x"}} ${x} %s %n',
  'a'.repeat(MAX_CHARS - 1) + '😀',
];
const WRONG_VALUES: unknown[] = [null, 0, -1, 1e308, true, [], {}, '', 'x'.repeat(600), [1, { a: [] }], { id: 5 }, { id: '' }, '\u0000'];
const FIELDS = [
  'type',
  'id',
  'channelId',
  'serviceUrl',
  'conversation',
  'from',
  'recipient',
  'text',
  'locale',
  'timestamp',
  'localTimestamp',
  'value',
  'channelData',
  'entities',
  'attachments',
  'membersAdded',
  'replyToId',
  'textFormat',
  'deliveryMode',
  'suggestedActions',
  'name',
  'recipient.id',
  'from.id',
  'conversation.id',
];

function generate(rand: () => number, base: () => Record<string, unknown>, target: Case['target']): Case[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const json = (label: string, body: unknown): Case => ({ label, target, headers: [JSON_TYPE], body: JSON.stringify(body) });
  const cases: Case[] = [];

  for (const size of [0, 1, MAX_CHARS - 1, MAX_CHARS, MAX_CHARS + 1, MAX_CHARS * 3, 50_000, MAX_BODY - 1000, MAX_BODY + 1]) {
    cases.push(json(`text of ${size} characters`, { ...base(), text: 'é'.repeat(size) }));
  }
  for (const levels of [1, 16, 30, 31, 32, 33, 100, 5_000, 15_000]) {
    const where = pick(['value', 'channelData', 'entities', 'zzz']);
    const body = JSON.stringify(base()).replace(/}$/, `,"${where}":${rand() < 0.5 ? nested(levels) : deepObject(levels)}}`);
    cases.push({ label: `${levels} levels in ${where}`, target, headers: [JSON_TYPE], body });
  }
  for (let i = 0; i < FIELDS.length * 4; i += 1) {
    const field = FIELDS[i % FIELDS.length];
    const value = pick(WRONG_VALUES);
    const activity = base();
    const [outer, inner] = field.split('.');
    if (inner) activity[outer] = { ...(activity[outer] as object), [inner]: value };
    else activity[outer] = value;
    cases.push(json(`${field} = ${JSON.stringify(value)?.slice(0, 20)}`, activity));
  }
  for (const text of ODD_TEXTS) cases.push(json(`odd text ${JSON.stringify(text.slice(0, 12))}`, { ...base(), text }));
  const valid = JSON.stringify({ ...base(), text: 'bonjour' });
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
  const rawBodies: Array<[string, Buffer | string]> = [
    ['invalid UTF-8', bytes(valid.replace('bonjour"', ''), [0xc3, 0x28, 0xa0, 0xa1, 0xff], '"}')],
    ['overlong UTF-8', bytes(valid.replace('bonjour"', ''), [0xc0, 0xaf, 0xe0, 0x80, 0xaf], '"}')],
    ['UTF-8 BOM', bytes([0xef, 0xbb, 0xbf], valid)],
    ['UTF-16LE body', Buffer.from(valid, 'utf16le')],
    ['empty object', '{}'],
    ['null', 'null'],
    ['array', '[]'],
    ['string', '"bonjour"'],
    ['huge number', '1e999'],
    ['truncated JSON', valid.slice(0, valid.length / 2)],
    ['duplicate keys', valid.replace(/^{/, '{"type":"event","type":"message",')],
    ['__proto__ key', valid.replace(/^{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},')],
    ['whitespace only', '   \n\t  '],
    ['NUL bytes', bytes([0, 0, 0, 0])],
    ['unbalanced brackets', ']]]]}}}}[[[['],
    ['many keys', `{${Array.from({ length: 5000 }, (_, i) => `"k${i}":${i}`).join(',')}}`],
  ];
  for (const [label, body] of rawBodies) cases.push({ label, target, headers: [JSON_TYPE], body });
  const contentTypes: Array<string | undefined> = [
    'multipart/form-data; boundary=zz',
    'application/x-www-form-urlencoded',
    'text/plain',
    undefined,
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'APPLICATION/JSON; CHARSET=UTF-8',
    'application/json; boundary=x; charset=utf-8',
    'application/octet-stream',
    'application/jsonx',
    '',
  ];
  for (const type of contentTypes) {
    const body = type?.startsWith('multipart')
      ? `--zz\r\nContent-Disposition: form-data; name="f"; filename="x.bin"\r\n\r\n${'B'.repeat(50_000)}\r\n--zz--\r\n`
      : valid;
    cases.push({ label: `Content-Type ${type}`, target, headers: type === undefined ? [] : [['Content-Type', type]], body });
  }
  const headerCases: Array<[string, Array<[string, string]>, string | Buffer]> = [
    ['huge header', [JSON_TYPE, ['X-Padding', 'h'.repeat(20_000)]], valid],
    ['many headers', [JSON_TYPE, ...Array.from({ length: 300 }, (_, i): [string, string] => [`X-H${i}`, String(i)])], valid],
    ['duplicate Content-Type', [JSON_TYPE, ['Content-Type', 'multipart/form-data; boundary=zz']], valid],
    ['conflicting Content-Length', [JSON_TYPE, ['Content-Length', String(valid.length)], ['Content-Length', '3']], valid],
    ['Content-Length shorter than the body', [JSON_TYPE, ['Content-Length', '10']], valid],
    ['negative Content-Length', [JSON_TYPE, ['Content-Length', '-5']], valid],
    ['Content-Length beyond the cap', [JSON_TYPE, ['Content-Length', String(50 * 1024 * 1024)]], valid],
    ['chunked body', [JSON_TYPE, ['Transfer-Encoding', 'chunked']], `${valid.length.toString(16)}\r\n${valid}\r\n0\r\n\r\n`],
    ['bad chunk size', [JSON_TYPE, ['Transfer-Encoding', 'chunked']], `zz\r\n${valid}\r\n0\r\n\r\n`],
    ['gzip encoding', [JSON_TYPE, ['Content-Encoding', 'gzip']], valid],
    ['deflate, br', [JSON_TYPE, ['Content-Encoding', 'deflate, br']], valid],
    ['garbage X-Forwarded-For', [JSON_TYPE, ['X-Forwarded-For', '999.1.1.1, <script>, ::g']], valid],
    ['garbage Authorization', [JSON_TYPE, ['Authorization', 'Bearer \u00ff\u00fe'.repeat(100)]], valid],
    ['Expect: 100-continue', [JSON_TYPE, ['Expect', '100-continue']], valid],
    ['Connection: keep-alive', [JSON_TYPE, ['Connection', 'keep-alive']], valid],
  ];
  for (const [label, headers, body] of headerCases) cases.push({ label, target, headers, body });
  // Sent shorter than announced: answered 408 after the body timeout.
  cases.push({ label: 'body stops halfway', target, headers: [JSON_TYPE, ['Content-Length', String(valid.length * 2)]], body: valid });
  for (const method of ['PUT', 'PATCH', 'DELETE', 'GET', 'OPTIONS', 'HEAD'])
    cases.push({ label: `${method}`, target, method, headers: [JSON_TYPE], body: valid });
  return cases;
}

describe('hostile input (generated, fixed seed)', () => {
  let running: RunningTestApplication;
  let dl: DirectLineTestClient;

  beforeAll(async () => {
    running = await startTestApplication({
      REQUEST_BODY_TIMEOUT_MS: '1000',
      MESSAGES_RATE_LIMIT_PER_MINUTE: '100000',
      DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '10000',
    });
    dl = new DirectLineTestClient(running.botUrl);
  });
  afterAll(async () => {
    await running.close();
  });

  it('answers every one with a 4xx or a normal answer, and keeps serving', async () => {
    const rand = mulberry32(SEED);
    const client = running.client();
    const { conversationId, token } = await dl.conversation();
    const messages = generate(rand, () => client.activity({ type: 'message', text: 'bonjour' }) as Record<string, unknown>, 'messages');
    const directLine = generate(rand, () => ({ type: 'message', text: 'bonjour', locale: 'fr-CA', from: { id: 'r_web' } }), 'directLine');
    const tokens: Case[] = [
      { label: 'no token', target: 'directLine', token: null, headers: [JSON_TYPE], body: '{"type":"message"}' },
      { label: 'garbage token', target: 'directLine', token: 'x.y', headers: [JSON_TYPE], body: '{"type":"message"}' },
      { label: 'huge token', target: 'directLine', token: 'a'.repeat(12_000), headers: [JSON_TYPE], body: '{"type":"message"}' },
      { label: 'upload', target: 'directLine', path: 'upload', headers: [['Content-Type', 'multipart/form-data; boundary=zz']], body: '--zz--' },
      { label: 'token route, deep', target: 'token', headers: [JSON_TYPE], body: `{"locale":${nested(20_000)}}` },
      { label: 'token route, wrong locale type', target: 'token', headers: [JSON_TYPE], body: '{"locale":{"x":1}}' },
      { label: 'token route, multipart', target: 'token', headers: [['Content-Type', 'multipart/form-data; boundary=zz']], body: '--zz--' },
    ];
    const all = [...messages, ...directLine, ...tokens];
    expect(all.length).toBeGreaterThanOrEqual(150);

    // Every message is logged or refused: a log entry that fails is reported by botbuilder on the console.
    const consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const tmp = isolatedTmpdir();
    const before = tmp.files();
    const failures: string[] = [];
    try {
      for (let i = 0; i < all.length; i += BATCH) {
        const batch = all.slice(i, i + BATCH);
        const results = await Promise.all(
          batch.map(async (c): Promise<[Case, RawResponse | Error]> => {
            const headers = [...(c.headers ?? [])];
            let path = '/api/messages';
            if (c.target === 'token') path = '/api/directline/token';
            if (c.target === 'directLine') {
              path = `/v3/directline/conversations/${conversationId}/${c.path ?? 'activities'}`;
              const bearer = c.token === undefined ? token : c.token;
              if (bearer !== null) headers.push(['Authorization', `Bearer ${bearer}`]);
            }
            try {
              return [c, await rawRequest(running.botUrl, { method: c.method ?? 'POST', path, headers, body: c.body }, 8000)];
            } catch (err) {
              return [c, err as Error];
            }
          }),
        );
        for (const [c, result] of results) {
          if (result instanceof Error) failures.push(`${c.target} ${c.label}: ${result.message}`);
          else if (result.status >= 500 || result.status < 200) failures.push(`${c.target} ${c.label}: ${result.status} ${result.body.slice(0, 200)}`);
        }
        const started = Date.now();
        const health = await fetch(`${running.botUrl}/healthz`);
        if (health.status !== 200 || Date.now() - started > 1000)
          failures.push(`after batch ${i / BATCH}: /healthz ${health.status} in ${Date.now() - started} ms`);
        const files = tmp.files();
        if (files.join() !== before.join()) failures.push(`after batch ${i / BATCH}: new files in the temporary folder: ${files.join(', ')}`);
      }
    } finally {
      tmp.restore();
      consoleErrors.mockRestore();
    }
    await running.app.transcriptStore.flush();
    expect(failures).toEqual([]);
    expect(consoleErrors.mock.calls.map((args) => String(args[0]))).toEqual([]);

    // Both endpoints still hold a conversation.
    expect((await dl.request('GET', `/conversations/${conversationId}/activities`, token)).status).toBe(200);
    const fresh = running.client();
    await fresh.say('parler à une personne');
    const [reply] = await running.receiver.waitForMessages(fresh.conversationId, 1);
    expect(reply.text).toContain('418\u00a0528-7157');
  }, 90_000);
});
