import { z } from 'zod';
import { loadDataFile } from '../dataFile';
import type { Lang } from '../i18n';

const source = z.object({ seed: z.string().min(1), section: z.string().min(1), note: z.string().optional() });
const bilingual = z.object({ fr: z.string().min(1), en: z.string().min(1) });
const cited = bilingual.extend({ source });

const commitmentsSchema = z.object({
  reviewed: z.string(),
  satisfaction: z.object({
    /** The satisfaction target the seeds publish for these services: none (null) today. */
    targetPercent: z.number().min(0).max(100).nullable(),
    noTarget: cited,
    qualityCommitments: z.object({ intro: bilingual, items: z.array(bilingual).min(1), source }),
    scope: cited,
    rateDefinition: cited.extend({ satisfiedFrom: z.number().int().min(1).max(5) }),
  }),
  /** The cited documents' names, so that managers read « Déclaration de services… (2022) », never a seed file's name. */
  documents: z.record(z.string(), bilingual),
});

export type Commitments = z.infer<typeof commitmentsSchema>;

let cached: Commitments | undefined;

/** What the service declarations commit to about the quality of services (data/commitments.json, each text cited). */
export function commitments(): Commitments {
  cached ??= loadDataFile('commitments.json', commitmentsSchema);
  return cached;
}

/** The commitments in one language, as managers read them beside the satisfaction rates. */
export interface CommitmentsView {
  targetPercent: number | null;
  /** Why no target is shown, when the seeds publish none. */
  noTarget: string | null;
  intro: string;
  items: string[];
  scope: string;
  rateDefinition: string;
  satisfiedFrom: number;
  /** The documents cited, by name, with the section of each. */
  sources: Array<{ document: string; section: string }>;
}

export function commitmentsView(lang: Lang): CommitmentsView {
  const { satisfaction: s, documents } = commitments();
  const seen = new Set<string>();
  const sources = [s.qualityCommitments.source, s.scope.source, s.rateDefinition.source, s.noTarget.source]
    .map(({ seed, section }) => ({ document: documents[seed]?.[lang] ?? seed, section: section.split(' > ')[0] }))
    .filter((c) => !seen.has(`${c.document}|${c.section}`) && seen.add(`${c.document}|${c.section}`));
  return {
    targetPercent: s.targetPercent,
    noTarget: s.targetPercent === null ? s.noTarget[lang] : null,
    intro: s.qualityCommitments.intro[lang],
    items: s.qualityCommitments.items.map((i) => i[lang]),
    scope: s.scope[lang],
    rateDefinition: s.rateDefinition[lang],
    satisfiedFrom: s.rateDefinition.satisfiedFrom,
    sources,
  };
}
