import { ChoicePrompt, FoundChoice, ListStyle, PromptValidator } from 'botbuilder-dialogs';

/**
 * A ChoicePrompt shown as buttons (suggested actions) and recognized by the choices' text and synonyms
 * only. Number and ordinal recognition are off: the buttons show no numbers, the French number model
 * reads « un » in « parler à un agent » as choice 1, and it costs seconds of CPU on every answer.
 */
export function buttonChoicePrompt(id: string, validator?: PromptValidator<FoundChoice>): ChoicePrompt {
  const prompt = new ChoicePrompt(id, validator);
  prompt.style = ListStyle.suggestedAction;
  prompt.recognizerOptions = { recognizeNumbers: false, recognizeOrdinals: false };
  return prompt;
}
