/**
 * A date typed as AAAA-MM-JJ whatever the browser's language: `<input type="date">` would show the
 * browser's own format (mm/dd/yyyy in an English browser). The field is checked before any request,
 * with the error tied to it; the API checks it again.
 */
import { el } from './dom.js';
import { t } from './strings.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoDay(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** True for an existing day written AAAA-MM-JJ (2026-02-30 is refused). */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export interface DateField {
  /** The label, the hint, the error and the input, in a `.field`. */
  box: HTMLDivElement;
  input: HTMLInputElement;
  /** Shows or clears the field's error; false when the value is neither empty nor a day. */
  check(): boolean;
}

export function dateField(id: string, name: string, labelText: string, value = ''): DateField {
  const example = isoDay(new Date());
  const [before, after] = t('dateField.hint', { example: '\u0000' }).split('\u0000');
  const hint = el('p', { id: `${id}-hint`, class: 'hint' }, before, el('span', { class: 'nowrap' }, example), after);
  const error = el('p', { id: `${id}-error`, class: 'field-error', hidden: true });
  const input = el('input', {
    type: 'text',
    id,
    name,
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: '10',
    size: '12',
    'aria-describedby': `${id}-hint`,
  });
  input.value = value;
  const box = el('div', { class: 'field field-date' }, el('label', { for: id }, labelText), hint, error, input);
  const check = (): boolean => {
    const v = input.value.trim();
    input.value = v;
    if (!v || isIsoDay(v)) {
      error.hidden = true;
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', `${id}-hint`);
      return true;
    }
    error.textContent = t('dateField.invalid', { value: v, example });
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${id}-error ${id}-hint`);
    return false;
  };
  return { box, input, check };
}

/** Checks every field, focuses the first wrong one; true when all are right. */
export function checkDates(fields: DateField[]): boolean {
  const wrong = fields.filter((f) => !f.check());
  if (wrong.length) wrong[0].input.focus();
  return wrong.length === 0;
}
