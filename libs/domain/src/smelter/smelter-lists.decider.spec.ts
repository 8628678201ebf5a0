import { foldState } from '../shared/decider';
import { DeciderSpecification } from '../shared/decider-specification';
import type { ImportReferenceList, ReferenceRow } from './reference-list';
import { referenceListDecider } from './reference-list.decider';
import type { ImportRmapStatusList } from './rmap-status';
import { parseRmapStatus } from './rmap-status';
import { rmapStatusDecider } from './rmap-status.decider';

const source = (sha: string) => ({ kind: 'csv' as const, fileName: 'list.csv', sha256: sha.repeat(64) });
const row = (smelterId: string, standardName: string, lookupName = standardName): ReferenceRow => ({ metal: 'tin', lookupName, standardName, country: 'X', smelterId });

describe('ImportReferenceList', () => {
  const spec = DeciderSpecification.for(referenceListDecider);
  const first: ImportReferenceList = { asOf: '2024-02-28', source: source('a'), rows: [row('CID000001', 'Alpha'), row('CID000002', 'Beta'), row('CID000002', 'Beta', 'Beta alias')] };

  it('given no list, then everything is added', () => {
    spec.given([]).when(first, undefined).then([
      { type: 'ReferenceListImported', data: { ...first, diff: { added: [{ metal: 'tin', smelterId: 'CID000001', standardName: 'Alpha' }, { metal: 'tin', smelterId: 'CID000002', standardName: 'Beta' }], removed: [], renamed: [] } } },
    ]);
  });

  it('given a list, then the next one records what was added, removed and renamed', () => {
    const next: ImportReferenceList = { asOf: '2025-03-05', source: source('b'), rows: [row('CID000002', 'Beta Smelting'), row('CID000003', 'Gamma')] };
    let diff: unknown;
    spec.given([{ type: 'ReferenceListImported', data: { ...first, diff: { added: [], removed: [], renamed: [] } } }]).when(next, undefined).then(([event]) => void (diff = event.data.diff));
    expect(diff).toEqual({
      added: [{ metal: 'tin', smelterId: 'CID000003', standardName: 'Gamma' }],
      removed: [{ metal: 'tin', smelterId: 'CID000001', standardName: 'Alpha' }],
      renamed: [{ metal: 'tin', smelterId: 'CID000002', from: 'Beta', to: 'Beta Smelting' }],
    });
  });

  it('ignores the same file twice and refuses a list older than the current one', () => {
    const imported = { type: 'ReferenceListImported' as const, data: { ...first, diff: { added: [], removed: [], renamed: [] } } };
    spec.given([imported]).when(first, undefined).thenNothing();
    spec.given([imported]).when({ ...first, asOf: '2023-01-01', source: source('c') }, undefined).thenRefused('reference-list-older');
  });

  it('is the latest list alone, so an import reads only that one (latestEventOnly)', () => {
    const lists = ['a', 'b', 'c'].map((sha, index) => ({
      type: 'ReferenceListImported' as const,
      data: { ...first, asOf: `202${index}-01-01`, source: source(sha), rows: [row(`CID00000${index}`, `Smelter ${index}`)], diff: { added: [], removed: [], renamed: [] } },
    }));
    expect(referenceListDecider.latestEventOnly).toBe(true);
    expect(foldState(referenceListDecider, lists.slice(-1))).toEqual(foldState(referenceListDecider, lists));
  });
});

describe('ImportRmapStatusList', () => {
  const spec = DeciderSpecification.for(rmapStatusDecider);
  const first: ImportRmapStatusList = { asOf: '2025-01-01', source: source('a'), entries: [{ metal: 'tin', smelterId: 'CID000001', status: 'conformant' }, { metal: 'tin', smelterId: 'CID000002', status: 'active' }] };

  it('records each status change, including smelters that left the list', () => {
    const imported = { type: 'RmapStatusListImported' as const, data: { ...first, changes: [] } };
    const next: ImportRmapStatusList = { asOf: '2025-04-01', source: source('b'), entries: [{ metal: 'tin', smelterId: 'CID000002', status: 'non-conformant' }, { metal: 'tin', smelterId: 'CID000003', status: 'conformant' }] };
    spec.given([imported]).when(next, undefined).then([
      {
        type: 'RmapStatusListImported',
        data: {
          ...next,
          changes: [
            { metal: 'tin', smelterId: 'CID000001', from: 'conformant', to: null },
            { metal: 'tin', smelterId: 'CID000002', from: 'active', to: 'non-conformant' },
            { metal: 'tin', smelterId: 'CID000003', from: null, to: 'conformant' },
          ],
        },
      },
    ]);
  });

  it('is the latest list alone, so an import reads only that one (latestEventOnly)', () => {
    const lists = ['a', 'b', 'c'].map((sha, index) => ({
      type: 'RmapStatusListImported' as const,
      data: { ...first, asOf: `202${index}-01-01`, source: source(sha), entries: [{ metal: 'tin' as const, smelterId: `CID00000${index}`, status: 'conformant' as const }], changes: [] },
    }));
    expect(rmapStatusDecider.latestEventOnly).toBe(true);
    expect(foldState(rmapStatusDecider, lists.slice(-1))).toEqual(foldState(rmapStatusDecider, lists));
  });

  it('refuses a list naming a smelter twice', () => {
    spec.given([]).when({ ...first, entries: [...first.entries, first.entries[0]] }, undefined).thenRefused('status-list-duplicates', /CID000001/);
  });

  it('reads statuses as RMI writes them, including the older CFSI "Compliant"', () => {
    expect(['Conformant', 'Compliant', 'Cross Recognized', 'Non-Conformant', 'ACTIVE', 'In Communication'].map(parseRmapStatus)).toEqual([
      'conformant', 'conformant', 'cross-recognized', 'non-conformant', 'active', 'in-communication',
    ]);
    expect(parseRmapStatus('Pending')).toBeUndefined();
  });
});
