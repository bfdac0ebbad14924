/**
 * Agreement engine benchmark: the full codings report (every coefficient per code, per
 * document and pooled, for all three units of analysis) on generated data (seeded, so every run
 * sees the same codings): 500 documents × 50 codes, 50,000 codings per coder, for 2 and for
 * 5 coders, then 2× and 4× the codings to show how the cost grows.
 */
import type { CodeId, CoderId, DocumentId } from '../../shared/model/index.ts';
import { computeCodingAgreement, type CodingsInput } from '../../shared/agreement/codings.ts';
import { createRandom } from '../../shared/agreement/prng.ts';
import { median, reportFigure, timeRuns } from './report.ts';

const DOCUMENTS = 500;
const CODES = 50;
const DOCUMENT_LENGTH = 20_000;

/**
 * Coders who mostly agree: each "true" coding is kept by a coder with probability 0.8 and then
 * nudged by a few characters, plus some codings of their own.
 */
function generate(coders: number, codingsPerCoder: number, seed: number): CodingsInput {
  const random = createRandom(seed);
  const documents = Array.from({ length: DOCUMENTS }, (_, i) => ({ id: `doc-${i}` as DocumentId, length: DOCUMENT_LENGTH }));
  const codes = Array.from({ length: CODES }, (_, i) => ({ id: `code-${i}` as CodeId }));
  const coderIds = Array.from({ length: coders }, (_, i) => `coder-${i}` as CoderId);
  const segments: CodingsInput['segments'][number][] = [];
  const truths = Math.round(codingsPerCoder / 0.9);
  for (let t = 0; t < truths; t++) {
    const documentId = documents[Math.floor(random() * DOCUMENTS)]!.id;
    const codeId = codes[Math.floor(random() * CODES)]!.id;
    const length = 20 + Math.floor(random() * 400);
    const start = Math.floor(random() * (DOCUMENT_LENGTH - length));
    for (const coderId of coderIds) {
      const roll = random();
      if (roll < 0.8) {
        const s = Math.max(0, start + Math.floor(random() * 11) - 5);
        const e = Math.min(DOCUMENT_LENGTH, start + length + Math.floor(random() * 11) - 5);
        segments.push({ documentId, codeId, coderId, start: s, end: e });
      } else if (roll < 0.9) {
        const otherStart = Math.floor(random() * (DOCUMENT_LENGTH - length));
        segments.push({ documentId, codeId, coderId, start: otherStart, end: otherStart + length });
      }
    }
  }
  return { documents, codes, coders: coderIds, segments };
}

function countPerCoder(input: CodingsInput): number {
  return Math.round(input.segments.length / input.coders.length);
}

async function measure(label: string, input: CodingsInput, runs: number): Promise<number> {
  computeCodingAgreement(input); // warm-up
  const samples = await timeRuns(runs, () => computeCodingAgreement(input));
  const value = median(samples);
  console.log(`${label}: ${countPerCoder(input).toLocaleString('en')} codings per coder, median ${value.toFixed(1)} ms over ${runs} runs`);
  return value;
}

const two = generate(2, 50_000, 1);
const twoMedian = await measure('2 coders', two, 7);
reportFigure({ name: 'agreement full report, 2 coders × 50k codings', median: twoMedian, unit: 'ms', target: '< 1000 ms' });

const five = generate(5, 50_000, 2);
const fiveMedian = await measure('5 coders', five, 5);
reportFigure({ name: 'agreement full report, 5 coders × 50k codings', median: fiveMedian, unit: 'ms', target: '< 3000 ms' });

console.log('growth with codings (2 coders):');
const double = await measure('  2× codings', generate(2, 100_000, 3), 5);
reportFigure({ name: 'agreement full report, 2 coders × 100k codings', median: double, unit: 'ms', target: 'linear: ≤ 2× the 50k figure' });
const quadruple = await measure('  4× codings', generate(2, 200_000, 4), 3);
reportFigure({ name: 'agreement full report, 2 coders × 200k codings', median: quadruple, unit: 'ms', target: 'linear: ≤ 4× the 50k figure' });
console.log(`  ratios: 2× → ${(double / twoMedian).toFixed(2)}, 4× → ${(quadruple / twoMedian).toFixed(2)}`);
