/** Marks, in the log, the text of a form answer or of a summary: the content lives only in its own table. */
export const REDACTED_TEXT = '[retiré]';
