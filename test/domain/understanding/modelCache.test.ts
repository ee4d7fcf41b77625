import { writeFileSync } from 'node:fs';
import { SoftmaxModel } from '../../../domain/understanding/softmaxModel';
import { fileModelCache, trainingKey } from '../../../domain/understanding/modelCache';
import { tempDir } from '../../helpers/tempDir';

const examples = [
  { features: new Map([['heure', 1], ['ouvert', 1]]), label: 'hours' },
  { features: new Map([['telephone', 1], ['numero', 1]]), label: 'phone' },
  { features: new Map([['ouvert', 1], ['samedi', 1]]), label: 'hours' },
  { features: new Map([['appeler', 1], ['numero', 0.5]]), label: 'phone' },
];

describe('the trained-model cache', () => {
  it('gives back, from a file, the very model training gives', () => {
    const dir = tempDir();
    try {
      const cache = fileModelCache(dir.path);
      const trained = SoftmaxModel.trainCached(examples, { epochs: 20 }, cache);
      const reread = SoftmaxModel.trainCached(examples, { epochs: 20 }, cache);
      for (const features of [new Map([['ouvert', 1]]), new Map([['numero', 1], ['inconnu', 1]])]) {
        expect(reread.predict(features)).toEqual(trained.predict(features));
      }
      expect(cache.read(trainingKey(examples, { epochs: 20 }))).toBeDefined();
    } finally {
      dir.cleanup();
    }
  });

  it('keys on every part of the input: other data or options train anew', () => {
    const base = trainingKey(examples, { epochs: 20 });
    expect(trainingKey(examples, { epochs: 21 })).not.toBe(base);
    expect(trainingKey([...examples.slice(0, 3), { ...examples[3], label: 'hours' }], { epochs: 20 })).not.toBe(base);
    expect(trainingKey([...examples.slice(0, 3), { ...examples[3], features: new Map([['appeler', 1], ['numero', 0.6]]) }], { epochs: 20 })).not.toBe(base);
  });

  it('treats a damaged file as missing', () => {
    const dir = tempDir();
    try {
      const cache = fileModelCache(dir.path);
      const key = trainingKey(examples, {});
      writeFileSync(`${dir.path}/${key}.bin`, Buffer.from([1, 2, 3]));
      expect(cache.read(key)).toBeUndefined();
      expect(SoftmaxModel.trainCached(examples, {}, cache).predict(new Map([['ouvert', 1]]))[0].label).toBe('hours');
    } finally {
      dir.cleanup();
    }
  });
});
