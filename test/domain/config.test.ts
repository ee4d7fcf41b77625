import { ConfigError, isEmulatorMode, loadConfig } from '../../bot/config';

describe('loadConfig', () => {
  it('has working defaults: port 3978, embedded SQLite, Emulator mode, one year of interaction logs', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DATABASE_URL: 'sqlite:data/assistant.sqlite', LOG_LEVEL: 'info', INTERACTION_RETENTION_DAYS: 365 });
    expect(isEmulatorMode(config)).toBe(true);
  });

  it('treats empty Microsoft variables as Emulator mode', () => {
    expect(isEmulatorMode(loadConfig({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: '', MicrosoftAppTenantId: '' }))).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ INTERACTION_RETENTION_DAYS: '0' }, 'INTERACTION_RETENTION_DAYS'],
    [{ MicrosoftAppId: 'abc' }, 'MicrosoftAppType'],
    [{ MicrosoftAppId: 'abc', MicrosoftAppType: 'MultiTenant' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    [{ MicrosoftAppType: 'Other' }, 'MicrosoftAppType'],
    [{ PSEUDONYM_KEY: 'short' }, 'PSEUDONYM_KEY'],
  ])('names the bad variable in %j', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(`${variable}:`);
  });
});

describe('loadConfig, later features', () => {
  it('derives the public and privacy-policy URLs', () => {
    expect(loadConfig({})).toMatchObject({ PUBLIC_BASE_URL: 'http://localhost:3978', PRIVACY_POLICY_URL: 'http://localhost:3978/confidentialite' });
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://assistant.example.ca/' }).PRIVACY_POLICY_URL).toBe('https://assistant.example.ca/confidentialite');
  });

  it('parses admin tokens and staff e-mails', () => {
    const config = loadConfig({ ADMIN_TOKENS: 'staff:alice:aaaaaaaaaaaaaaaaaaaaaaaa, manager:bob:bbbbbbbbbbbbbbbbbbbbbbbbbb', STAFF_EMAILS: 'a@x.ca; b@x.ca' });
    expect(config.ADMIN_TOKENS).toEqual([
      { role: 'staff', name: 'alice', token: 'aaaaaaaaaaaaaaaaaaaaaaaa' },
      { role: 'manager', name: 'bob', token: 'bbbbbbbbbbbbbbbbbbbbbbbbbb' },
    ]);
    expect(config.STAFF_EMAILS).toEqual(['a@x.ca', 'b@x.ca']);
  });

  it.each([
    [{ ADMIN_TOKENS: 'boss:carol:cccccccccccccccccccccccc' }, 'ADMIN_TOKENS'],
    [{ ADMIN_TOKENS: 'staff:alice:short' }, 'ADMIN_TOKENS'],
    [{ STAFF_EMAILS: 'not-an-email' }, 'STAFF_EMAILS'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://localhost:2525' }, 'REMINDER_FROM'],
    [{ SMTP_URL: 'smtp://localhost:2525', REMINDER_FROM: 'bot@x.ca' }, 'STAFF_EMAILS'],
    [{ REMINDER_CRON: 'every day' }, 'REMINDER_CRON'],
  ])('names the bad variable in %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });
});
