import {
  Declaration,
  evaluateDeclaration,
  inScopeMetals,
  matchSmelterRows,
  ReferenceIndex,
  streams,
  summariseFindings,
  type DeclarationScope,
  type Metal,
  type ReferenceRow,
  type SmelterRow,
} from '@dd/domain';
import { MemoryEventStore } from '@dd/event-store';
import { completeDeclaration } from '@dd/domain/testing';
import { canonicalDump } from '../core/canonical-dump';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { appendEvent } from '../test-support/typed-events.fixture';
import { productConclusionsProjection } from './product-conclusions.projection';
import { ProductConclusionQueries } from './product-conclusions.queries';

const period = 2024;
const source = { kind: 'csv' as const, fileName: 'list.csv', sha256: 'e'.repeat(64) };
const referenceRows: ReferenceRow[] = [
  { metal: 'tin', lookupName: 'Alpha Tin Smelter', standardName: 'Alpha Tin Smelter', country: 'MALAYSIA', smelterId: 'CID000001' },
  { metal: 'tin', lookupName: 'Kivu Tin Works', standardName: 'Kivu Tin Works', country: 'RWANDA', smelterId: 'CID000002' },
  { metal: 'gold', lookupName: 'Bright Gold Refinery', standardName: 'Bright Gold Refinery', country: 'JAPAN', smelterId: 'CID000003' },
];
const reference = new ReferenceIndex(referenceRows, '2024-02-28');

/** The complete fixture declaration, reshaped: these metals in scope with their Q3, these smelter rows. */
function declaration(
  scope: DeclarationScope,
  metals: Partial<Record<Metal, 'Yes' | 'No' | 'Unknown'>>,
  smelters: SmelterRow[],
): Declaration {
  const base = completeDeclaration();
  base.company.scope = scope;
  const answered = base.minerals.tungsten;
  for (const metal of ['tantalum', 'tin', 'gold', 'tungsten'] as const) {
    const q3 = metals[metal];
    base.minerals[metal] = q3
      ? { ...answered, q3: { answer: q3, ...(q3 === 'Yes' ? { comment: 'RMAP-conformant smelters' } : {}) } }
      : { q1: { answer: 'No' } };
  }
  base.smelters = smelters;
  if (scope === 'product') base.products = [{ row: 6, number: 'P-100', name: 'Module board' }];
  return Declaration.parse(base);
}

const tinRow = (row: number, name: string, smelterId?: string): SmelterRow => ({
  row,
  metal: 'tin',
  lookupName: name,
  name,
  ...(smelterId ? { smelterId } : {}),
});

describe('product conclusions per period', () => {
  let store: MemoryEventStore;
  let db: ReadModelDb;
  let queries: ProductConclusionQueries;
  const responses = new Map<string, number>();

  beforeEach(() => {
    store = new MemoryEventStore();
    db = openReadModelDb(':memory:');
    queries = new ProductConclusionQueries(db);
    responses.clear();
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  const product = (productId: string, productLine: string, metalsNecessary: Metal[], suppliers: string[]) =>
    appendEvent(store, streams.product(productId), 'ProductRegistered', {
      productId,
      name: `Product ${productId}`,
      productLine,
      metalsNecessary,
      determination: 'solder and plating',
    }).then(async (registered) => {
      for (const supplierId of suppliers)
        await appendEvent(store, streams.product(productId), 'ProductSupplierLinked', { productId, supplierId });
      return registered;
    });

  /** A ResponseRecorded as the survey decider writes it: findings, scope and rows matched against the reference list. */
  const respond = (supplierId: string, answers: Declaration) => {
    const responseNumber = (responses.get(supplierId) ?? 0) + 1;
    responses.set(supplierId, responseNumber);
    const findings = evaluateDeclaration(answers, { receivedAt: '2024-06-03T09:30:00.000Z' });
    return appendEvent(store, streams.survey(period, supplierId), 'ResponseRecorded', {
      supplierId,
      period,
      requestNumber: 1,
      responseNumber,
      receivedAt: '2024-06-03T09:30:00.000Z',
      declaration: answers,
      source: { kind: 'json' },
      inScopeMetals: inScopeMetals(answers),
      findings,
      followUpKinds: summariseFindings(findings).followUpKinds,
      smelterMatches: matchSmelterRows(answers.smelters, reference),
      referenceListAsOf: reference.asOf,
      ...(responseNumber > 1 ? { supersedesResponse: responseNumber - 1 } : {}),
    });
  };

  const statusList = () =>
    appendEvent(store, streams.rmapStatus(), 'RmapStatusListImported', {
      asOf: '2024-07-01',
      source,
      entries: [
        { metal: 'tin', smelterId: 'CID000001', status: 'conformant' },
        { metal: 'tin', smelterId: 'CID000002', status: 'non-conformant' },
        { metal: 'gold', smelterId: 'CID000003', status: 'conformant' },
      ],
      changes: [],
    });

  const conclusions = async () => {
    await projectAll(store, db, [productConclusionsProjection]);
    return Object.fromEntries(queries.forPeriod(period).map((entry) => [entry.productId, entry]));
  };

  it('given company-level declarations only (the seed report), then DRC conflict undeterminable, per metal, traced to the responses', async () => {
    await product('xport', 'OEM Modules', ['tin', 'gold'], ['cm-1', 'cm-2']);
    const first = await respond('cm-1', declaration('company', { tin: 'No', gold: 'No' }, [tinRow(5, 'Alpha Tin Smelter', 'CID000001')]));
    const second = await respond('cm-2', declaration('company', { tin: 'Unknown', gold: 'No' }, []));
    await statusList();

    const { xport } = await conclusions();
    expect(xport).toMatchObject({
      name: 'Product xport',
      productLine: 'OEM Modules',
      metalsNecessary: ['tin', 'gold'],
      suppliers: ['cm-1', 'cm-2'],
    });
    expect(xport.conclusion).toBe('DRC conflict undeterminable');
    expect(xport.reasons.map((reason) => [reason.code, reason.supplierId, reason.metal, reason.eventIds])).toEqual([
      ['company-level-declaration', 'cm-1', 'tin', [first.eventId]],
      ['company-level-declaration', 'cm-1', 'gold', [first.eventId]],
      ['company-level-declaration', 'cm-2', 'tin', [second.eventId]],
      ['company-level-declaration', 'cm-2', 'gold', [second.eventId]],
    ]);
    expect(queries.summary(period)).toEqual({
      period,
      products: 1,
      byConclusion: {
        'DRC conflict free': 0,
        'not found to be DRC conflict free': 0,
        'DRC conflict undeterminable': 1,
        'no 3TG necessary': 0,
      },
      statusList: { asOf: '2024-07-01', eventId: expect.any(String) },
    });
  });

  it('given a product-level chain of RMAP-conformant smelters, then DRC conflict free, citing the response and the status list', async () => {
    await product('eds', 'Enterprise Solutions', ['tin'], ['cm-3']);
    const response = await respond('cm-3', declaration('product', { tin: 'Yes' }, [tinRow(5, 'Alpha Tin Smelter', 'CID000001')]));
    const list = await statusList();
    const { eds } = await conclusions();
    expect(eds.conclusion).toBe('DRC conflict free');
    expect(eds.reasons).toEqual([
      expect.objectContaining({
        code: 'all-smelters-conformant',
        supplierId: 'cm-3',
        metal: 'tin',
        eventIds: [response.eventId, list.eventId],
      }),
    ]);
  });

  it('given a non-conformant smelter with Q3 Yes, then not found to be DRC conflict free — the latest response decides', async () => {
    await product('spider', 'Enterprise Solutions', ['tin'], ['cm-4', 'cm-5']);
    const named = await respond(
      'cm-4',
      declaration('product', { tin: 'Yes' }, [tinRow(5, 'Kivu Tin Works', 'CID000002'), tinRow(6, 'Alpha Tin Smelter', 'CID000001')]),
    );
    await respond('cm-5', declaration('company', { tin: 'No' }, []));
    const list = await statusList();
    let { spider } = await conclusions();
    expect(spider.conclusion).toBe('not found to be DRC conflict free');
    expect(spider.reasons[0]).toMatchObject({
      code: 'non-conformant-smelter-covered-countries',
      supplierId: 'cm-4',
      metal: 'tin',
      message: 'cm-4: CID000002 (non-conformant) for tin, with covered-country sourcing answered yes',
      eventIds: [named.eventId, list.eventId],
    });
    expect(spider.reasons.map((reason) => reason.code)).toEqual(['non-conformant-smelter-covered-countries', 'company-level-declaration']);

    // A resubmission answering Q3 No: the smelter is no longer said to source from the covered countries,
    // so only cm-5's company-level answer keeps the product from a conclusion.
    await respond('cm-4', declaration('product', { tin: 'No' }, [tinRow(5, 'Kivu Tin Works', 'CID000002')]));
    ({ spider } = await conclusions());
    expect(spider.conclusion).toBe('DRC conflict undeterminable');
    expect(spider.reasons.map((reason) => [reason.code, reason.supplierId])).toEqual([['company-level-declaration', 'cm-5']]);
  });

  it('given an unresolved smelter row, then undeterminable; once a person confirms the smelter, the confirmation is part of the trace', async () => {
    await product('mod', 'OEM Modules', ['tin'], ['cm-6']);
    const response = await respond('cm-6', declaration('product', { tin: 'Yes' }, [tinRow(5, 'Alpha Tin Smeltr Sdn Bhd')]));
    await statusList();
    let { mod } = await conclusions();
    expect(mod.conclusion).toBe('DRC conflict undeterminable');
    expect(mod.reasons[0]).toMatchObject({ code: 'unidentified-smelters', eventIds: [response.eventId] });

    const confirmed = await appendEvent(store, streams.survey(period, 'cm-6'), 'SmelterMatchConfirmed', {
      supplierId: 'cm-6',
      period,
      responseNumber: 1,
      index: 0,
      row: 5,
      metal: 'tin',
      smelterId: 'CID000001',
      standardName: 'Alpha Tin Smelter',
      previousStatus: 'needs-confirmation',
    });
    ({ mod } = await conclusions());
    expect(mod.conclusion).toBe('DRC conflict free');
    expect(mod.reasons[0].eventIds).toEqual([response.eventId, confirmed.eventId, expect.any(String)]);
  });

  it('given no supplier linked, no response, or no 3TG necessary, then the product says so, traced to its own determination', async () => {
    const lonely = await product('lonely', 'OEM Modules', ['gold'], []);
    await product('waiting', 'OEM Modules', ['gold'], ['cm-9']);
    await product('plastic', 'Accessories', [], []);
    const redesign = await appendEvent(store, streams.product('plastic'), 'ProductMetalsDetermined', {
      productId: 'plastic',
      metalsNecessary: [],
      determination: 'all plastic',
    });
    const all = await conclusions();
    expect(Object.keys(all)).toEqual(['plastic', 'lonely', 'waiting']);
    expect(all.lonely.reasons).toEqual([expect.objectContaining({ code: 'no-suppliers-linked', eventIds: [lonely.eventId] })]);
    expect(all.waiting.reasons).toEqual([expect.objectContaining({ code: 'supplier-not-responded', supplierId: 'cm-9', eventIds: [] })]);
    expect(all.plastic).toMatchObject({
      conclusion: 'no 3TG necessary',
      reasons: [expect.objectContaining({ eventIds: [redesign.eventId] })],
    });
    expect(queries.forPeriod(2025).map((entry) => entry.conclusion)).toEqual([
      'no 3TG necessary',
      'DRC conflict undeterminable',
      'DRC conflict undeterminable',
    ]);
  });

  it('applied twice, and rebuilt from the log, equals the live read model', async () => {
    await product('xport', 'OEM Modules', ['tin'], ['cm-1']);
    await respond('cm-1', declaration('product', { tin: 'Yes' }, [tinRow(5, 'Alpha Tin Smeltr')]));
    await projectAll(store, db, [productConclusionsProjection]);
    await appendEvent(store, streams.survey(period, 'cm-1'), 'SmelterMatchConfirmed', {
      supplierId: 'cm-1',
      period,
      responseNumber: 1,
      index: 0,
      row: 5,
      metal: 'tin',
      smelterId: 'CID000001',
      standardName: 'Alpha Tin Smelter',
      previousStatus: 'needs-confirmation',
    });
    await respond('cm-1', declaration('product', { tin: 'Yes' }, [tinRow(5, 'Kivu Tin Works', 'CID000002')]));
    await statusList();
    await appendEvent(store, streams.product('xport'), 'ProductMetalsDetermined', {
      productId: 'xport',
      metalsNecessary: ['tin', 'gold'],
      determination: 'gold plating added',
    });
    await projectAll(store, db, [productConclusionsProjection]);
    const live = canonicalDump(db, [productConclusionsProjection]);
    const { once, twice, db: rebuilt } = await projectTwice(store, [productConclusionsProjection]);
    try {
      expect(once).toEqual(live);
      expect(twice).toEqual(live);
      expect(new ProductConclusionQueries(rebuilt).forPeriod(period)).toEqual(queries.forPeriod(period));
      expect(queries.forPeriod(period)[0].conclusion).toBe('not found to be DRC conflict free');
    } finally {
      rebuilt.close();
    }
  });
});
