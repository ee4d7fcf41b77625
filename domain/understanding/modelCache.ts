import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a trained softmax model is made of, as stored. */
export interface SoftmaxParameters {
  labels: string[];
  features: string[];
  /** Feature by feature: the weights of every label for the first feature, then for the second… */
  weights: Float64Array;
  bias: Float64Array;
}

/** Where trained models are kept between processes; `key` identifies the training input exactly. */
export interface ModelCache {
  read(key: string): SoftmaxParameters | undefined;
  write(key: string, parameters: SoftmaxParameters): void;
}

/** How the stored weights are laid out: a model stored in another layout is never read as this one. */
const LAYOUT = 'weights by feature';

/** The training input's digest: training is deterministic (seeded), so equal inputs give equal models. */
export function trainingKey(examples: ReadonlyArray<{ features: ReadonlyMap<string, number>; label: string }>, options: object): string {
  const hash = createHash('sha256');
  hash.update(`${LAYOUT}\u0000`);
  hash.update(JSON.stringify(options));
  // One update per example, of the same bytes (and digest) as one per feature: 2.6 million calls took about half a second of each start.
  for (const e of examples) {
    let text = `\u0000${e.label}\u0001`;
    for (const [name, value] of e.features) text += `${name}\u0002${value}\u0003`;
    hash.update(text);
  }
  return hash.digest('hex');
}

/**
 * The model of the current training input in a file of a folder (node_modules/.cache): every test
 * file, CLI call and server start would otherwise retrain for seconds. A file is written whole
 * (temporary name, then rename) so that parallel processes never read half of one; any failure to
 * read or write only means training again.
 */
export function fileModelCache(folder: string): ModelCache {
  return {
    read(key) {
      try {
        const file = readFileSync(join(folder, `${key}.bin`));
        const headerLength = file.readUInt32LE(0);
        const header = JSON.parse(file.subarray(4, 4 + headerLength).toString('utf8')) as { labels: string[]; features: string[] };
        const start = 4 + headerLength + paddingAfter(headerLength);
        return unpack(header, new Float64Array(file.buffer.slice(file.byteOffset + start, file.byteOffset + file.length)));
      } catch {
        return undefined;
      }
    },
    write(key, parameters) {
      try {
        mkdirSync(folder, { recursive: true });
        const header = Buffer.from(JSON.stringify({ labels: parameters.labels, features: parameters.features }), 'utf8');
        const lengthField = Buffer.alloc(4);
        lengthField.writeUInt32LE(header.length, 0);
        const padding = Buffer.alloc(paddingAfter(header.length));
        const all = new Float64Array(parameters.weights.length + parameters.bias.length);
        all.set(parameters.weights);
        all.set(parameters.bias, parameters.weights.length);
        const numbers = Buffer.from(all.buffer);
        const temporary = join(folder, `${key}.${process.pid}.tmp`);
        writeFileSync(temporary, Buffer.concat([lengthField, header, padding, numbers]));
        renameSync(temporary, join(folder, `${key}.bin`));
        // Only the current training data matters: models of earlier data would pile up (megabytes each).
        for (const name of readdirSync(folder)) if (name.endsWith('.bin') && name !== `${key}.bin`) rmSync(join(folder, name), { force: true });
      } catch {
        // A read-only folder: the next process trains again.
      }
    },
  };
}

/** The numbers start on a multiple of 8 bytes, after the 4-byte length and the JSON header. */
function paddingAfter(headerLength: number): number {
  return (8 - ((4 + headerLength) % 8)) % 8;
}

function unpack(header: { labels: string[]; features: string[] }, numbers: Float64Array): SoftmaxParameters | undefined {
  const size = header.labels.length * header.features.length;
  if (numbers.length !== size + header.labels.length) return undefined;
  return { labels: header.labels, features: header.features, weights: numbers.slice(0, size), bias: numbers.slice(size) };
}
