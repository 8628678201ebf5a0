import { streams } from '@dd/domain';
import { MemoryEventStore } from '@dd/event-store';
import { canonicalDump } from '../core/canonical-dump';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { appendEvent } from '../test-support/typed-events.fixture';
import { supplyChainProjection } from './supply-chain.projection';
import { SupplyChainQueries } from './supply-chain.queries';

describe('supply chain: suppliers, products and product lines', () => {
  let store: MemoryEventStore;
  let db: ReadModelDb;
  let queries: SupplyChainQueries;

  beforeEach(() => {
    store = new MemoryEventStore();
    db = openReadModelDb(':memory:');
    queries = new SupplyChainQueries(db);
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  const supplier = (supplierId: string, tier: 'direct' | 'indirect', parentSupplierId?: string) =>
    appendEvent(store, streams.supplier(supplierId), 'SupplierRegistered', {
      supplierId,
      name: `Supplier ${supplierId}`,
      tier,
      ...(parentSupplierId ? { parentSupplierId } : {}),
    });
  const product = (productId: string, productLine: string, metalsNecessary: string[]) =>
    appendEvent(store, streams.product(productId), 'ProductRegistered', {
      productId,
      name: `Product ${productId}`,
      productLine,
      metalsNecessary,
      determination: 'solder and plating',
    });
  const link = (productId: string, supplierId: string) =>
    appendEvent(store, streams.product(productId), 'ProductSupplierLinked', { productId, supplierId });

  /** Two contract manufacturers, three sub-tier suppliers (one inactive), two product lines. */
  async function seed() {
    await supplier('cm-1', 'direct');
    await supplier('cm-2', 'direct');
    await supplier('sub-1', 'indirect', 'cm-1');
    await supplier('sub-2', 'indirect', 'cm-1');
    await supplier('sub-3', 'indirect', 'cm-2');
    await appendEvent(store, streams.supplier('cm-1'), 'SupplierOwnerAssigned', { supplierId: 'cm-1', owner: 'buyer-a' });
    await appendEvent(store, streams.supplier('cm-1'), 'SupplierOwnerAssigned', {
      supplierId: 'cm-1',
      owner: 'buyer-b',
      previousOwner: 'buyer-a',
    });
    await appendEvent(store, streams.supplier('cm-1'), 'SupplierContactAdded', {
      supplierId: 'cm-1',
      name: 'Ana',
      email: 'Ana@cm1.example',
      role: 'compliance',
    });
    await appendEvent(store, streams.supplier('cm-1'), 'SupplierContactAdded', {
      supplierId: 'cm-1',
      name: 'Bo',
      email: 'bo@cm1.example',
      language: 'zh',
    });
    await appendEvent(store, streams.supplier('sub-3'), 'SupplierStatusChanged', {
      supplierId: 'sub-3',
      status: 'inactive',
      reason: 'no longer supplies',
    });
    await product('xport', 'OEM Modules', ['tin', 'gold']);
    await product('eds', 'Enterprise Solutions', ['tantalum']);
    await product('cable', 'Enterprise Solutions', []);
    await link('xport', 'cm-1');
    await link('xport', 'sub-1');
    await link('eds', 'cm-2');
    await link('eds', 'sub-3');
    await link('cable', 'sub-2');
    await appendEvent(store, streams.product('xport'), 'ProductMetalsDetermined', {
      productId: 'xport',
      metalsNecessary: ['tin'],
      determination: 'gold plating removed in rev C',
    });
  }

  it('given suppliers with owners, contacts and status, then the profiles show them', async () => {
    await seed();
    await projectAll(store, db, [supplyChainProjection]);
    expect(queries.supplier('cm-1')).toEqual({
      supplierId: 'cm-1',
      name: 'Supplier cm-1',
      tier: 'direct',
      country: null,
      parentSupplierId: null,
      status: 'active',
      statusReason: null,
      owner: 'buyer-b',
      registeredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      contacts: [
        // A contact recorded without a language is written to in English.
        { name: 'Ana', email: 'Ana@cm1.example', role: 'compliance', language: 'en', addedAt: expect.any(String) },
        { name: 'Bo', email: 'bo@cm1.example', role: null, language: 'zh', addedAt: expect.any(String) },
      ],
      productIds: ['xport'],
    });
    expect(queries.supplier('sub-3')).toMatchObject({
      tier: 'indirect',
      parentSupplierId: 'cm-2',
      status: 'inactive',
      statusReason: 'no longer supplies',
      owner: null,
      contacts: [],
    });
    expect(queries.supplier('nobody')).toBeNull();
    expect(queries.suppliers().map((s) => s.supplierId)).toEqual(['cm-1', 'cm-2', 'sub-1', 'sub-2', 'sub-3']);
    expect(queries.suppliers({ tier: 'indirect', status: 'active' }).map((s) => s.supplierId)).toEqual(['sub-1', 'sub-2']);
    expect(queries.suppliers({ status: 'inactive' }).map((s) => s.supplierId)).toEqual(['sub-3']);
    expect(queries.suppliers()[0]).toEqual(queries.supplier('cm-1'));
  });

  it('given products, a revised determination and links, then each product shows its metals and suppliers', async () => {
    await seed();
    await projectAll(store, db, [supplyChainProjection]);
    expect(queries.product('xport')).toEqual({
      productId: 'xport',
      name: 'Product xport',
      productLine: 'OEM Modules',
      metalsNecessary: ['tin'],
      determination: 'gold plating removed in rev C',
      inScope: true,
      registeredAt: expect.any(String),
      determinedAt: expect.any(String),
      suppliers: [
        { supplierId: 'cm-1', name: 'Supplier cm-1', tier: 'direct', status: 'active' },
        { supplierId: 'sub-1', name: 'Supplier sub-1', tier: 'indirect', status: 'active' },
      ],
    });
    expect(queries.product('cable')).toMatchObject({ metalsNecessary: [], inScope: false, suppliers: [{ supplierId: 'sub-2' }] });
    expect(queries.products({ productLine: 'Enterprise Solutions' }).map((p) => p.productId)).toEqual(['cable', 'eds']);
    expect(queries.products().map((p) => p.productId)).toEqual(['cable', 'eds', 'xport']);
    expect(queries.productLines()).toEqual([
      { productLine: 'Enterprise Solutions', products: 2, suppliers: 3, metalsNecessary: ['tantalum'] },
      { productLine: 'OEM Modules', products: 1, suppliers: 2, metalsNecessary: ['tin'] },
    ]);
    expect(queries.product('nothing')).toBeNull();
  });

  it('resolves campaign selections to active suppliers only, the criteria AND-ed', async () => {
    await seed();
    await projectAll(store, db, [supplyChainProjection]);
    expect(queries.select({})).toEqual(['cm-1', 'cm-2', 'sub-1', 'sub-2']);
    expect(queries.select({ tier: 'indirect' })).toEqual(['sub-1', 'sub-2']);
    expect(queries.select({ productLine: 'Enterprise Solutions' })).toEqual(['cm-2', 'sub-2']);
    expect(queries.select({ productLine: 'Enterprise Solutions', tier: 'direct' })).toEqual(['cm-2']);
    expect(queries.select({ supplierIds: ['sub-3', 'sub-1', 'ghost'] })).toEqual(['sub-1']);
    expect(queries.select({ supplierIds: ['cm-1', 'sub-1'], tier: 'indirect' })).toEqual(['sub-1']);
    expect(queries.select({ productLine: 'Accessories' })).toEqual([]);
  });

  it('applied twice, and rebuilt from the log, equals the live read model', async () => {
    await supplier('cm-1', 'direct');
    await projectAll(store, db, [supplyChainProjection]);
    await seedRest();
    await projectAll(store, db, [supplyChainProjection]);
    const live = canonicalDump(db, [supplyChainProjection]);
    const { once, twice, db: rebuilt } = await projectTwice(store, [supplyChainProjection]);
    try {
      expect(once).toEqual(live);
      expect(twice).toEqual(live);
      expect(new SupplyChainQueries(rebuilt).suppliers()).toEqual(queries.suppliers());
      expect(new SupplyChainQueries(rebuilt).products()).toEqual(queries.products());
      expect(live.sc_product_suppliers).toHaveLength(5);
    } finally {
      rebuilt.close();
    }

    async function seedRest() {
      await supplier('cm-2', 'direct');
      await supplier('sub-1', 'indirect', 'cm-1');
      await supplier('sub-2', 'indirect', 'cm-1');
      await supplier('sub-3', 'indirect', 'cm-2');
      await appendEvent(store, streams.supplier('cm-1'), 'SupplierOwnerAssigned', { supplierId: 'cm-1', owner: 'buyer-a' });
      await appendEvent(store, streams.supplier('cm-1'), 'SupplierContactAdded', {
        supplierId: 'cm-1',
        name: 'Ana',
        email: 'ana@cm1.example',
      });
      await appendEvent(store, streams.supplier('sub-3'), 'SupplierStatusChanged', {
        supplierId: 'sub-3',
        status: 'inactive',
        reason: 'gone',
      });
      await appendEvent(store, streams.supplier('sub-3'), 'SupplierStatusChanged', {
        supplierId: 'sub-3',
        status: 'active',
        reason: 'back',
      });
      await product('xport', 'OEM Modules', ['tin', 'gold']);
      await product('eds', 'Enterprise Solutions', ['tantalum']);
      for (const [p, s] of [
        ['xport', 'cm-1'],
        ['xport', 'sub-1'],
        ['eds', 'cm-2'],
        ['eds', 'sub-3'],
        ['eds', 'sub-2'],
      ])
        await link(p, s);
      await appendEvent(store, streams.product('xport'), 'ProductMetalsDetermined', {
        productId: 'xport',
        metalsNecessary: ['tin'],
        determination: 'rev C',
      });
    }
  });
});
