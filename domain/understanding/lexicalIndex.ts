/** BM25 parameters: MiniSearch's defaults (k 1.2, b 0.7, BM25+ d 0.5), which the recognizer was tuned with. */
const K = 1.2;
const B = 0.7;
const D = 0.5;

export interface LexicalMatch {
  /** The intent's best phrasing score, as MiniSearch's exact OR search scores it. */
  score: number;
  /** How many distinct query stems that phrasing contains. */
  matched: number;
}

/**
 * Exact-stem BM25 over the training phrasings, scored as MiniSearch's exact OR search does (each
 * query stem's BM25+ score summed, times the number of distinct stems matched), but kept to what the
 * recognizer reads: each intent's best phrasing. MiniSearch builds a result object for every phrasing
 * that shares a word with the message and sorts them all; with seven thousand phrasings that was
 * four tenths of a message's recognition time.
 */
export class LexicalIndex {
  private readonly postings = new Map<string, { docs: Int32Array; frequencies: Float64Array }>();
  private readonly lengths: Float64Array;
  private readonly averageLength: number;
  private readonly intentOf: Int32Array;
  private readonly intents: string[] = [];
  private readonly scores: Float64Array;
  private readonly matched: Int32Array;
  private readonly seen: Uint8Array;
  /** The phrasings a query touches, reused from one query to the next (the recognizer reads one message at a time). */
  private readonly touched: Int32Array;

  constructor(documents: ReadonlyArray<{ stems: readonly string[]; intent: string }>) {
    const count = documents.length;
    this.lengths = new Float64Array(count);
    this.intentOf = new Int32Array(count);
    this.scores = new Float64Array(count);
    this.matched = new Int32Array(count);
    this.seen = new Uint8Array(count);
    this.touched = new Int32Array(count);
    const intentIds = new Map<string, number>();
    const lists = new Map<string, Map<number, number>>();
    // MiniSearch's field length is the number of distinct tokens, averaged as the documents are added.
    let average = 0;
    documents.forEach(({ stems, intent }, doc) => {
      this.lengths[doc] = new Set(stems).size;
      average = (average * doc + this.lengths[doc]) / (doc + 1);
      let id = intentIds.get(intent);
      if (id === undefined) {
        id = this.intents.length;
        intentIds.set(intent, id);
        this.intents.push(intent);
      }
      this.intentOf[doc] = id;
      for (const stem of stems) {
        if (!stem) continue;
        let list = lists.get(stem);
        if (!list) lists.set(stem, (list = new Map()));
        list.set(doc, (list.get(doc) ?? 0) + 1);
      }
    });
    this.averageLength = average;
    for (const [stem, list] of lists) this.postings.set(stem, { docs: Int32Array.from(list.keys()), frequencies: Float64Array.from(list.values()) });
  }

  /** Each intent that shares a stem with the query, with its best phrasing. */
  bestByIntent(queryStems: readonly string[]): Map<string, LexicalMatch> {
    const touched = this.touched;
    let touchedCount = 0;
    const count = this.lengths.length;
    for (let q = 0; q < queryStems.length; q += 1) {
      const stem = queryStems[q];
      const posting = this.postings.get(stem);
      if (!posting) continue;
      const { docs, frequencies } = posting;
      const idf = Math.log(1 + (count - docs.length + 0.5) / (docs.length + 0.5));
      // A stem repeated in the query scores again but counts once among the stems matched.
      const first = queryStems.indexOf(stem) === q;
      for (let i = 0; i < docs.length; i += 1) {
        const doc = docs[i];
        const tf = frequencies[i];
        if (!this.seen[doc]) {
          touched[touchedCount++] = doc;
          this.seen[doc] = 1;
          this.scores[doc] = 0;
          this.matched[doc] = 0;
        }
        this.scores[doc] += idf * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * this.lengths[doc]) / this.averageLength)));
        if (first) this.matched[doc] += 1;
      }
    }
    const best = new Map<string, LexicalMatch>();
    for (let t = 0; t < touchedCount; t += 1) {
      const doc = touched[t];
      const score = this.scores[doc] * (this.matched[doc] || 1);
      const intent = this.intents[this.intentOf[doc]];
      const current = best.get(intent);
      if (!current || score > current.score) best.set(intent, { score, matched: this.matched[doc] });
      this.seen[doc] = 0;
    }
    return best;
  }
}
