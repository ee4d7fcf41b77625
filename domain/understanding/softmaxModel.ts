import { ModelCache, trainingKey } from './modelCache';

const SKIP_GRADIENT = 1e-3;

/** A sparse example: feature name → value. */
export type Features = ReadonlyMap<string, number>;

/** Features given by column (see `SoftmaxModel.columnOf`) with their values. */
export interface IndexedFeatures {
  keys: readonly number[];
  values: readonly number[];
}

export interface SoftmaxTrainingOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Weigh each example by (average label size / its label's size)^balance: 0 = plain, 1 = fully balanced labels. */
  balance?: number;
}

/**
 * Multinomial logistic regression on sparse features, trained by seeded stochastic gradient descent,
 * so the same data always gives the same model. Its probabilities sum to 1 over the labels, which
 * makes the confidence thresholds of the dialog meaningful (unlike independent per-label scores).
 */
export class SoftmaxModel {
  /**
   * `weights` are stored feature by feature (the labels' weights of one feature side by side): a
   * message's hundred-odd features then read a few cache lines each, instead of one line per feature and
   * label scattered over 20 MB, which a server's other work has evicted by the next message. They are
   * trained in double precision and kept in single: half the memory a message reads, whose cache misses
   * are most of recognition's cost in a busy server, and probabilities within 1e-7 of the trained ones.
   */
  private readonly weights: Float32Array;
  /** predict's scores, reused from one call to the next (each call reads them out before returning). */
  private readonly scores: Float64Array;

  private constructor(
    readonly labels: readonly string[],
    private readonly featureIndex: ReadonlyMap<string, number>,
    trainedWeights: Float64Array,
    private readonly bias: Float64Array,
  ) {
    this.weights = Float32Array.from(trainedWeights);
    this.scores = new Float64Array(labels.length);
  }

  /** Trains, or takes the model trained on the very same input from the cache. */
  static trainCached(
    examples: ReadonlyArray<{ features: Features; label: string }>,
    options: SoftmaxTrainingOptions,
    cache: ModelCache | undefined,
  ): SoftmaxModel {
    if (!cache) return SoftmaxModel.train(examples, options);
    const key = trainingKey(examples, options);
    const stored = cache.read(key);
    if (stored) return new SoftmaxModel(stored.labels, new Map(stored.features.map((name, i) => [name, i])), stored.weights, stored.bias);
    const model = SoftmaxModel.train(examples, options);
    cache.write(key, { labels: [...model.labels], features: [...model.featureIndex.keys()], weights: Float64Array.from(model.weights), bias: model.bias });
    return model;
  }

  static train(examples: ReadonlyArray<{ features: Features; label: string }>, options: SoftmaxTrainingOptions = {}): SoftmaxModel {
    const epochs = options.epochs ?? 50;
    const learningRate = options.learningRate ?? 0.5;
    const l2 = options.l2 ?? 1e-4;
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const sizes = new Map<string, number>();
    for (const e of examples) sizes.set(e.label, (sizes.get(e.label) ?? 0) + 1);
    const averageSize = examples.length / (labels.length || 1);
    const balance = options.balance ?? 0;
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const featureIndex = new Map<string, number>();
    const data = examples.map((e) => {
      const keys: number[] = [];
      const values: number[] = [];
      for (const [name, value] of e.features) {
        let index = featureIndex.get(name);
        if (index === undefined) featureIndex.set(name, (index = featureIndex.size));
        keys.push(index);
        values.push(value);
      }
      return { keys, values, y: labelIndex.get(e.label) as number, weight: Math.pow(averageSize / (sizes.get(e.label) as number), balance) };
    });
    const k = labels.length;
    const weights = new Float64Array(k * featureIndex.size);
    const bias = new Float64Array(k);
    const scores = new Float64Array(k);
    const random = seededRandom(options.seed ?? 42);
    const order = data.map((_, i) => i);
    for (let epoch = 0; epoch < epochs; epoch += 1) {
      shuffle(order, random);
      const rate = learningRate / (1 + epoch * 0.05);
      for (const i of order) {
        const { keys, values, y, weight } = data[i];
        softmaxInto(scores, bias, weights, keys, values);
        for (let label = 0; label < k; label += 1) {
          const gradient = (scores[label] - (label === y ? 1 : 0)) * weight;
          // Labels the example already rules out barely move: skipping them makes training several times faster.
          if (gradient > -SKIP_GRADIENT && gradient < SKIP_GRADIENT) continue;
          bias[label] -= rate * gradient;
          for (let j = 0; j < keys.length; j += 1) {
            const w = keys[j] * k + label;
            weights[w] -= rate * (gradient * values[j] + l2 * weights[w]);
          }
        }
      }
    }
    return new SoftmaxModel(labels, featureIndex, weights, bias);
  }

  /**
   * Probability of every label, best first. Unknown features are ignored. `columns` adds features
   * already resolved by `columnOf`, after the named ones.
   */
  predict(features: Features, columns?: IndexedFeatures): Array<{ label: string; probability: number }> {
    const keys: number[] = [];
    const values: number[] = [];
    for (const [name, value] of features) {
      const index = this.featureIndex.get(name);
      if (index !== undefined) {
        keys.push(index);
        values.push(value);
      }
    }
    if (columns) {
      keys.push(...columns.keys);
      values.push(...columns.values);
    }
    const { scores } = this;
    softmaxInto(scores, this.bias, this.weights, keys, values);
    return this.labels.map((label, i) => ({ label, probability: scores[i] })).sort((a, b) => b.probability - a.probability);
  }

  hasFeature(name: string): boolean {
    return this.featureIndex.has(name);
  }

  /** Where a feature's weights are, for `predict`'s `columns`; -1 for a feature training never saw. */
  columnOf(name: string): number {
    return this.featureIndex.get(name) ?? -1;
  }
}

/** The probability of each label for the features `keys` (indices) with their `values`, into `out`. */
function softmaxInto(out: Float64Array, bias: Float64Array, weights: Float32Array | Float64Array, keys: number[], values: number[]): void {
  const k = out.length;
  out.set(bias);
  for (let j = 0; j < keys.length; j += 1) {
    const row = keys[j] * k;
    const value = values[j];
    for (let label = 0; label < k; label += 1) out[label] += weights[row + label] * value;
  }
  normalizeInto(out);
}

/** exp(score − max), divided by their sum: the softmax of the scores, in place. */
function normalizeInto(out: Float64Array): void {
  let max = -Infinity;
  for (let label = 0; label < out.length; label += 1) if (out[label] > max) max = out[label];
  let total = 0;
  for (let label = 0; label < out.length; label += 1) {
    out[label] = Math.exp(out[label] - max);
    total += out[label];
  }
  for (let label = 0; label < out.length; label += 1) out[label] /= total;
}

function seededRandom(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}
