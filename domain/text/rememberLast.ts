/**
 * `read` with its last text and answer remembered: a turn reads the person's message again and again,
 * one check after the other. One entry: no cache to bound or to purge. The answer is shared: a caller
 * that hands out an array or an object gives a copy of it.
 */
export function rememberLast<T>(read: (text: string) => T): (text: string) => T {
  let lastText: string | undefined;
  let lastAnswer: T;
  return (text) => {
    if (text !== lastText) {
      lastAnswer = read(text);
      lastText = text;
    }
    return lastAnswer;
  };
}
