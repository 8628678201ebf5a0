import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Database from 'better-sqlite3';
import { CMRT_REJECTION_CODES, readCmrt } from '@dd/cmrt';
import { Declaration } from '@dd/domain';
import { isBlankDeclaration } from '@dd/cmrt/testing';
import { fuzzBases, mutations } from '@dd/cmrt/testing';
import { RunningApi } from './support/running-api';

/**
 * The archive fuzz of libs/cmrt/src/read-cmrt.fuzz.spec.ts, through POST /cmrt-responses over real
 * HTTP onto a real SQLite log: the same seeded mutations (the first CMRT_FUZZ_HTTP_CASES of them).
 * Each upload is recorded (201) exactly as the original would be, or refused (413 too-large, 422
 * with a rejection code) with nothing appended to the log. None answers 500; no recorded response
 * is blank (see isBlankDeclaration); memory stays bounded while bombs arrive.
 */
const SEED = Number(process.env.CMRT_FUZZ_SEED ?? 20240607);
const CASES = Number(process.env.CMRT_FUZZ_HTTP_CASES ?? 420);
/**
 * Generous: uploads copy each file several times (client form, multer, reader) and the garbage
 * waits for the collector, so RSS rises ~200 MB over 1,000 uploads. A bomb inflated to its real
 * 150 MB (twice that while zlib joins its chunks) would still break it.
 */
const MAX_RSS_GROWTH = 384 * 1024 * 1024;
const MAX_HEAP_GROWTH = 128 * 1024 * 1024;
const period = 2024;

describe(`POST /cmrt-responses with ${CASES} mutated workbooks (seed ${SEED})`, () => {
  const { bases, source } = fuzzBases();
  const originals = new Map(bases.map((base) => [base.name, readCmrt(base.bytes).declaration]));
  const supplierOf = new Map(bases.map((base, i) => [base.name, `fuzz-${i}`]));
  let api: RunningApi;
  let log: Database.Database;
  // Responses recorded so far. (All events would not do: process managers append after a 201 returns.)
  const responseCount = () => (log.prepare(`SELECT COUNT(*) AS n FROM events WHERE type = 'ResponseRecorded'`).get() as { n: number }).n;

  beforeAll(async () => {
    api = await RunningApi.start();
    for (const base of bases) {
      const supplierId = supplierOf.get(base.name)!;
      const name = originals.get(base.name)!.company.name ?? base.name;
      expect((await api.post('RegisterSupplier', { supplierId, name, tier: 'direct' })).status).toBe(201);
      expect((await api.post('SendCMRT', { supplierId, period, dueDate: `${new Date().getUTCFullYear() + 1}-01-31` })).status).toBe(201);
    }
    log = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true });
  });

  afterAll(async () => {
    log?.close();
    await api?.stop();
    api?.removeData();
  });

  it('records each as the original would be or refuses it with a code, appending nothing; never 500; nothing blank recorded', async () => {
    const statuses: Record<string, number> = {};
    const failures: string[] = [];
    const start = process.memoryUsage();
    let peakRss = start.rss;
    let peakHeap = start.heapUsed;

    for (const mutation of mutations(bases, SEED, CASES)) {
      const where = `#${mutation.index} ${mutation.kind} on ${mutation.base}: ${mutation.description}`;
      const before = responseCount();
      const response = await api.upload(
        '/cmrt-responses',
        { supplierId: supplierOf.get(mutation.base)!, period: String(period) },
        { name: `fuzz-${mutation.index}.xlsx`, bytes: mutation.bytes },
      );
      const appended = responseCount() - before;
      const label = response.status === 201 ? '201 recorded' : `${response.status} ${response.body?.code}`;
      statuses[label] = (statuses[label] ?? 0) + 1;
      const original = originals.get(mutation.base)!;

      if (response.status === 201) {
        const body = response.body;
        if (mutation.expected === 'refused') failures.push(`${where} -> 201, but must be refused`);
        if (
          body.company?.name !== original.company.name ||
          body.smelters?.total !== original.smelters.length ||
          body.products !== original.products.length
        ) {
          failures.push(
            `${where} -> 201, but not as the original: ${JSON.stringify({ company: body.company, smelters: body.smelters?.total, products: body.products })}`,
          );
        }
        if (appended !== (body.recorded ? 1 : 0))
          failures.push(`${where} -> 201 (recorded: ${body.recorded}), but ${appended} responses appended`);
      } else if (response.status === 413 || response.status === 422) {
        const code = response.body?.code;
        if (!CMRT_REJECTION_CODES.includes(code))
          failures.push(`${where} -> ${response.status} without a rejection code: ${JSON.stringify(response.body)}`);
        if ((code === 'too-large') !== (response.status === 413)) failures.push(`${where} -> ${response.status} with code ${code}`);
        if (mutation.expected === 'read') failures.push(`${where} -> ${response.status} ${code}, but must be recorded`);
        if (
          (code === 'corrupt-zip' || code === 'too-large') &&
          !String(response.body?.detail).startsWith(`The file "fuzz-${mutation.index}.xlsx" is `)
        ) {
          failures.push(`${where} -> refused without naming the file: ${response.body?.detail}`);
        }
        if (appended !== 0) failures.push(`${where} -> refused, yet ${appended} responses appended`);
      } else {
        failures.push(`${where} -> ${response.status} ${JSON.stringify(response.body)}`);
      }
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }

    // What the log holds: every recorded response is its supplier's original declaration, none blank.
    const recorded = log.prepare(`SELECT data FROM events WHERE type = 'ResponseRecorded'`).all() as Array<{ data: string }>;
    const expectedDeclarations = new Map(
      bases.map((base) => [supplierOf.get(base.name)!, JSON.parse(JSON.stringify(Declaration.parse(originals.get(base.name))))]),
    );
    let blank = 0;
    for (const { data } of recorded) {
      const event = JSON.parse(data);
      if (isBlankDeclaration(event.declaration)) blank++;
      else if (!isDeepStrictEqual(event.declaration, expectedDeclarations.get(event.supplierId)))
        failures.push(`recorded for ${event.supplierId}: a declaration unlike the original`);
    }

    console.log(
      [
        `[cmrt fuzz] HTTP: seed ${SEED}, ${CASES} mutations of ${source}`,
        `  ${Object.entries(statuses)
          .sort()
          .map(([label, n]) => `${label}: ${n}`)
          .join(', ')}`,
        `  responses in the log: ${recorded.length} (blank: ${blank})`,
        `  peak growth: RSS ${mb(peakRss - start.rss)} MB, heap ${mb(peakHeap - start.heapUsed)} MB`,
        `  failures: ${failures.length}`,
      ].join('\n'),
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(blank).toBe(0);
    expect(recorded.length).toBeGreaterThan(0);
    expect(peakRss - start.rss).toBeLessThan(MAX_RSS_GROWTH);
    expect(peakHeap - start.heapUsed).toBeLessThan(MAX_HEAP_GROWTH);
    expect((await api.get('/health')).status).toBe(200);
  });
});

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
