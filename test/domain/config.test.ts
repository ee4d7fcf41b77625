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
