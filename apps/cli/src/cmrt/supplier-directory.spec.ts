import type { SupplierListItem } from '@dd/projections';
import { CsvInvalid } from '../csv/csv-table';
import { SupplierDirectory, companyKey, readSupplierMap } from './supplier-directory';

const supplier = (supplierId: string, name: string): SupplierListItem => ({
  supplierId,
  name,
  tier: 'direct',
  country: null,
  parentSupplierId: null,
  registeredAt: '2024-01-01T00:00:00Z',
});

describe('SupplierDirectory', () => {
  const directory = new SupplierDirectory([
    supplier('cg', 'CENTRAL GLASS CO LTD'),
    supplier('jx', 'JX Advanced Metals Corporation'),
    supplier('twin-a', 'Twin Metals'),
    supplier('twin-b', 'Twin  Metals.'),
    supplier('jp', '株式会社 サンプル'),
  ]);

  it('finds a supplier by company name regardless of case, spaces and punctuation', () => {
    expect(companyKey('Central Glass Co., Ltd.\t')).toBe('centralglasscoltd');
    expect(directory.byCompanyName('Central Glass Co., Ltd.')).toEqual({ supplierId: 'cg', by: 'name' });
    expect(directory.byCompanyName(' jx advanced metals corporation ')).toEqual({ supplierId: 'jx', by: 'name' });
    expect(directory.byCompanyName('株式会社サンプル')).toEqual({ supplierId: 'jp', by: 'name' });
  });

  it('says why when there is no supplier, or more than one', () => {
    expect(directory.byCompanyName(undefined)).toEqual({ problem: 'the file gives no company name (Declaration!D8)' });
    expect(directory.byCompanyName('Unknown Corp')).toEqual({
      problem: 'no registered supplier is named "Unknown Corp"; register it or name the file in --map',
    });
    expect(directory.byCompanyName('twin metals')).toEqual({
      problem: expect.stringMatching(/is the name of 2 registered suppliers \(twin-a, twin-b\)/),
    });
  });

  it('reads a map by path or unique base name, and reports every problem at once', () => {
    const names = ['a/jx.xlsx', 'b/jx.xlsx', 'cg.xlsx', 'sub/other.xlsx'];
    expect(readSupplierMap('file,supplierId\r\na/jx.xlsx,jx\ncg.xlsx,cg\nother.xlsx,jx\n', 'map.csv', names, directory)).toEqual(
      new Map([
        ['a/jx.xlsx', 'jx'],
        ['cg.xlsx', 'cg'],
        ['sub/other.xlsx', 'jx'],
      ]),
    );
    let problems: string[] = [];
    try {
      readSupplierMap('file,supplierId\njx.xlsx,jx\ncg.xlsx,nobody\nnone.xlsx,cg\ncg.xlsx,cg\n,cg\n', 'map.csv', names, directory);
    } catch (error) {
      problems = (error as CsvInvalid).problems;
    }
    expect(problems).toEqual([
      'line 2, column "file": jx.xlsx names 2 files (a/jx.xlsx, b/jx.xlsx); give the path',
      'line 3, column "supplierId": no registered supplier nobody',
      'line 4, column "file": none.xlsx is not in the batch',
      'line 5, column "file": cg.xlsx is mapped twice',
      'line 6: column "file" is empty',
    ]);
    expect(() => readSupplierMap('jx.xlsx,jx\n', 'map.csv', names, directory)).toThrow(/no "file" column/);
  });
});
