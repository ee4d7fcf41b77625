import { escapeHtml } from '../../domain/format/html';

/** HTML that is already safe (built by `html` or escaped): inserted as is by `html`. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/**
 * Tagged template for server-rendered pages: every interpolated value is escaped (text and attribute
 * values alike), except SafeHtml from another `html` call. Arrays are joined; null, undefined and
 * false render nothing. So a translation, a configuration value or a contact can never inject markup.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * JSON to embed in `<script type="application/json">`: `<`, `>`, `&` and the line separators are
 * written as \u escapes, so the data cannot close the element or be read as markup.
 */
export function jsonForScript(value: unknown): SafeHtml {
  return new SafeHtml(scriptJson(value));
}

/** The same, as a plain string, for pages filled by placeholders rather than by `html`. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
