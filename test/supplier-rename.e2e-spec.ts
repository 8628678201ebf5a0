import { RunningApi } from './support/running-api';

/**
 * A supplier rebrands: given a registered supplier, when it is renamed, then every page and list that
 * names it shows the new name, the trail keeps both, and the same name again changes nothing.
 */
describe('renaming a supplier over HTTP', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await RunningApi.start();
    expect((await api.post('RegisterSupplier', { supplierId: 'acme', name: 'Acme Metals', tier: 'direct', country: 'TW' })).status).toBe(
      201,
    );
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('shows the new name on the supplier page and in the supplier list, and keeps both names in the trail', async () => {
    const renamed = await api.post('RenameSupplier', { supplierId: 'acme', name: 'Acme Electronics', reason: 'rebranded' });
    expect(renamed.status).toBe(201);

    expect((await api.get('/suppliers/acme')).body).toMatchObject({ supplierId: 'acme', name: 'Acme Electronics' });
    const list = (await api.get('/suppliers?tier=direct')).body;
    expect(JSON.stringify(list)).toContain('Acme Electronics');
    expect(JSON.stringify(list)).not.toContain('Acme Metals');

    const trail = (await api.get('/audit-trail?supplierId=acme&include=data')).body;
    const event = trail.items.find((item: any) => item.type === 'SupplierRenamed');
    expect(event.data).toEqual({ supplierId: 'acme', previousName: 'Acme Metals', name: 'Acme Electronics', reason: 'rebranded' });
  });

  it('appends nothing for the name it already has, and refuses an unknown supplier', async () => {
    const again = await api.post('RenameSupplier', { supplierId: 'acme', name: 'Acme Electronics' });
    expect(again.status).toBe(201);
    expect(again.body.eventIds).toEqual([]);
    const unknown = await api.post('RenameSupplier', { supplierId: 'nobody', name: 'Nobody Ltd' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('supplier-unknown');
  });
});
