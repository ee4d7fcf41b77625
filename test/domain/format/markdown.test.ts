import { escapeMarkdown } from '../../../domain/format/markdown';

// markdown-it is what Web Chat renders messages and Adaptive Card TextBlocks with (a botframework-webchat dependency).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: object) => { render(markdown: string): string };
const webChat = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });
const strict = new MarkdownIt({ html: true, linkify: false, breaks: false });

describe('escapeMarkdown', () => {
  it.each([
    ['**gras** et _italique_ et ~~barré~~', '<p>**gras** et _italique_ et ~~barré~~</p>'],
    ['[cliquez ici](http://evil.example)', '<p>[cliquez ici](http://evil.example)</p>'],
    ['![image](http://evil.example/x.png)', '<p>![image](http://evil.example/x.png)</p>'],
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['<http://evil.example>', '<p>&lt;http://evil.example&gt;</p>'],
    ['&lt;b&gt; &amp;', '<p>&amp;lt;b&amp;gt; &amp;amp;</p>'],
    ['`code` et {.classe}', '<p>`code` et {.classe}</p>'],
    ['# Titre', '<p># Titre</p>'],
    ['> citation', '<p>&gt; citation</p>'],
    ['- un\n+ deux\n* trois', '<p>- un\n+ deux\n* trois</p>'],
    ['1. un\n2) deux', '<p>1. un\n2) deux</p>'],
    ['Titre\n===', '<p>Titre\n===</p>'],
    ['a | b\n--|--\nc | d', '<p>a | b\n--|--\nc | d</p>'],
    ['[x]: http://evil.example\n[x]', '<p>[x]: http://evil.example\n[x]</p>'],
    ["M. Tremblay (dossier 2026) : c'est réglé?", "<p>M. Tremblay (dossier 2026) : c'est réglé?</p>"],
  ])('shows %j exactly as typed', (typed, html) => {
    expect(strict.render(escapeMarkdown(typed)).trim()).toBe(html);
  });

  it('leaves a bare URL to the renderer only as its own address', () => {
    expect(webChat.render(escapeMarkdown('voir http://evil.example/page).')).trim()).toBe(
      '<p>voir <a href="http://evil.example/page">http://evil.example/page</a>).</p>',
    );
  });

  it('normalizes Windows line ends', () => expect(escapeMarkdown('a\r\n- b')).toBe('a\n\\- b'));
});
