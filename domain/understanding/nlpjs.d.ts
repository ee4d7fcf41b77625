/** The parts of NLP.js (no bundled type declarations) that the recognizer uses. */
declare module '@nlpjs/lang-fr' {
  export class StemmerFr {
    stemWord(word: string): string;
  }
  export class StopwordsFr {
    dictionary: Record<string, boolean>;
  }
  export class LangFr {}
}

declare module '@nlpjs/nlp' {
  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export class Nlp {
    constructor(settings?: Record<string, unknown>);
    use(plugin: unknown): void;
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<{ intent: string; score: number; classifications: NlpClassification[] }>;
    export(minified?: boolean): string;
    import(data: string): void;
  }
}
