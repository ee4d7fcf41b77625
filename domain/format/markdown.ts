/**
 * Text typed by a person, made safe to show where Markdown is rendered (chat messages, Adaptive Card
 * TextBlocks): every character that could start emphasis, a link or an image ([…]), inline HTML, an
 * entity, code or attributes ({…}, markdown-it-attrs) is backslash-escaped (CommonMark), and so is
 * anything that would turn a line into a heading, a quote or a list. The text reads the same once
 * rendered; it is stored as entered. A bare URL may still be auto-linked by the renderer, but its
 * text is then its own address, so nothing can hide where a link goes.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_~[\]<>&|{}]/g, '\\$&')
    .replace(/^([ \t]*)([#>+=-])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}
