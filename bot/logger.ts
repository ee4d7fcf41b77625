import pino, { Logger } from 'pino';

export type { Logger };

/**
 * The application log. It carries ids, counts and error names, never what a person typed: activity
 * text, e-mails, names and tokens go only to the masked interaction log or the complaint tables.
 * The redaction list is a safety net for fields that might slip in by mistake.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'assistant-ca-dotation' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'text',
          '*.text',
          'email',
          '*.email',
          'phone',
          '*.phone',
          'name',
          '*.name',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'req.headers.authorization',
          'token',
          '*.token',
          'body',
          '*.body',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
