import type { Lang } from '../../domain/i18n';
import { translator } from '../../domain/i18n';
import { choiceKey } from '../../domain/text/choices';
import { wordsOf } from './choices';

export type Command = 'help' | 'menu' | 'cancel' | 'restart' | 'handoff';
const COMMANDS: Command[] = ['help', 'menu', 'cancel', 'restart', 'handoff'];
const byLang = new Map<Lang, Map<string, Command>>();

function commandWords(lang: Lang): Map<string, Command> {
  let words = byLang.get(lang);
  if (!words) {
    const t = translator(lang);
    words = new Map();
    for (const command of COMMANDS)
      for (const word of wordsOf(t, `common:commands.${command}`)) words.set(choiceKey(word), command);
    byLang.set(lang, words);
  }
  return words;
}

/**
 * Words that interrupt whatever is in progress. Only a whole message counts ("annuler", not
 * "je veux annuler mon examen"), so a form answer is never mistaken for a command.
 */
export function detectCommand(text: string | undefined, lang: Lang): Command | undefined {
  if (!text || text.length > 60) return undefined;
  return commandWords(lang).get(choiceKey(text));
}
