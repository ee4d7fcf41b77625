import { z } from 'zod';
import { loadDataFile } from '../dataFile';

const source = z.object({ seed: z.string().min(1), section: z.string().min(1), note: z.string().optional() });
const fact = z.object({ sentences: z.array(z.string().regex(/^exam:/)).min(1), source });
const schema = z.object({ reviewed: z.string(), description: z.string(), facts: z.record(z.string(), fact) });

export type ExamSupportFacts = z.infer<typeof schema>;

let cached: ExamSupportFacts | undefined;

/**
 * Where each sentence the exam-problem conversation states comes from (data/exam-support.json): the
 * seed document and section behind every rule (priority, what to send, what the Centre does not do).
 */
export function examSupportFacts(): ExamSupportFacts {
  cached ??= loadDataFile('exam-support.json', schema);
  return cached;
}
