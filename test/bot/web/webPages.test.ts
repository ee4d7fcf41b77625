import { startTestApplication, RunningTestApplication } from '../../helpers/testApplication';

function chatConfig(html: string): Record<string, unknown> {
  return JSON.parse(/<script type="application\/json" id="chat-config">([^<]*)<\/script>/.exec(html)![1]) as Record<string, unknown>;
}

describe('the chat page and the privacy policy', () => {
  let running: RunningTestApplication;

  beforeAll(async () => {
    running = await startTestApplication({ INTERACTION_RETENTION_DAYS: '200', COMPLAINT_RETENTION_DAYS: '400' });
  });
  afterAll(async () => {
    await running.close();
  });

  it('serves the chat page in French with strict security headers', async () => {
    const res = await fetch(`${running.botUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toBeNull(); // http here
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'sha256-/);
    // Its own origin, and the built-in Direct Line's WebSocket stream on that origin.
    expect(csp).toContain(`connect-src 'self' ws://${new URL(running.botUrl).host};`);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toContain('unsafe');

    const html = await res.text();
    expect(html).toContain('<html lang="fr-CA">');
    expect(html).toMatch(/<h1[^>]*>Clavarder avec l&#39;assistant virtuel du Centre d&#39;assistance en dotation<\/h1>/);
    expect(html).toContain('assistant automatisé, et non avec une personne');
    expect(html).toContain('Le registre des échanges est conservé 200 jours');
    expect(html).toContain('href="/confidentialite"');
    expect(html).toContain('418\u00a0528-7157');
    expect(html).toContain('href="tel:+18666723460"');
    // Web Chat and the fonts come from this server, never from a CDN.
    expect(html).toMatch(/<script src="\/assets\/webchat\.js\?v=[\w-]+" defer><\/script>/);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).not.toMatch(/<script>|\son\w+=/); // no inline script, no inline handler

    const config = chatConfig(html);
    expect(config).toMatchObject({ lang: 'fr', locale: 'fr-CA', mode: 'built-in', tokenUrl: '/api/directline/token' });
    expect(csp).toContain(`'nonce-${config.nonce as string}'`);
    expect((config.webChatStrings as Record<string, string>).TEXT_INPUT_PLACEHOLDER).toBe('Écrivez votre message');

    const again = await fetch(`${running.botUrl}/`);
    expect(chatConfig(await again.text()).nonce).not.toBe(config.nonce);
  });

  it('serves the English page with ?lang=en', async () => {
    const html = await (await fetch(`${running.botUrl}/?lang=en`)).text();
    expect(html).toContain('<html lang="en-CA">');
    expect(html).toContain('Chat with the virtual assistant of the Staffing Assistance Centre');
    expect(html).toContain('href="/confidentialite?lang=en"');
    expect(html).toContain('href="/" lang="fr" hreflang="fr">Français</a>');
    expect(chatConfig(html)).toMatchObject({ lang: 'en', locale: 'en-US' });
  });

  it('serves the privacy policy from the locales, with the retention periods of the configuration', async () => {
    const res = await fetch(`${running.botUrl}/confidentialite`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/connect-src 'none'/);
    const html = await res.text();
    expect(html).toMatch(/<h1[^>]*>Politique de confidentialité de l&#39;assistant virtuel<\/h1>/);
    expect(html).toContain('Le registre des échanges\u00a0: 200 jours');
    expect(html).toContain('description)\u00a0: 400 jours après la fermeture ou l&#39;abandon de la plainte');
    expect(html).toContain('dans un délai de 5 jours ouvrables');
    expect(html).toContain('dans un délai de 20 jours ouvrables');
    expect(html).toContain('<a href="mailto:commentaires-plaintes@mcn.gouv.qc.ca">commentaires-plaintes@mcn.gouv.qc.ca</a>');
    expect(html).toContain('masqués automatiquement');

    const en = await (await fetch(`${running.botUrl}/confidentialite?lang=en`)).text();
    expect(en).toContain('Privacy policy of the virtual assistant');
    expect(en).toContain('The record of exchanges: 200 days');
  });

  it('serves Web Chat, the fonts and the style sheet with long caching and gzip', async () => {
    const page = await (await fetch(`${running.botUrl}/`)).text();
    const webchatUrl = /src="(\/assets\/webchat\.js\?v=[\w-]+)"/.exec(page)![1];
    const res = await fetch(`${running.botUrl}${webchatUrl}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = res.headers.get('etag')!;
    expect(res.headers.get('content-encoding')).toBe('gzip'); // fetch decompresses it
    expect(await res.text()).toContain('botframework-webchat');
    expect((await fetch(`${running.botUrl}${webchatUrl}`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    const css = await fetch(`${running.botUrl}/assets/site.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('#095797');
    const font = await fetch(`${running.botUrl}/assets/fonts/open-sans-latin-400-normal.woff2`);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect((await fetch(`${running.botUrl}/assets/fonts/roboto-latin-700-normal.woff2`)).status).toBe(200);
    expect((await fetch(`${running.botUrl}/assets/fonts/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('the pages with a privacy policy elsewhere and HTTPS', () => {
  it('links to PRIVACY_POLICY_URL and sends HSTS', async () => {
    const running = await startTestApplication({
      PUBLIC_BASE_URL: 'https://assistant.example.ca',
      PRIVACY_POLICY_URL: 'https://www.quebec.ca/confidentialite-assistant',
    });
    try {
      const res = await fetch(`${running.botUrl}/`);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
      const html = await res.text();
      expect(html).toContain('href="https://www.quebec.ca/confidentialite-assistant"');
      expect(html).not.toContain('href="/confidentialite"');
    } finally {
      await running.close();
    }
  });
});
