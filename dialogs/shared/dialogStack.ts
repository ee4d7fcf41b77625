import type { DialogInstance, DialogState } from 'botbuilder-dialogs';

/** The dialog running innermost: component dialogs keep their own stack in their state; the last is the top. */
function innermostDialog(state: DialogState | undefined): DialogInstance | undefined {
  let top: DialogInstance | undefined;
  let stack = state?.dialogStack;
  while (stack?.length) {
    top = stack[stack.length - 1];
    stack = (top.state as { dialogs?: DialogState } | undefined)?.dialogs?.dialogStack;
  }
  return top;
}

/**
 * True when the innermost dialog is a prompt waiting for the person's answer: the conversation is at
 * rest, as it will be stored at the end of the turn. A waterfall there is in the middle of a step.
 */
export function awaitsAnswer(state: DialogState | undefined): boolean {
  const top = innermostDialog(state);
  return top !== undefined && !('stepIndex' in (top.state ?? {}));
}
