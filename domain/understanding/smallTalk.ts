import { readFileSync } from 'node:fs';
import { projectPath } from '../paths';
import { baseWords } from './frenchText';
import { Intents } from './intents';

/**
 * Messages that are only small talk (« merci bcp », « bye », « allo », « thx », « ty »): each intent of
 * data/knowledge-base/intents.json may list `smallTalk` texts, compared after normalization (accents,
 * punctuation, chat spellings). A message made only of such texts and of polite fillers (« merci
 * beaucoup madame, bonne journée! ») is that intent with score 1; when it mixes several (« merci, au
 * revoir »), the one that ends the conversation wins: goodbye, then thanks, then help, then greeting.
 */
const PRIORITY = [Intents.goodbye, Intents.thanks, Intents.help, Intents.greeting] as const;
/** Words that may surround small talk without making it a question. */
const FILLERS = new Set(['ok', 'okay', 'oki', 'parfait', 'super', 'genial', 'top', 'wow', 'madame', 'monsieur', 'ou', 'or', 'a', 'vous', 'toi', 'tous', 'tout', 'le', 'monde', 'beaucoup', 'encore', 'bien', 'et', 'la', 'so', 'much', 'very', 'again', 'and', 'oh', 'ah', 'bon', 'alors', 'donc', 'de', 'votre', 'ta', 'you', 'all', 'lot']);

export interface SmallTalkIndex {
  intentOf(text: string): string | undefined;
}

/** Builds the index from `{ intent, texts }` lists (texts normalized by baseWords). */
export function smallTalkIndex(lists: ReadonlyArray<{ intent: string; texts: readonly string[] }>): SmallTalkIndex {
  const exact = new Map<string, string>();
  const phrases: Array<{ words: string[]; intent: string }> = [];
  const rank = (intent: string): number => {
    const i = (PRIORITY as readonly string[]).indexOf(intent);
    return i < 0 ? PRIORITY.length : i;
  };
  for (const { intent, texts } of lists) {
    for (const text of texts) {
      const words = baseWords(text);
      if (!words.length) continue;
      const key = words.join(' ');
      const existing = exact.get(key);
      if (!existing || rank(intent) < rank(existing)) exact.set(key, intent);
      phrases.push({ words, intent });
    }
  }
  // Longest phrases first, so « bonne journee » is read before « bonne »; kept by first word, in that order.
  phrases.sort((a, b) => b.words.length - a.words.length);
  const byFirstWord = new Map<string, Array<{ words: string[]; intent: string }>>();
  for (const phrase of phrases) {
    const list = byFirstWord.get(phrase.words[0]);
    if (list) list.push(phrase);
    else byFirstWord.set(phrase.words[0], [phrase]);
  }
  const phraseAt = (words: string[], i: number) =>
    byFirstWord.get(words[i])?.find((p) => {
      for (let j = 1; j < p.words.length; j += 1) if (words[i + j] !== p.words[j]) return false;
      return true;
    });
  return {
    intentOf(text: string): string | undefined {
      const words = baseWords(text);
      if (!words.length || words.length > 8) return undefined;
      const key = words.join(' ');
      const direct = exact.get(key);
      if (direct) return direct;
      // Cover the message with small-talk phrases and fillers only.
      const found = new Set<string>();
      let i = 0;
      while (i < words.length) {
        const phrase = phraseAt(words, i);
        if (phrase) {
          found.add(phrase.intent);
          i += phrase.words.length;
        } else if (FILLERS.has(words[i])) i += 1;
        else return undefined;
      }
      if (!found.size) return undefined;
      return [...found].sort((a, b) => rank(a) - rank(b))[0];
    },
  };
}

let cached: SmallTalkIndex | undefined;

/** The small-talk texts of data/knowledge-base/intents.json. */
export function defaultSmallTalk(): SmallTalkIndex {
  if (cached) return cached;
  const file = JSON.parse(readFileSync(projectPath('data', 'knowledge-base', 'intents.json'), 'utf8')) as { intents: Array<{ intent: string; smallTalk?: string[] }> };
  cached = smallTalkIndex(file.intents.filter((i) => i.smallTalk?.length).map((i) => ({ intent: i.intent, texts: i.smallTalk as string[] })));
  return cached;
}
