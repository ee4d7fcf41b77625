import { COMPLAINT_SERVICES, ComplaintService } from '../../domain/complaints/complaint';
import { LANGS, translator } from '../../domain/i18n';
import { bestMatch } from '../../domain/text/choices';

let phrases: Array<readonly [ComplaintService, string[]]> | undefined;

/**
 * The service a free-text answer names: « au téléphone », « par courriel », « l'examen en ligne »,
 * « SAGIR », “by phone”, with typos. The phrases are the buttons' labels and the synonyms of
 * locales/<lang>/complaint.json (serviceWords), in both languages; the longest matching phrase wins,
 * and a tie between two services is no answer (the question is asked again).
 */
export function matchService(text: string): ComplaintService | undefined {
  phrases ??= COMPLAINT_SERVICES.map((service) => [
    service,
    LANGS.flatMap((lang) => {
      const t = translator(lang);
      return [t(`complaint:services.${service}`), ...(t(`complaint:serviceWords.${service}`, { returnObjects: true }) as string[])];
    }),
  ]);
  return bestMatch(text, phrases);
}
