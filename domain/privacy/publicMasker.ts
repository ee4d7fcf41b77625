import { publicContactValues } from '../contacts';
import { PersonalInformationMasker } from './masking';

let shared: PersonalInformationMasker | undefined;

/** The masker that keeps the ministry's public contact values (data/contacts.json) readable; built once. */
export function publicInformationMasker(): PersonalInformationMasker {
  shared ??= new PersonalInformationMasker(publicContactValues());
  return shared;
}
