import { PreparedText, STOPWORDS } from './frenchText';
import { Features } from './softmaxModel';

const MIN_GRAM = 3;
const MAX_GRAM = 5;

/**
 * A second view of a message for the ensemble: character 3- to 5-grams over its accent-folded,
 * chat-normalized and spelling-corrected content words (stopwords and politeness left out), so the
 * model sees pieces of words, and of word pairs, that the stem view misses.
 */
export function charGrams(prepared: PreparedText, ignore: ReadonlySet<string>): string[] {
  return gramsOf(gramText(prepared, ignore));
}

/** The distinct grams of a `gramText`, shortest first, each in order of first appearance. */
export function gramsOf(text: string): string[] {
  const grams = new Set<string>();
  for (let n = MIN_GRAM; n <= MAX_GRAM; n += 1) for (let i = 0; i + n <= text.length; i += 1) grams.add(text.slice(i, i + n));
  return [...grams];
}

/** The text whose grams `charGrams` takes: the content words, with a space before, between and after; '' when none. */
export function gramText(prepared: PreparedText, ignore: ReadonlySet<string>): string {
  const content = prepared.words.filter((w) => !STOPWORDS.has(w) && !ignore.has(w) && (w.length > 1 || /\d/.test(w)));
  return content.length ? ` ${content.join(' ')} ` : '';
}

/**
 * Grams of up to five characters written as numbers, 6 bits a character (0 for none, so lengths never
 * collide): a lookup then hashes a small integer instead of a new string, and compares no string.
 * Only for training texts of at most 63 distinct characters; a character training never saw makes a gram unknown.
 */
class GramCodes {
  private constructor(
    private readonly ascii: Uint8Array,
    private readonly others: ReadonlyMap<string, number>,
  ) {}

  static of(grams: readonly string[]): GramCodes | undefined {
    const characters = [...new Set(grams.join('').split(''))];
    if (characters.length > 63 || grams.some((g) => g.length > MAX_GRAM)) return undefined;
    const ascii = new Uint8Array(128);
    const others = new Map<string, number>();
    characters.forEach((c, i) => (c.charCodeAt(0) < 128 ? (ascii[c.charCodeAt(0)] = i + 1) : others.set(c, i + 1)));
    return new GramCodes(ascii, others);
  }

  /** The code of `text.slice(start, start + length)`, or -1 when a character is unknown. */
  code(text: string, start: number, length: number): number {
    let code = 0;
    for (let i = start; i < start + length; i += 1) {
      const c = text.charCodeAt(i);
      const symbol = c < 128 ? this.ascii[c] : (this.others.get(text[i]) ?? 0);
      if (!symbol) return -1;
      code = code * 64 + symbol;
    }
    return code;
  }
}

/**
 * The slots of gram codes (positive, below 2³⁰) in an open-addressing table of typed arrays: each of a
 * message's hundred-odd grams is one probe in contiguous memory, where a Map of fifty thousand entries
 * cost several scattered reads apiece in a busy server (issue 13).
 */
class SlotTable {
  private readonly codes: Int32Array;
  private readonly slots: Int32Array;
  private readonly shift: number;
  private readonly mask: number;

  constructor(entries: ReadonlyArray<readonly [number, number]>) {
    let bits = 4;
    while (1 << bits < entries.length * 2) bits += 1;
    this.codes = new Int32Array(1 << bits);
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    for (const [code, slot] of entries) {
      let i = this.start(code);
      while (this.codes[i] !== 0 && this.codes[i] !== code) i = (i + 1) & this.mask;
      this.codes[i] = code;
      this.slots[i] = slot;
    }
  }

  /** The slot of a code, or -1. */
  get(code: number): number {
    for (let i = this.start(code); ; i = (i + 1) & this.mask) {
      const found = this.codes[i];
      if (found === code) return this.slots[i];
      if (found === 0) return -1;
    }
  }

  /** Fibonacci hashing: the top bits of the code times 2³² / φ. */
  private start(code: number): number {
    return Math.imul(code, 0x9e3779b1) >>> this.shift;
  }
}

/** Inverse document frequency weights of grams over the training texts; unseen grams are ignored. */
export class GramWeights {
  private constructor(
    /** Each gram seen in training, by its slot. */
    readonly grams: readonly string[],
    private readonly slots: ReadonlyMap<string, number>,
    private readonly idf: Float64Array,
    private readonly codes: GramCodes | undefined,
    private readonly slotsByCode: SlotTable,
  ) {
    this.seen = new Uint8Array(grams.length);
  }

  /** Slots already taken by the message being weighed (reset after each). */
  private readonly seen: Uint8Array;

  static of(documents: ReadonlyArray<readonly string[]>): GramWeights {
    const df = new Map<string, number>();
    for (const grams of documents) for (const g of grams) df.set(g, (df.get(g) ?? 0) + 1);
    const n = documents.length;
    const grams = [...df.keys()];
    const codes = GramCodes.of(grams);
    return new GramWeights(
      grams,
      new Map(grams.map((g, slot) => [g, slot])),
      Float64Array.from(df.values(), (f) => Math.log((n + 1) / (f + 0.5))),
      codes,
      new SlotTable(codes ? grams.map((g, slot) => [codes.code(g, 0, g.length), slot] as const) : []),
    );
  }

  /** TF-IDF vector of the grams (binary term frequency), L2-normalized. */
  vector(grams: readonly string[]): Map<string, number> {
    const slots = this.slotsOf(grams);
    const values = this.normalized(slots);
    return new Map(slots.map((slot, i) => [this.grams[slot], values[i]]));
  }

  private slotsOf(grams: readonly string[]): number[] {
    const slots: number[] = [];
    for (const g of grams) {
      const slot = this.slots.get(g);
      if (slot !== undefined) slots.push(slot);
    }
    return slots;
  }

  /**
   * The vector of `charGrams` over the same text (`gramText`) as slots and weights, in the same order,
   * without cutting the text into strings when the grams have codes.
   */
  weighted(text: string): { slots: number[]; values: number[] } {
    const codes = this.codes;
    if (!codes) {
      const slots = this.slotsOf(gramsOf(text));
      return { slots, values: this.normalized(slots) };
    }
    const slots: number[] = [];
    for (let n = MIN_GRAM; n <= MAX_GRAM; n += 1) {
      for (let i = 0; i + n <= text.length; i += 1) {
        const code = codes.code(text, i, n);
        const slot = code < 0 ? -1 : this.slotsByCode.get(code);
        if (slot < 0 || this.seen[slot]) continue;
        this.seen[slot] = 1;
        slots.push(slot);
      }
    }
    for (const slot of slots) this.seen[slot] = 0;
    return { slots, values: this.normalized(slots) };
  }

  /** The slots' weights divided by their Euclidean norm. */
  private normalized(slots: readonly number[]): number[] {
    const values = slots.map((slot) => this.idf[slot]);
    let norm = 0;
    for (const w of values) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < values.length; i += 1) values[i] /= norm;
    return values;
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
