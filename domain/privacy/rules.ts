import { addressRule, birthDateRule, nameRule } from './cuedRules';
import { emailRule, healthCardRule, paymentCardRule, phoneRule, postalCodeRule, sinRule } from './numberRules';
import type { MaskingRule, PersonalInformationKind } from './rule';

/** The token that replaces each kind of personal information in stored text. */
export const MASKS: Record<PersonalInformationKind, string> = {
  email: '[courriel]',
  paymentCard: '[carte]',
  healthCard: '[assurance maladie]',
  sin: '[NAS]',
  phone: '[téléphone]',
  birthDate: '[date de naissance]',
  address: '[adresse]',
  postalCode: '[code postal]',
  name: '[nom]',
};

/**
 * In masking order: a card number before the shorter numbers it could contain, a date of birth before
 * a name cue could swallow it, names last.
 */
export const MASKING_RULES: readonly MaskingRule[] = [
  emailRule,
  paymentCardRule,
  healthCardRule,
  sinRule,
  phoneRule,
  birthDateRule,
  addressRule,
  postalCodeRule,
  nameRule,
];
