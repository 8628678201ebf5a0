import { readSmelterLookup } from './smelter-lookup';
import { cmrtFiles } from './test-support/cmrt-files';

/**
 * Each template's Smelter Look-up sheet = that release's RMI reference list (README facts).
 * The README's "distinct CIDs" counts distinct values of column E *including the blank* of the
 * pseudo rows ("Smelter not listed" has no CID): the workbooks hold one CID fewer than it says.
 */
const files = cmrtFiles();
const describeWithFiles = files ? describe : describe.skip;

const EXPECTED = [
  { version: '6.01', rows: 587, cids: 312 },
  { version: '6.1', rows: 606, cids: 338 },
  { version: '6.22', rows: 628, cids: 351 },
  { version: '6.31', rows: 637, cids: 350 },
  { version: '6.4', rows: 660, cids: 369 },
  { version: '6.5', rows: 637, cids: 350 },
];

describeWithFiles('readSmelterLookup', () => {
  it.each(EXPECTED)('reads CMRT $version: $rows rows, $cids distinct column-E values', ({ version, rows, cids }) => {
    const lookup = readSmelterLookup(files!.template(version));
    expect(lookup).toHaveLength(rows);
    expect(new Set(lookup.map((row) => row.smelterId ?? '')).size).toBe(cids);
    expect(new Set(lookup.map((row) => row.smelterId).filter(Boolean)).size).toBe(cids - 1);
  });

  it('reads 6.5 by metal, pseudo rows included, with every column', () => {
    const lookup = readSmelterLookup(files!.template('6.5'));
    const byMetal = (metal: string) => lookup.filter((row) => row.metal === metal).length;
    expect({ gold: byMetal('gold'), tin: byMetal('tin'), tungsten: byMetal('tungsten'), tantalum: byMetal('tantalum') }).toEqual({
      gold: 326,
      tin: 155,
      tungsten: 89,
      tantalum: 67,
    });
    const pseudo = lookup.filter((row) => row.lookupName === 'Smelter not listed' || row.lookupName === 'Smelter not yet identified');
    expect(pseudo).toHaveLength(8);
    expect(lookup[0]).toEqual({
      row: 5,
      metal: 'gold',
      lookupName: '8853 S.p.A.',
      standardName: '8853 S.p.A.',
      country: 'ITALY',
      smelterId: 'CID002763',
      idSource: 'RMI',
      city: 'Pero',
      stateProvince: 'Lombardia',
    });
    for (const row of lookup) if (row.smelterId) expect(row.smelterId).toMatch(/^CID\d{6}$/);
  });

  it('finds 30 (metal, CID) pairs removed and 11 added from 6.4 to 6.5', () => {
    const pairs = (version: string) =>
      new Set(
        readSmelterLookup(files!.template(version))
          .filter((r) => r.smelterId)
          .map((r) => `${r.metal}:${r.smelterId}`),
      );
    const before = pairs('6.4');
    const after = pairs('6.5');
    expect([...before].filter((pair) => !after.has(pair))).toHaveLength(30);
    expect([...after].filter((pair) => !before.has(pair))).toHaveLength(11);
  });
});
