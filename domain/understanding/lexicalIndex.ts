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
  /**
   * For each stem, the phrasings that contain it, its idf, and each phrasing's term part of BM25+
   * (D + tf(K+1) / (tf + K(1 - B + B·length/average))), which no query changes: computed once here, the
   * same numbers the query would compute.
   */
  private readonly postings = new Map<string, { docs: Int32Array; termParts: Float64Array; idf: number }>();
  private readonly intentOf: Int32Array;
  private readonly intents: string[] = [];
  private readonly scores: Float64Array;
  private readonly matched: Int32Array;
  private readonly seen: Uint8Array;
  /** The phrasings a query touches, reused from one query to the next (the recognizer reads one message at a time). */
  private readonly touched: Int32Array;
  /**
   * Each intent's best phrasing score and stems matched during a query (by intent id), and the intents touched.
   * A best score of -1 marks an intent the query has not touched yet (every BM25+ score is positive), and is
   * put back at the end of each query.
   */
  private readonly bestScore: Float64Array;
  private readonly bestMatched: Int32Array;
  private readonly intentTouched: Int32Array;

  constructor(documents: ReadonlyArray<{ stems: readonly string[]; intent: string }>) {
    const count = documents.length;
    const lengths = new Float64Array(count);
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
      lengths[doc] = new Set(stems).size;
      average = (average * doc + lengths[doc]) / (doc + 1);
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
    for (const [stem, list] of lists) {
      const docs = Int32Array.from(list.keys());
      const termParts = Float64Array.from(list.entries(), ([doc, tf]) => D + (tf * (K + 1)) / (tf + K * (1 - B + (B * lengths[doc]) / average)));
      this.postings.set(stem, { docs, termParts, idf: Math.log(1 + (count - docs.length + 0.5) / (docs.length + 0.5)) });
    }
    this.bestScore = new Float64Array(this.intents.length).fill(-1);
    this.bestMatched = new Int32Array(this.intents.length);
    this.intentTouched = new Int32Array(this.intents.length);
  }

  /** Each intent that shares a stem with the query, with its best phrasing. */
  bestByIntent(queryStems: readonly string[]): Map<string, LexicalMatch> {
    const { touched, seen, scores, matched, bestScore, bestMatched, intentTouched } = this;
    let touchedCount = 0;
    for (let q = 0; q < queryStems.length; q += 1) {
      const stem = queryStems[q];
      const posting = this.postings.get(stem);
      if (!posting) continue;
      const { docs, termParts, idf } = posting;
      // A stem repeated in the query scores again but counts once among the stems matched.
      const first = queryStems.indexOf(stem) === q;
      for (let i = 0; i < docs.length; i += 1) {
        const doc = docs[i];
        if (!seen[doc]) {
          touched[touchedCount++] = doc;
          seen[doc] = 1;
          scores[doc] = 0;
          matched[doc] = 0;
        }
        scores[doc] += idf * termParts[i];
        if (first) matched[doc] += 1;
      }
    }
    let intentCount = 0;
    for (let t = 0; t < touchedCount; t += 1) {
      const doc = touched[t];
      const score = scores[doc] * (matched[doc] || 1);
      const intent = this.intentOf[doc];
      if (bestScore[intent] < 0) intentTouched[intentCount++] = intent;
      // The first phrasing of the best score, as a strict comparison over the phrasings in touched order keeps it.
      if (score > bestScore[intent]) {
        bestScore[intent] = score;
        bestMatched[intent] = matched[doc];
      }
      seen[doc] = 0;
    }
    const best = new Map<string, LexicalMatch>();
    for (let i = 0; i < intentCount; i += 1) {
      const intent = intentTouched[i];
      best.set(this.intents[intent], { score: bestScore[intent], matched: bestMatched[intent] });
      bestScore[intent] = -1;
    }
    return best;
  }
}
