import { Help, type Argument, type Command, type Option } from 'commander';
import { label, type Lang, type Translate } from '../../domain/i18n';

/**
 * commander's own words in the language of the messages: the help's titles (« Utilisation : »,
 * « Options : », « Commandes : »), the help option and command, « par défaut : » and « choix : », and its
 * error messages. Set on the program before its commands are declared: commander copies these settings
 * to every command created from it. English keeps commander's own words.
 */
export function localizeCommander(program: Command, t: Translate, lang: Lang): Command {
  if (lang === 'en') return program;
  const titles: Record<string, string> = {
    'Usage:': t('admin:cli.help.usage'),
    'Options:': t('admin:cli.help.options'),
    'Commands:': t('admin:cli.help.commands'),
    'Arguments:': t('admin:cli.help.arguments'),
    'Global Options:': t('admin:cli.help.globalOptions'),
  };
  const extras = (description: string, info: { choices?: readonly string[]; defaultValue?: unknown; defaultValueDescription?: string; show: boolean }) => {
    const extra: string[] = [];
    if (info.choices) extra.push(t('admin:cli.help.choices', { choices: info.choices.join(', ') }));
    // « table (par défaut), csv ou json » already says it.
    if (info.show && !description.includes(t('admin:cli.help.defaultMarker'))) extra.push(t('admin:cli.help.default', { value: info.defaultValueDescription ?? String(info.defaultValue) }));
    return extra.length ? `${description} (${extra.join(', ')})`.trim() : description;
  };
  // The placeholders of options and arguments (« <reference> », « [command] ») read in French too.
  const placeholders = (term: string) =>
    term.replace(/([<[])([a-z]+)(\.\.\.)?([>\]])/g, (_whole, open: string, word: string, dots: string | undefined, close: string) => `${open}${placeholder(word, t)}${dots ?? ''}${close}`);
  program.configureHelp({
    styleTitle: (title: string) => titles[title] ?? title,
    styleUsage: (usage: string) =>
      usage
        .split(' ')
        .map((word) => (word === '[options]' ? t('admin:cli.help.optionsWord') : word === '[command]' ? t('admin:cli.help.commandWord') : placeholders(word)))
        .join(' '),
    // commander wraps at any \s, no-break spaces included: « moi » must not split after its «.
    boxWrap(this: Help, text: string, width: number) {
      const kept = text.replace(/\u00a0/g, '\ue000').replace(/\u202f/g, '\ue001');
      return Help.prototype.boxWrap.call(this, kept, width).replace(/\ue000/g, '\u00a0').replace(/\ue001/g, '\u202f');
    },
    styleOptionTerm: placeholders,
    styleArgumentTerm: (term: string) => (/^[a-z]+$/.test(term) ? placeholder(term, t) : placeholders(term)),
    styleSubcommandTerm: placeholders,
    optionDescription: (option: Option) =>
      extras(option.description, {
        choices: option.argChoices,
        defaultValue: option.defaultValue,
        defaultValueDescription: option.defaultValueDescription,
        show: option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean')),
      }),
    argumentDescription: (argument: Argument) =>
      extras(argument.description, {
        choices: argument.argChoices,
        defaultValue: argument.defaultValue,
        defaultValueDescription: argument.defaultValueDescription,
        show: argument.defaultValue !== undefined,
      }),
  });
  program.helpOption('-h, --help', t('admin:cli.help.helpOption'));
  program.helpCommand(`help [${t('admin:cli.help.commandArgument')}]`, t('admin:cli.help.helpCommand'));
  program.configureOutput({ outputError: (message, write) => write(translateCommanderError(message, t)) });
  return program;
}

function placeholder(word: string, t: Translate): string {
  return label(t, `admin:cli.help.placeholders.${word}`, word);
}

/** commander's error messages (« error: unknown option '--x' ») in the language of the messages. */
export function translateCommanderError(message: string, t: Translate): string {
  const rules: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [/^error: unknown option '([^']*)'/, (m) => t('admin:cli.help.errors.unknownOption', { option: m[1] })],
    [/^error: unknown command '([^']*)'/, (m) => t('admin:cli.help.errors.unknownCommand', { command: m[1] })],
    [/^error: missing required argument '([^']*)'/, (m) => t('admin:cli.help.errors.missingArgument', { argument: placeholder(m[1], t) })],
    [/^error: option '([^']*)' argument missing/, (m) => t('admin:cli.help.errors.optionArgumentMissing', { option: m[1] })],
    [/^error: required option '([^']*)' not specified/, (m) => t('admin:cli.help.errors.requiredOption', { option: m[1] })],
    [/^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, (m) => t('admin:cli.help.errors.tooManyArguments', { expected: m[2], count: Number(m[3]) })],
    [/^error: option '([^']*)' argument '([^']*)' is invalid\./, (m) => t('admin:cli.help.errors.invalidOptionValue', { option: m[1], value: m[2] })],
  ];
  const suggestion = /\(Did you mean ([^?]+)\?\)/.exec(message);
  for (const [pattern, say] of rules) {
    const match = pattern.exec(message);
    if (match) return `${say(match)}${suggestion ? `\n${t('admin:cli.help.errors.didYouMean', { suggestion: suggestion[1] })}` : ''}\n`;
  }
  return message.replace(/^error: /, t('admin:cli.help.errors.prefix'));
}
