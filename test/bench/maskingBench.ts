/**
 * Times PersonalInformationMasker.mask on adversarial inputs of 10 kB, 100 kB and 1 MB: with linear
 * patterns each tenfold input takes about ten times longer (a quadratic pattern would take 100 times).
 * Run with `node dist/test/bench/maskingBench.js` after `npm run build`.
 */
import { publicContactValues } from '../../domain/contacts';
import { PersonalInformationMasker } from '../../domain/privacy/masking';

const SIZES = [10_000, 100_000, 1_000_000];
const RUNS = 3;

/** Each builds a text of about n characters. */
const INPUTS: Record<string, (n: number) => string> = {
  'letters, no @': (n) => 'a'.repeat(n),
  'a.a.a.a…': (n) => 'a.'.repeat(n / 2),
  'a@a@a@…': (n) => 'a@'.repeat(n / 2),
  digits: (n) => '1'.repeat(n),
  'digits and spaces': (n) => '1 '.repeat(n / 2),
  'digits and dashes': (n) => '12-'.repeat(n / 3),
  'name cues': (n) => 'nom : '.repeat(n / 6),
  'ordinary French': (n) => "Bonjour, je m'appelle Hélène Gagnon, mon NAS est 046 454 286 et mon examen a planté. ".repeat(n / 86),
};

export function runMaskingBench(print: (line: string) => void = console.log): string[] {
  const masker = new PersonalInformationMasker(publicContactValues());
  const lines = [`${'input'.padEnd(20)}${SIZES.map((n) => `${n / 1000} kB`.padStart(12)).join('')}   (median of ${RUNS}, ms)`];
  print(lines[0]);
  for (const [name, build] of Object.entries(INPUTS)) {
    const cells = SIZES.map((size) => {
      const text = build(size);
      const times = Array.from({ length: RUNS }, () => {
        const start = performance.now();
        masker.mask(text);
        return performance.now() - start;
      }).sort((a, b) => a - b);
      return times[Math.floor(RUNS / 2)].toFixed(1).padStart(12);
    });
    const line = `${name.padEnd(20)}${cells.join('')}`;
    lines.push(line);
    print(line);
  }
  return lines;
}

if (require.main === module) runMaskingBench();
