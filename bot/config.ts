import { z } from 'zod';
import { parseTrustProxy, TrustProxy } from './edge/clientAddress';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
const cron = z
  .string()
  .trim()
  .regex(/^\S+(\s+\S+){4,5}$/, 'must be a cron expression with 5 or 6 fields');
const positiveInt = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const email = z.email('must be an e-mail address');

export type AdminRole = 'staff' | 'manager';
export interface AdminToken {
  role: AdminRole;
  name: string;
  token: string;
  /** Where this person's reminders go (complaints assigned to them); optional. */
  email?: string;
}

/**
 * ADMIN_TOKENS="staff:alice:<token>:alice@example.org,manager:bob:<token>": role, a name for the audit
 * trail, a secret of 24+ characters, and optionally the person's e-mail address.
 */
const adminTokens = z
  .string()
  .optional()
  .transform((value, ctx): AdminToken[] => {
    const tokens: AdminToken[] = [];
    for (const entry of (value ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const [role, name, token, address, ...rest] = entry.split(':');
      if (rest.length || (role !== 'staff' && role !== 'manager') || !name || !token || token.length < 24) {
        ctx.addIssue({
          code: 'custom',
          message: 'each entry must be role:name:token or role:name:token:email, with role staff or manager and a token of at least 24 characters',
        });
        return z.NEVER;
      }
      if (address !== undefined && !email.safeParse(address).success) {
        ctx.addIssue({ code: 'custom', message: `the e-mail address of "${name}" is not an e-mail address` });
        return z.NEVER;
      }
      if (tokens.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
        ctx.addIssue({ code: 'custom', message: `the name "${name}" is used twice: each person needs one name` });
        return z.NEVER;
      }
      tokens.push(address ? { role, name, token, email: address } : { role, name, token });
    }
    return tokens;
  });

const emailList = z
  .string()
  .optional()
  .transform((value, ctx): string[] => {
    const list = (value ?? '')
      .split(/[,;]/)
      .map((e) => e.trim())
      .filter(Boolean);
    for (const address of list) {
      if (!email.safeParse(address).success) {
        ctx.addIssue({ code: 'custom', message: `"${address}" is not an e-mail address` });
        return z.NEVER;
      }
    }
    return list;
  });

/**
 * Every environment variable the server and the CLI read, validated once at start, so that a typo
 * stops the start with the variable's name instead of failing later. Listed in docs/configuration.md.
 */
export const configSchema = z
  .object({
    PORT: positiveInt(0, 65535, 3978),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)/i, 'must look like sqlite:<path> (e.g. sqlite:data/assistant.sqlite) or postgres://user:password@host:5432/db')
      .default('sqlite:data/assistant.sqlite'),
    // PostgreSQL connections per process (SQLite always uses one).
    DATABASE_POOL_MAX: positiveInt(2, 100, 10),
    LOG_LEVEL: logLevel.default('info'),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
      .pipe(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
    MicrosoftAppTenantId: optionalText,
    INTERACTION_RETENTION_DAYS: positiveInt(1, 3650, 365),
    INTERACTION_PURGE_CRON: cron.default('30 2 * * *'),
    PSEUDONYM_KEY: optionalText.pipe(z.string().min(16, 'must have at least 16 characters').optional()),
    MAX_BODY_BYTES: positiveInt(1024, 10 * 1024 * 1024, 256 * 1024),
    MAX_MESSAGE_CHARS: positiveInt(100, 100_000, 4000),
    MAX_JSON_DEPTH: positiveInt(4, 256, 32),
    MAX_ACTIVITY_VALUE_BYTES: positiveInt(256, 1024 * 1024, 16 * 1024),
    REQUEST_BODY_TIMEOUT_MS: positiveInt(500, 120_000, 5000),
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((value, ctx): TrustProxy => {
        const parsed = parseTrustProxy(value);
        if (parsed) return parsed;
        ctx.addIssue({ code: 'custom', message: 'must be off, a number of proxy hops (1 to 10), or proxy addresses separated by commas (or loopback)' });
        return z.NEVER;
      }),
    MESSAGES_RATE_LIMIT_PER_MINUTE: positiveInt(1, 1_000_000, 600),
    SHUTDOWN_GRACE_MS: positiveInt(0, 120000, 10000),

    PRIVACY_POLICY_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    COMPLAINT_RETENTION_DAYS: positiveInt(30, 3650, 730),
    COMPLAINT_PURGE_CRON: cron.default('45 2 * * *'),
    STATE_RETENTION_DAYS: positiveInt(1, 3650, 30),
    STATE_PURGE_CRON: cron.default('15 2 * * *'),
    // Callback requests (issue 16): personal information erased this many days after the request.
    CALLBACK_RETENTION_DAYS: positiveInt(7, 3650, 90),
    CALLBACK_PURGE_CRON: cron.default('50 2 * * *'),
    // A slot ending within this many minutes without a call is signalled once to its officer (or MANAGER_EMAILS).
    CALLBACK_REMINDER_MINUTES: positiveInt(0, 480, 60),
    CALLBACK_REMINDER_CRON: cron.default('*/10 * * * 1-5'),
    COMPLAINT_LOOKUP_REFERENCE_MAX_FAILURES: positiveInt(1, 100, 5),
    COMPLAINT_LOOKUP_REFERENCE_WINDOW_MINUTES: positiveInt(1, 1440, 60),
    COMPLAINT_LOOKUP_REFERENCE_LOCK_MINUTES: positiveInt(1, 720, 60),
    COMPLAINT_LOOKUP_ADDRESS_MAX_FAILURES: positiveInt(1, 1000, 10),
    COMPLAINT_LOOKUP_ADDRESS_WINDOW_MINUTES: positiveInt(1, 1440, 15),
    COMPLAINT_LOOKUP_ADDRESS_LOCK_MINUTES: positiveInt(1, 720, 15),

    SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional()),
    REMINDER_FROM: optionalText.pipe(email.optional()),
    STAFF_EMAILS: emailList,
    // The managers' address(es): escalations of overdue complaints.
    MANAGER_EMAILS: emailList,
    REMINDER_CRON: cron.default('0 8 * * 1-5'),
    REMINDER_AT_RISK_FIRST_CONTACT_DAYS: positiveInt(0, 4, 1),
    REMINDER_AT_RISK_ANSWER_DAYS: positiveInt(0, 19, 3),
    // Business days overdue before a complaint is signalled to MANAGER_EMAILS (once per complaint and clock).
    REMINDER_ESCALATION_BUSINESS_DAYS: positiveInt(1, 60, 3),
    // Sender of the e-mails to complainants (acknowledgement, answer); REMINDER_FROM when unset.
    CITIZEN_MAIL_FROM: optionalText.pipe(email.optional()),

    ADMIN_TOKENS: adminTokens,
    // Who runs the staff command line (a name from ADMIN_TOKENS), when --as is not given.
    STAFF_NAME: optionalText.pipe(z.string().max(100).optional()),

    DIRECT_LINE_SECRET: optionalText,
    // https only; plain http is accepted for a loopback host (a local fake Direct Line in tests).
    DIRECT_LINE_ENDPOINT: z
      .url({ protocol: /^https?$/ })
      .refine((u) => u.startsWith('https:') || /^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/.test(u), 'must be an https URL')
      .default('https://directline.botframework.com/v3/directline'),
    DIRECT_LINE_TOKEN_TTL_SECONDS: positiveInt(60, 86400, 1800),
    DIRECT_LINE_RATE_LIMIT_PER_MINUTE: positiveInt(1, 10000, 60),
    // The built-in Direct Line's history (what citizens typed, unmasked): purged daily with the state.
    DIRECT_LINE_RETENTION_HOURS: positiveInt(1, 8760, 24),

    // Live help (docs/conversations.md): hand the chat to a person during opening hours. Off by default.
    LIVE_HELP_ENABLED: z
      .string()
      .optional()
      .transform((v) => (v ?? '').trim().toLowerCase())
      .pipe(z.enum(['', 'true', 'false', '1', '0']))
      .transform((v) => v === 'true' || v === '1'),
    // Above this expected wait (minutes), live help is not offered.
    LIVE_HELP_MAX_WAIT_MINUTES: positiveInt(1, 240, 15),
    // A citizen nobody took within this time leaves the queue (and is given the phone numbers).
    LIVE_HELP_QUEUE_TIMEOUT_MINUTES: positiveInt(1, 480, 30),
    // An agent's console silent this long is offline: their conversations go back to the queue.
    LIVE_HELP_AGENT_GRACE_SECONDS: positiveInt(10, 3600, 60),
    // The handling time the wait estimate assumes until five sessions have ended.
    LIVE_HELP_HANDLING_MINUTES: positiveInt(1, 120, 8),
    // Ended sessions, their messages and the agents' notes are purged after this many days.
    LIVE_HELP_RETENTION_DAYS: positiveInt(1, 3650, 365),
  })
  .superRefine((c, ctx) => {
    if (c.MicrosoftAppId && !c.MicrosoftAppType) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppType'],
        message: 'is required when MicrosoftAppId is set (MultiTenant, SingleTenant or UserAssignedMSI)',
      });
    }
    if (c.MicrosoftAppType === 'SingleTenant' && !c.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required for a SingleTenant bot' });
    }
    if (c.MicrosoftAppId && c.MicrosoftAppType !== 'UserAssignedMSI' && !c.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (c.SMTP_URL && !c.REMINDER_FROM) {
      ctx.addIssue({ code: 'custom', path: ['REMINDER_FROM'], message: 'is required when SMTP_URL is set' });
    }
    if (c.SMTP_URL && c.STAFF_EMAILS.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['STAFF_EMAILS'], message: 'needs at least one address when SMTP_URL is set' });
    }
  })
  .transform((c) => {
    const publicBaseUrl = (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT || 3978}`).replace(/\/+$/, '');
    return { ...c, PUBLIC_BASE_URL: publicBaseUrl, PRIVACY_POLICY_URL: c.PRIVACY_POLICY_URL ?? `${publicBaseUrl}/confidentialite` };
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from an environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
  }
  return parsed.data;
}

/** Emulator mode: no app id, so inbound activities are not authenticated. */
export function isEmulatorMode(config: Config): boolean {
  return !config.MicrosoftAppId;
}
