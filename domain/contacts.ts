import { z } from 'zod';
import { loadDataFile } from './dataFile';

const source = z.object({ seed: z.string().min(1), section: z.string().min(1), note: z.string().optional() });
const fact = z.object({ display: z.string().min(1), tel: z.string().optional(), source });
const bilingual = z.object({ fr: z.string(), en: z.string() });

const contactsSchema = z.object({
  reviewed: z.string(),
  caDotation: z.object({
    name: bilingual,
    phoneLocal: fact,
    phoneTollFree: fact,
    emailGeneral: fact,
    emailExam: fact,
    phoneAnswerTarget: z.object({ minutes: z.number(), percent: z.number(), source }),
  }),
  complaints: z.object({
    email: fact,
    firstContactBusinessDays: z.object({ days: z.number().int(), targetPercent: z.number(), source }),
    answerBusinessDays: z.object({ days: z.number().int(), targetPercent: z.number(), source }),
  }),
  protecteurDuCitoyen: z.object({ phone: fact, email: fact, web: fact, address: fact }),
  sct: z.object({
    complaintsOffice: z.object({ phone: fact, fax: fact, email: fact, address: fact }),
    general: z.object({ phone: fact, phoneTollFree: fact, email: fact, hours: fact, web: fact }),
  }),
  ministry: z.object({ name: bilingual, web: fact }),
});

export type Contacts = z.infer<typeof contactsSchema>;

let cached: Contacts | undefined;

/** Public contact facts, each traceable to a seed document (data/contacts.json). */
export function contacts(): Contacts {
  cached ??= loadDataFile('contacts.json', contactsSchema);
  return cached;
}

/** Every public phone number, address and e-mail: these are not personal information and stay readable in logs. */
export function publicContactValues(): string[] {
  const values: string[] = [];
  const walk = (node: unknown): void => {
    if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.display === 'string') values.push(record.display);
      for (const [key, child] of Object.entries(record)) if (key !== 'source') walk(child);
    }
  };
  walk(contacts());
  return values;
}
