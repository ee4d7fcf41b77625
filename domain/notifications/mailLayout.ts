import { escapeHtml } from '../format/html';
import type { Lang } from '../i18n';
import type { RenderedMail } from './citizenMailRepository';

/** A piece of an e-mail to a citizen, written once and rendered as plain text and as HTML. */
export type MailBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; /** Text the HTML part keeps on one line (a reference). */ keepTogether?: string[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'link'; label: string; url: string; text: string }
  | { kind: 'quote'; text: string };

/** Writes the blocks as a plain-text part and an accessible, escaped HTML part (lang set, headings, no layout tables). */
export function renderMail(subject: string, lang: Lang, blocks: MailBlock[]): RenderedMail {
  const text: string[] = [];
  const html: string[] = [
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title>`,
    '<style>body { font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #223654; max-width: 40em; } ' +
      'h2 { font-size: 18px; margin-top: 1.5em; } blockquote { margin: 1em 0; padding-left: 1em; border-left: 4px solid #095797; } ' +
      '.nowrap { white-space: nowrap; } a { color: #095797; }</style></head>',
    '<body>',
  ];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        text.push('', block.text.toLocaleUpperCase(lang === 'fr' ? 'fr-CA' : 'en-CA'));
        html.push(`<h2>${escapeHtml(block.text)}</h2>`);
        break;
      case 'paragraph':
        text.push('', block.text);
        html.push(`<p>${keepTogether(escapeHtml(block.text), block.keepTogether ?? [])}</p>`);
        break;
      case 'list':
        text.push('', ...block.items.map((item) => `- ${item}`));
        html.push(`<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`);
        break;
      case 'link':
        text.push('', block.text);
        html.push(`<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`);
        break;
      case 'quote':
        text.push('', block.text);
        html.push(
          `<blockquote>${block.text
            .split(/\n{2,}/)
            .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
            .join('')}</blockquote>`,
        );
        break;
    }
  }
  html.push('</body></html>');
  return { subject, text: `${text.join('\n').replace(/^\n+/, '')}\n`, html: html.join('\n') };
}

/** Wraps each occurrence of these (already escaped) pieces so that no mail client breaks them across lines. */
function keepTogether(escaped: string, pieces: string[]): string {
  return pieces.reduce(
    (html, piece) => html.split(escapeHtml(piece)).join(`<span class="nowrap" style="white-space: nowrap">${escapeHtml(piece).replace(/-/g, '\u2011')}</span>`),
    escaped,
  );
}
