import { fileReferences } from './file-references';

describe('fileReferences', () => {
  const a = 'a'.repeat(64);
  const b = 'b'.repeat(64);

  it('finds every SHA-256 an event names, at any depth, with the file name beside it', () => {
    expect(
      fileReferences({
        supplierId: 's1',
        source: { kind: 'cmrt-file', fileName: 'cmrt.xlsx', sha256: a },
        reports: [{ sha256: b }],
      }),
    ).toEqual([
      { sha256: a, field: 'source.sha256', fileName: 'cmrt.xlsx' },
      { sha256: b, field: 'reports.0.sha256' },
    ]);
  });

  it('ignores what is not a SHA-256 and events that name no file', () => {
    expect(fileReferences({ sha256: 'not-a-hash', hash: a, nested: { sha256: 'A'.repeat(64) } })).toEqual([]);
    expect(fileReferences(null)).toEqual([]);
  });
});
