/**
 * What an application log may say about an error: its type, code and where it happened. Not the
 * message, because driver and validation messages can quote the values a person typed.
 */
export function errorSummary(err: unknown): { type: string; code?: string; at?: string } {
  if (!(err instanceof Error)) return { type: typeof err };
  const at = err.stack
    ?.split('\n')
    .slice(1, 6)
    .map((line) => line.trim())
    .join(' | ');
  return { type: err.name, code: (err as { code?: string }).code, at };
}
