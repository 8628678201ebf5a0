import { streams } from '@dd/domain';
import ExcelJS from 'exceljs';
import { RunningApi } from './support/running-api';

/**
 * Supplier bulk import over real HTTP, as the console uses it: a CSV or XLSX list previewed row by row
 * (new, unchanged, renamed, updated, error with the column and why), then imported all or nothing,
 * one command per change through the same dispatcher, the principal as actor; the same file again
 * appends nothing.
 */
const KEYS = 'compliance-key-1=alice:compliance,auditor-key-1=audit-firm:auditor';
const alice = { 'x-api-key': 'compliance-key-1' };
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('POST /suppliers/import', () => {
  let api: RunningApi;

  const head = async () => (await api.get('/health')).body.headPosition as number;
  const importFile = (name: string, content: string | Uint8Array, dryRun?: boolean, headers: Record<string, string> = alice) =>
    api.upload(
      `/suppliers/import${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`,
      {},
      { name, bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content, type: name.endsWith('.csv') ? CSV : XLSX },
      headers,
    );
  const statuses = (body: any) =>
    body.rows.map((row: { row: number; supplierId: string; status: string }) => [row.row, row.supplierId, row.status]);
  const supplier = async (id: string) => ((await api.get('/suppliers', alice)).body as Array<any>).find((item) => item.supplierId === id);

  beforeAll(async () => {
    api = await RunningApi.start({ apiKeys: KEYS });
    expect(
      (await api.post('RegisterSupplier', { supplierId: 'acme', name: 'Acme Old Name', tier: 'direct', country: 'DE' }, alice)).status,
    ).toBe(201);
    expect((await api.post('RegisterSupplier', { supplierId: 'kept', name: 'Kept GmbH', tier: 'direct' }, alice)).status).toBe(201);
  });
  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  // A sub-tier supplier listed before its parent: the parent is registered first all the same.
  const list = [
    'Supplier ID;Name;Tier;Country;Parent;Owner;Contact name;Contact e-mail;Language',
    'acme;Acme Components GmbH;direct;DE;;maria.keller;;;',
    'tin-solder;Tin Solder Ltd;Indirect;cn;tin-parts;;Li Wei;li.wei@tin-solder.example;zh',
    'tin-parts;Tin Parts AG;direct;CH;;jonas.weber;Kim Weber;kim@tin.example;de',
    'kept;Kept GmbH;direct;;;;;;',
  ].join('\r\n');

  it('given a list with a renamed, two new and an unchanged supplier, when it is previewed, then each row says what it would do and nothing is written', async () => {
    const before = await head();
    const preview = await importFile('suppliers.csv', list, true);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, imported: false, file: { name: 'suppliers.csv', format: 'csv', rows: 4 } });
    expect(statuses(preview.body)).toEqual([
      [2, 'acme', 'renamed'],
      [3, 'tin-solder', 'new'],
      [4, 'tin-parts', 'new'],
      [5, 'kept', 'unchanged'],
    ]);
    expect(preview.body.rows[0].commands).toEqual(['RenameSupplier', 'AssignSupplierOwner']);
    expect(preview.body.rows[1].commands).toEqual(['RegisterSupplier', 'AddSupplierContact']);
    expect(preview.body.counts).toEqual({ new: 2, unchanged: 1, renamed: 1, updated: 0, error: 0 });
    expect(await head()).toBe(before);
  });

  it('when it is imported, then every change is one command by the principal, parents first; posting the same file again appends nothing', async () => {
    const imported = await importFile('suppliers.csv', list, false);
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toBe(true);
    expect(imported.body.rows.map((row: { eventIds: string[] }) => row.eventIds.length)).toEqual([2, 2, 3, 0]);
    expect(await supplier('acme')).toMatchObject({ name: 'Acme Components GmbH', owner: 'maria.keller' });
    expect(await supplier('tin-solder')).toMatchObject({
      tier: 'indirect',
      country: 'CN',
      parentSupplierId: 'tin-parts',
      contacts: [expect.objectContaining({ name: 'Li Wei', email: 'li.wei@tin-solder.example', language: 'zh' })],
    });
    const trail = (await api.get('/audit-trail?limit=100', alice)).body.items as Array<{ type: string; actor: string; streamId: string }>;
    const imports = trail.slice(2);
    expect(imports.map((event) => event.actor)).toEqual(imports.map(() => 'alice'));
    // Rows run many at once (their suppliers differ), so the log may interleave them: each supplier's
    // commands are in the row's order, and the parent is registered before its child.
    const ofStream = (streamId: string) => imports.filter((event) => event.streamId === streamId).map((event) => event.type);
    expect(ofStream(streams.supplier('acme'))).toEqual(['SupplierRenamed', 'SupplierOwnerAssigned']);
    expect(ofStream(streams.supplier('tin-parts'))).toEqual(['SupplierRegistered', 'SupplierOwnerAssigned', 'SupplierContactAdded']);
    expect(ofStream(streams.supplier('tin-solder'))).toEqual(['SupplierRegistered', 'SupplierContactAdded']);
    expect(imports).toHaveLength(7);
    const registered = (streamId: string) =>
      imports.findIndex((event) => event.streamId === streamId && event.type === 'SupplierRegistered');
    expect(registered(streams.supplier('tin-parts'))).toBeLessThan(registered(streams.supplier('tin-solder')));
    const before = await head();
    const again = await importFile('suppliers.csv', list, false);
    expect(again.status).toBe(200);
    expect(statuses(again.body).map((row: unknown[]) => row[2])).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(await head()).toBe(before);
  });

  it('given rows with errors, when previewed, then each names its column and why; when imported, then 400 and nothing is written', async () => {
    const faulty = [
      'supplierId,name,tier,country,parentSupplierId,contactName,contactEmail',
      'new-one,New One,direct,,,,',
      'bad email,Bad,direct,,,Ann,not-an-email',
      'tiered,Tiered,sideways,,,,',
      'acme,Acme Components GmbH,indirect,,,,',
      'orphan,Orphan,indirect,,nobody,,',
      'new-one,Twice,direct,,,,',
      'lonely,Lonely,direct,,,,lonely@example.com',
    ].join('\n');
    const before = await head();
    const preview = await importFile('faulty.csv', faulty, true);
    expect(preview.status).toBe(200);
    const errors = preview.body.rows.map((row: { row: number; status: string; errors: Array<{ field: string }> }) => [
      row.row,
      row.status,
      row.errors.map((error) => error.field),
    ]);
    expect(errors).toEqual([
      [2, 'new', []],
      [3, 'error', ['supplierId', 'contactEmail']],
      [4, 'error', ['tier']],
      [5, 'error', ['tier']],
      [6, 'error', ['parentSupplierId']],
      [7, 'error', ['supplierId']],
      [8, 'error', ['contactName']],
    ]);
    expect(preview.body.rows[3].errors[0].message).toBe('acme is registered with tier direct; an import cannot change it');
    expect(preview.body.rows[5].errors[0].message).toBe('new-one is on row 2 already');

    const refused = await importFile('faulty.csv', faulty, false);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('supplier-import-rows-invalid');
    expect(refused.body.detail).toBe('6 of 7 rows have errors; nothing was imported');
    expect(refused.body.errors).toContainEqual({ path: 'row 3: contactEmail', message: expect.any(String) });
    expect(refused.body.rows).toHaveLength(7);
    expect(await head()).toBe(before);
    expect(await supplier('new-one')).toBeUndefined();
  });

  it('imports an XLSX list (its first sheet) the same way', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Suppliers');
    sheet.addRow(['supplierId', 'name', 'tier', 'owner', 'contactName', 'contactEmail']);
    sheet.addRow(['xl-1', 'Excel Metals', 'direct', 'maria.keller', 'Ana', { text: 'ana@xl.example', hyperlink: 'mailto:ana@xl.example' }]);
    sheet.addRow([]);
    sheet.addRow(['kept', 'Kept GmbH', 'direct', 'jonas.weber']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const imported = await importFile('suppliers.xlsx', bytes, false);
    expect(imported.status).toBe(200);
    expect(imported.body.file.format).toBe('xlsx');
    expect(statuses(imported.body)).toEqual([
      [2, 'xl-1', 'new'],
      [4, 'kept', 'updated'],
    ]);
    expect(await supplier('xl-1')).toMatchObject({
      owner: 'maria.keller',
      contacts: [expect.objectContaining({ email: 'ana@xl.example' })],
    });
    expect(await supplier('kept')).toMatchObject({ owner: 'jonas.weber' });
  });

  it('refuses what is not a supplier list, or not a valid request, naming the field; and an auditor (403)', async () => {
    const unknownColumn = await importFile('x.csv', 'supplierId,name,tier,favouriteColour\na,A,direct,blue\n', true);
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body.errors).toEqual([
      { path: 'file', message: 'unknown column "favouriteColour"' },
      { path: 'file', message: expect.stringMatching(/^the columns are: supplierId, name, tier/) },
    ]);
    const missingColumn = await importFile('x.csv', 'supplierId,name\na,A\n', true);
    expect(missingColumn.body.errors[0]).toEqual({ path: 'file', message: 'no tier column' });
    expect((await importFile('x.csv', '', true)).body.errors).toEqual([{ path: 'file', message: 'the file is empty' }]);
    expect((await importFile('x.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), true)).body.errors[0].message).toMatch(
      /^not a readable \.xlsx/,
    );
    const badParam = await importFile('x.csv', 'supplierId,name,tier\n', 'maybe' as unknown as boolean);
    expect(badParam.body.errors).toEqual([{ path: 'dryRun', message: 'expected true or false' }]);
    const notMultipart = await api.request('POST', '/suppliers/import', {
      raw: 'supplierId,name,tier',
      headers: { ...alice, 'content-type': CSV },
    });
    expect(notMultipart.status).toBe(400);
    expect(notMultipart.body.errors[0].path).toBe('(body)');
    expect((await importFile('x.csv', 'supplierId,name,tier\na,A,direct\n', true, { 'x-api-key': 'auditor-key-1' })).status).toBe(403);
    const docs = (await api.get('/docs-json')).body;
    expect(docs.paths['/suppliers/import'].post.requestBody.content['multipart/form-data'].schema.required).toEqual(['file']);
  });
});
