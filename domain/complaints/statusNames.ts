import { foldText } from '../format/textFolding';
import { LANGS, translator } from '../i18n';
import { COMPLAINT_STATUSES, ComplaintStatus } from './complaint';

/** « Prises en charge » → "prise en charge": folded, each word without a plural s. */
function nameKey(text: string): string {
  return foldText(text)
    .split(' ')
    .map((w) => (w.length > 3 ? w.replace(/s$/, '') : w))
    .join(' ');
}

let names: Map<string, ComplaintStatus> | undefined;

/** Every way staff write a status: its key and its French and English names as shown on screen. */
function statusNames(): Map<string, ComplaintStatus> {
  if (names) return names;
  names = new Map();
  for (const status of COMPLAINT_STATUSES) {
    names.set(nameKey(status), status);
    for (const lang of LANGS) names.set(nameKey(translator(lang)(`complaint:status.${status}`)), status);
  }
  return names;
}

/** « reçue », « RECUE », « prise en charge », “contacted” → the status key; undefined when it names none. */
export function parseStatusName(input: string): ComplaintStatus | undefined {
  return statusNames().get(nameKey(input));
}

/** A comma-separated list of statuses; the unknown names are returned apart, to be reported. */
export function parseStatusList(input: string): { statuses: ComplaintStatus[]; unknown: string[] } {
  const statuses: ComplaintStatus[] = [];
  const unknown: string[] = [];
  for (const part of input
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const status = parseStatusName(part);
    if (status) {
      if (!statuses.includes(status)) statuses.push(status);
    } else unknown.push(part);
  }
  return { statuses, unknown };
}
