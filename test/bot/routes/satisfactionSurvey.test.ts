import { request } from 'node:http';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { surveyToken } from '../../../domain/satisfaction/surveyLink';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const KEY = 'cle-de-pseudonymisation-de-test-assez-longue';
const calendar = BusinessCalendar.fromDataFile();

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(url: string, options: { method?: string; body?: string; type?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) {
      headers['Content-Type'] = options.type ?? 'application/x-www-form-urlencoded';
      headers['Content-Length'] = String(Buffer.byteLength(options.body));
    }
    const req = request(url, { method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('the satisfaction survey page /satisfaction/<token>', () => {
  let running: RunningTestApplication;
  let closed: string;
  let open: string;
  const url = (token: string, query = '') => `${running.botUrl}/satisfaction/${encodeURIComponent(token)}${query}`;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

  beforeAll(async () => {
    const clock = fixedClock(calendar.instantAt('2026-11-23', 10, 0));
    running = await startTestApplication({ PSEUDONYM_KEY: KEY }, { clock });
    const complaints = running.app.services.complaints;
    const input = { name: 'Marie Tremblay', contactMethod: 'phone', contactValue: '819 555-0177', service: 'ca-dotation-email', description: 'Aucune réponse à mon courriel.' } as const;
    closed = (await complaints.create(input, { submissionId: 'survey-1' })).complaint.reference;
    open = (await complaints.create(input, { submissionId: 'survey-2' })).complaint.reference;
    await complaints.recordAnswer(closed, { actor: 'bob' });
    await complaints.close(closed, { actor: 'bob' });
  });
  afterAll(async () => running?.close());

  it('shows the one-question form in French, with nothing personal but the reference', async () => {
    const page = await send(url(surveyToken(closed, KEY)));
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.body).toContain('<html lang="fr');
    expect(page.body).toContain(`Plainte ${closed}`);
    expect(page.body).toContain('Quelle note donnez-vous à la façon dont votre plainte a été traitée?');
    expect(page.body.match(/type="radio"/g)).toHaveLength(5);
    for (const personal of ['Marie', 'Tremblay', '555-0177', 'Aucune réponse']) expect(page.body).not.toContain(personal);
    const english = await send(url(surveyToken(closed, KEY), '?lang=en'));
    expect(english.body).toContain('How would you rate the way your complaint was handled?');
    expect(english.body).toContain(`action="/satisfaction/${encodeURIComponent(surveyToken(closed, KEY))}?lang=en"`);
  });

  it('refuses hostile and forged tokens with a clear 4xx page, never a crash', async () => {
    const forged = surveyToken(closed, 'une-autre-cle-de-test-assez-longue');
    const tokens = [
      forged,
      surveyToken('PL-2026-999999', KEY), // signed, but no such complaint: the same answer as a forged one
      `${closed}.`,
      '<script>alert(1)</script>',
      "' or 1=1 --",
      'x'.repeat(5000),
      '%00%ff',
      '..%2F..%2Fetc%2Fpasswd',
      '\u202eLP',
    ];
    for (const token of tokens) {
      const get = await send(url(token));
      expect([token.slice(0, 20), get.status]).toEqual([token.slice(0, 20), 404]);
      // restify's router answers an over-long path itself (JSON 404) before any route.
      if (token.length < 1000) expect(get.body).toContain('Lien invalide');
      expect(get.body).not.toContain('<script>alert');
      const post = await send(url(token), { method: 'POST', body: form({ rating: '5' }) });
      expect(post.status).toBe(404);
    }
    expect(await running.app.db('satisfaction_ratings').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('says the survey is not open while the complaint is not closed (409)', async () => {
    const page = await send(url(surveyToken(open, KEY)));
    expect(page.status).toBe(409);
    expect(page.body).toContain('Sondage pas encore ouvert');
    expect((await send(url(surveyToken(open, KEY)), { method: 'POST', body: form({ rating: '4' }) })).status).toBe(409);
  });

  it('answers a bad form with 400 and its errors, then records one rating, masked, once', async () => {
    const token = surveyToken(closed, KEY);
    for (const body of [form({}), form({ rating: '6' }), form({ rating: '4', comment: 'x'.repeat(1001) }), 'rating=%E0%A4%A&&&==', form({ rating: '<b>3</b>' })]) {
      const bad = await send(url(token), { method: 'POST', body });
      expect(bad.status).toBe(400);
      expect(bad.body).toContain('Votre note n');
      expect(bad.body).not.toContain('<b>3</b>');
    }
    expect((await send(url(token), { method: 'POST', body: JSON.stringify({ rating: [5] }), type: 'application/json' })).status).toBe(400);
    expect((await send(url(token), { method: 'POST', body: 'rating=5', type: 'text/plain' })).status).toBe(415);

    const done = await send(url(token), { method: 'POST', body: form({ rating: '4', comment: "Merci. Mon courriel : marie.tremblay@exemple.ca, je m'appelle Marie Tremblay" }) });
    expect(done.status).toBe(200);
    expect(done.body).toContain('Votre note est enregistrée.');
    const again = await send(url(token), { method: 'POST', body: form({ rating: '1' }) });
    expect(again.status).toBe(409);
    expect(again.body).toContain('Une note a déjà été enregistrée');
    expect((await send(url(token))).body).toContain('Déjà reçu');
    const rows = await running.app.db('satisfaction_ratings').select('source', 'service', 'rating', 'comment', 'complaint_reference');
    expect(rows.map((r: Record<string, unknown>) => ({ ...r, rating: Number(r.rating) }))).toEqual([
      { source: 'complaint', service: 'ca-dotation-email', rating: 4, comment: "Merci. Mon courriel : [courriel], je m'appelle [nom]", complaint_reference: closed },
    ]);
  });

  it('keeps every other route JSON-only: a form is refused outside the survey', async () => {
    const refused = await send(`${running.botUrl}/api/messages`, { method: 'POST', body: form({ rating: '5' }) });
    expect(refused.status).toBe(415);
  });
});
