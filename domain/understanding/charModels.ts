import { PreparedText, STOPWORDS } from './frenchText';
import { Features } from './softmaxModel';

/**
 * A second view of a message for the ensemble: character 3- to 5-grams over its accent-folded,
 * chat-normalized and spelling-corrected content words (stopwords and politeness left out), so the
 * model sees pieces of words, and of word pairs, that the stem view misses.
 */
export function charGrams(prepared: PreparedText, ignore: ReadonlySet<string>, min = 3, max = 5): string[] {
  const content = prepared.words.filter((w) => !STOPWORDS.has(w) && !ignore.has(w) && (w.length > 1 || /\d/.test(w)));
  if (!content.length) return [];
  const text = ` ${content.join(' ')} `;
  const grams = new Set<string>();
  for (let n = min; n <= max; n += 1) for (let i = 0; i + n <= text.length; i += 1) grams.add(text.slice(i, i + n));
  return [...grams];
}

/** Inverse document frequency weights of grams over the training texts; unseen grams are ignored. */
export class GramWeights {
  private constructor(private readonly idf: ReadonlyMap<string, number>) {}

  static of(documents: ReadonlyArray<readonly string[]>): GramWeights {
    const df = new Map<string, number>();
    for (const grams of documents) for (const g of grams) df.set(g, (df.get(g) ?? 0) + 1);
    const n = documents.length;
    return new GramWeights(new Map([...df].map(([g, f]) => [g, Math.log((n + 1) / (f + 0.5))])));
  }

  /** TF-IDF vector of the grams (binary term frequency), L2-normalized. */
  vector(grams: readonly string[]): Map<string, number> {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const g of grams) {
      const w = this.idf.get(g);
      if (w === undefined) continue;
      vector.set(g, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [g, w] of vector) vector.set(g, w / norm);
    return vector;
  }
}

/**
 * Nearest neighbours by cosine similarity over the TF-IDF gram vectors of the training phrasings,
 * through an inverted index: the score of an intent is the similarity of its closest phrasing.
 */
export class NearestPhrasings {
  private readonly postings = new Map<string, Array<{ doc: number; weight: number }>>();

  constructor(
    vectors: ReadonlyArray<Features>,
    private readonly labels: readonly string[],
  ) {
    vectors.forEach((vector, doc) => {
      for (const [g, weight] of vector) {
        let list = this.postings.get(g);
        if (!list) this.postings.set(g, (list = []));
        list.push({ doc, weight });
      }
    });
  }

  /** Best similarity per intent, best first. */
  scores(vector: Features): Array<{ label: string; similarity: number }> {
    const sums = new Map<number, number>();
    for (const [g, w] of vector) for (const { doc, weight } of this.postings.get(g) ?? []) sums.set(doc, (sums.get(doc) ?? 0) + w * weight);
    const best = new Map<string, number>();
    for (const [doc, s] of sums) {
      const label = this.labels[doc];
      if (s > (best.get(label) ?? 0)) best.set(label, s);
    }
    return [...best].map(([label, similarity]) => ({ label, similarity })).sort((a, b) => b.similarity - a.similarity);
  }
}
