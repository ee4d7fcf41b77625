import { renderAdminPage } from '../../../bot/routes/adminPage';
import { i18n } from '../../../domain/i18n';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

describe('dashboard page', () => {
  let running: RunningTestApplication;

  beforeAll(async () => {
    running = await startTestApplication({ ADMIN_TOKENS: 'manager:bob:manager-token-bbbbbbbbbbbbbbbbbbbbbbbb' });
  });
  afterAll(async () => {
    await running.close();
  });

  it.each(['/admin', '/admin/complaints', '/admin/complaints/PL-2026-000001'])('serves %s without data, with a strict policy', async (path) => {
    const res = await fetch(`${running.botUrl}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<title>Plaintes et statistiques — Assistant du CA-dotation</title>');
    expect(html).not.toMatch(/\{\{(t:|lang|strings|view)/);
    expect(html).toContain(`data-view="${path === '/admin' ? 'dashboard' : path === '/admin/complaints' ? 'complaints' : 'complaint'}"`);
  });

  it('serves English with ?lang=en, and its own two assets only', async () => {
    expect(await (await fetch(`${running.botUrl}/admin?lang=en`)).text()).toContain('<html lang="en">');
    const js = await fetch(`${running.botUrl}/admin/assets/admin.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain("from './session.js'");
    // The token is kept in sessionStorage, by the module every staff page shares (the callbacks page too).
    expect(await (await fetch(`${running.botUrl}/admin/assets/session.js`)).text()).toContain('sessionStorage');
    expect(await (await fetch(`${running.botUrl}/admin/assets/callbacks.js`)).text()).toContain("from './session.js'");
    expect((await fetch(`${running.botUrl}/admin/assets/admin.css`)).status).toBe(200);
    for (const path of ['/admin/assets/index.html', '/admin/assets/..%2Fadmin.js', '/admin/assets/chat.js']) {
      const res = await fetch(`${running.botUrl}${path}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'NotFound', message: 'No such file.' } });
    }
  });

  it('escapes every text it renders, in the HTML and in the strings for the script', () => {
    const bundle = i18n().getResourceBundle('fr', 'admin') as { page: Record<string, unknown> };
    const saved = { title: bundle.page.title, loading: bundle.page.loading };
    i18n().addResource('fr', 'admin', 'page.title', '</title><script>alert(1)</script>"\'&');
    i18n().addResource('fr', 'admin', 'page.loading', '</script><script>alert(2)</script>\u2028');
    try {
      const html = renderAdminPage('<title>{{t:page.title}}</title><script type="application/json">{{strings}}</script>', 'fr', '/admin');
      expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;</title>');
      const json = /<script type="application\/json">(.*)<\/script>$/s.exec(html)![1];
      expect(json).not.toMatch(/<|>|\u2028/);
      expect((JSON.parse(json) as { page: { loading: string } }).page.loading).toBe('</script><script>alert(2)</script>\u2028');
    } finally {
      i18n().addResource('fr', 'admin', 'page.title', saved.title as string);
      i18n().addResource('fr', 'admin', 'page.loading', saved.loading as string);
    }
  });
});
