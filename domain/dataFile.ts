import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { projectPath } from './paths';

/** Reads a JSON file under data/ and validates it, so a typo in the data stops the start with a clear message. */
export function loadDataFile<S extends z.ZodType>(relativePath: string, schema: S): z.infer<S> {
  const path = projectPath('data', relativePath);
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Invalid data file data/${relativePath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
