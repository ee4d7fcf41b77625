import { ConfigError, isEmulatorMode, loadConfig } from '../../bot/config';

describe('loadConfig', () => {
  it('has working defaults: port 3978, embedded SQLite, Emulator mode, one year of interaction logs', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DATABASE_URL: 'sqlite:data/assistant.sqlite', LOG_LEVEL: 'info', INTERACTION_RETENTION_DAYS: 365 });
    expect(isEmulatorMode(config)).toBe(true);
  });

  it('accepts PostgreSQL URLs (postgres:// and postgresql://) with a pool size of 10 by default', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://assistant:secret@db.example:5432/assistant' })).toMatchObject({ DATABASE_POOL_MAX: 10 });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db.example/assistant?sslmode=require', DATABASE_POOL_MAX: '25' }).DATABASE_POOL_MAX).toBe(25);
    expect(() => loadConfig({ DATABASE_POOL_MAX: '1' })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres:/missing-slashes' })).toThrow(/DATABASE_URL/);
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

  it('takes an optional e-mail address for each named person, and the managers\' addresses', () => {
    const config = loadConfig({ ADMIN_TOKENS: 'staff:alice:aaaaaaaaaaaaaaaaaaaaaaaa:alice@x.ca', MANAGER_EMAILS: 'direction@x.ca' });
    expect(config.ADMIN_TOKENS).toEqual([{ role: 'staff', name: 'alice', token: 'aaaaaaaaaaaaaaaaaaaaaaaa', email: 'alice@x.ca' }]);
    expect(config.MANAGER_EMAILS).toEqual(['direction@x.ca']);
  });

  it.each([
    [{ ADMIN_TOKENS: 'boss:carol:cccccccccccccccccccccccc' }, 'ADMIN_TOKENS'],
    [{ ADMIN_TOKENS: 'staff:alice:short' }, 'ADMIN_TOKENS'],
    [{ ADMIN_TOKENS: 'staff:alice:aaaaaaaaaaaaaaaaaaaaaaaa:not-an-email' }, 'ADMIN_TOKENS'],
    [{ ADMIN_TOKENS: 'staff:alice:aaaaaaaaaaaaaaaaaaaaaaaa,manager:Alice:bbbbbbbbbbbbbbbbbbbbbbbb' }, 'ADMIN_TOKENS'],
    [{ MANAGER_EMAILS: 'direction' }, 'MANAGER_EMAILS'],
    [{ STAFF_EMAILS: 'not-an-email' }, 'STAFF_EMAILS'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://localhost:2525' }, 'REMINDER_FROM'],
    [{ SMTP_URL: 'smtp://localhost:2525', REMINDER_FROM: 'bot@x.ca' }, 'STAFF_EMAILS'],
    [{ REMINDER_CRON: 'every day' }, 'REMINDER_CRON'],
  ])('names the bad variable in %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });
});

describe('loadConfig, the HTTP edge', () => {
  it('has defaults for the edge limits, and no trusted proxy', () => {
    expect(loadConfig({})).toMatchObject({
      MAX_MESSAGE_CHARS: 4000,
      MAX_JSON_DEPTH: 32,
      MAX_ACTIVITY_VALUE_BYTES: 16384,
      REQUEST_BODY_TIMEOUT_MS: 5000,
      TRUST_PROXY: { kind: 'off' },
      MESSAGES_RATE_LIMIT_PER_MINUTE: 600,
    });
    expect(loadConfig({ TRUST_PROXY: 'loopback,10.0.0.1' }).TRUST_PROXY).toEqual({ kind: 'list', addresses: ['10.0.0.1'], loopback: true });
  });

  it.each([
    [{ MAX_MESSAGE_CHARS: '10' }, 'MAX_MESSAGE_CHARS'],
    [{ MAX_JSON_DEPTH: '1000' }, 'MAX_JSON_DEPTH'],
    [{ REQUEST_BODY_TIMEOUT_MS: 'soon' }, 'REQUEST_BODY_TIMEOUT_MS'],
    [{ TRUST_PROXY: 'proxy.example' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '50' }, 'TRUST_PROXY'],
    [{ MESSAGES_RATE_LIMIT_PER_MINUTE: '0' }, 'MESSAGES_RATE_LIMIT_PER_MINUTE'],
  ])('names the bad variable in %j', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });
});
