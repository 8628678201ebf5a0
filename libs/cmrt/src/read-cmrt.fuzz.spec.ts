import { isDeepStrictEqual } from 'node:util';
import { CmrtRejected, CMRT_REJECTION_CODES } from './cmrt-rejected';
import { readCmrt, type CmrtReadResult } from './read-cmrt';
import { isBlankDeclaration } from './test-support/blank-declaration';
import { fuzzBases, mutations, type Mutation } from './test-support/zip-mutations';

/**
 * Seeded fuzz of the archive layer: damaged and doctored copies of real workbooks (bit flips,
 * truncations, sizes and CRCs edited in one header or both, entries rearranged or listed twice,
 * compression methods, end-record fields, zip bombs that lie about their size) are each either
 * read or refused with a rejection code. Nothing else may happen: no other error, no blank
 * declaration, no declaration that differs from the original's (every byte the reader uses is
 * covered by a CRC-32 or a cross-checked header), and memory stays bounded while bombs pass.
 *
 * CMRT_FUZZ_SEED and CMRT_FUZZ_CASES choose the run; a failure names the seed and index to replay.
 */
const SEED = Number(process.env.CMRT_FUZZ_SEED ?? 20240607);
const CASES = Number(process.env.CMRT_FUZZ_CASES ?? 1050);
/**
 * Generous: garbage (a 1.4 MB copy per mutation, what each read inflates) waits for the collector,
 * so RSS rises ~170 MB over 1,000 reads. A bomb inflated to its real 150 MB (twice that while zlib
 * joins its chunks) would break it.
 */
const MAX_RSS_GROWTH = 300 * 1024 * 1024;
const MAX_HEAP_GROWTH = 128 * 1024 * 1024;

type Outcome = { read: CmrtReadResult } | { refused: CmrtRejected };

function attempt(mutation: Mutation): Outcome {
  try {
    return { read: readCmrt(mutation.bytes, { fileName: 'fuzz.xlsx' }) };
  } catch (error) {
    if (error instanceof CmrtRejected) return { refused: error };
    throw error;
  }
}

describe(`readCmrt on ${CASES} mutated workbooks (seed ${SEED})`, () => {
  it('reads each exactly as the original or refuses it with a rejection code; none is blank; memory stays bounded', () => {
    const { bases, source } = fuzzBases();
    const originals = new Map(bases.map((base) => [base.name, readCmrt(base.bytes, { fileName: 'fuzz.xlsx' })]));
    for (const original of originals.values()) expect(isBlankDeclaration(original.declaration)).toBe(false);

    const counts = { read: 0, refused: {} as Record<string, number>, byKind: {} as Record<string, string> };
    const tally: Record<string, { read: number; refused: number }> = {};
    const failures: string[] = [];
    const start = process.memoryUsage();
    let peakRss = start.rss;
    let peakHeap = start.heapUsed;

    for (const mutation of mutations(bases, SEED, CASES)) {
      const where = `#${mutation.index} ${mutation.kind} on ${mutation.base}: ${mutation.description}`;
      let outcome: Outcome;
      try {
        outcome = attempt(mutation);
      } catch (error) {
        failures.push(`${where} -> threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
        continue;
      }
      const kindTally = (tally[mutation.kind] ??= { read: 0, refused: 0 });
      if ('read' in outcome) {
        counts.read++;
        kindTally.read++;
        if (isBlankDeclaration(outcome.read.declaration)) failures.push(`${where} -> read as a blank declaration`);
        else if (!isDeepStrictEqual(outcome.read, originals.get(mutation.base))) failures.push(`${where} -> read, but not as the original`);
        else if (mutation.expected === 'refused') failures.push(`${where} -> read, but must be refused`);
      } else {
        const code = outcome.refused.code;
        counts.refused[code] = (counts.refused[code] ?? 0) + 1;
        kindTally.refused++;
        if (!CMRT_REJECTION_CODES.includes(code)) failures.push(`${where} -> refused with an unknown code ${code}`);
        if (mutation.expected === 'read') failures.push(`${where} -> refused (${code}: ${outcome.refused.message}), but must read`);
        // The archive's refusals are the supplier's to act on: they name the file and say what to do.
        if (
          (code === 'corrupt-zip' || code === 'too-large') &&
          !/^The file "fuzz\.xlsx" is (damaged|too large to process): .*send/.test(outcome.refused.message)
        ) {
          failures.push(`${where} -> refused without naming the file or what to do: ${outcome.refused.message}`);
        }
      }
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }

    const refused = Object.values(counts.refused).reduce((sum, n) => sum + n, 0);
    console.log(
      [
        `[cmrt fuzz] reader: seed ${SEED}, ${CASES} mutations of ${source}`,
        `  read ${counts.read}, refused ${refused}: ${Object.entries(counts.refused)
          .sort()
          .map(([code, n]) => `${code} ${n}`)
          .join(', ')}`,
        `  by kind (read/refused): ${Object.entries(tally)
          .map(([kind, n]) => `${kind} ${n.read}/${n.refused}`)
          .join(', ')}`,
        `  peak growth: RSS ${mb(peakRss - start.rss)} MB, heap ${mb(peakHeap - start.heapUsed)} MB`,
        `  failures: ${failures.length}${failures.length ? ` (${failureKinds(failures)})` : ''}`,
      ].join('\n'),
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(counts.read + refused).toBe(CASES);
    expect(peakRss - start.rss).toBeLessThan(MAX_RSS_GROWTH);
    expect(peakHeap - start.heapUsed).toBeLessThan(MAX_HEAP_GROWTH);
  });
});

/** "blank 3, not as the original 2, ..." from the failure lines. */
function failureKinds(failures: string[]): string {
  const kinds: Record<string, number> = {};
  for (const failure of failures) {
    const what =
      /-> (read as a blank declaration|read, but not as the original|read, but must be refused|refused \(|threw|refused without|refused with)/.exec(
        failure,
      )?.[1] ?? 'other';
    kinds[what] = (kinds[what] ?? 0) + 1;
  }
  return Object.entries(kinds)
    .map(([what, n]) => `${n} ${what.replace(/ \($/, '')}`)
    .join(', ');
}

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
