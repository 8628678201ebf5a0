import { foldState } from '../shared/decider';
import { DeciderSpecification } from '../shared/decider-specification';
import type { ImportReferenceList, ReferenceListImported, ReferenceRow } from './reference-list';
import { currentReferenceList, referenceListDecider, type ReferenceListCommand } from './reference-list.decider';
import type { ImportRmapStatusList, RmapStatusListImported } from './rmap-status';
import { parseRmapStatus } from './rmap-status';
import { currentRmapStatusList, rmapStatusDecider, type RmapStatusCommand } from './rmap-status.decider';

const source = (sha: string) => ({ kind: 'csv' as const, fileName: 'list.csv', sha256: sha.repeat(64) });
const row = (smelterId: string, standardName: string, lookupName = standardName): ReferenceRow => ({
  metal: 'tin',
  lookupName,
  standardName,
  country: 'X',
  smelterId,
});
/** The engine clock when the commands are decided. */
const context = { now: '2025-04-01T09:00:00.000Z' };

describe('ImportReferenceList', () => {
  const spec = DeciderSpecification.for(referenceListDecider);
  const importing = (data: ImportReferenceList): ReferenceListCommand => ({ type: 'ImportReferenceList', data });
  const first: Omit<ImportReferenceList, 'family'> = {
    asOf: '2024-02-28',
    source: source('a'),
    rows: [row('CID000001', 'Alpha'), row('CID000002', 'Beta'), row('CID000002', 'Beta', 'Beta alias')],
  };

  it('given no list, then everything is added', () => {
    spec
      .given([])
      .when(importing(first), context)
      .then([
        {
          type: 'ReferenceListImported',
          data: {
            ...first,
            diff: {
              added: [
                { metal: 'tin', smelterId: 'CID000001', standardName: 'Alpha' },
                { metal: 'tin', smelterId: 'CID000002', standardName: 'Beta' },
              ],
              removed: [],
              renamed: [],
            },
          },
        },
      ]);
  });

  it('given a list, then the next one records what was added, removed and renamed', () => {
    const next: ImportReferenceList = {
      asOf: '2025-03-05',
      source: source('b'),
      rows: [row('CID000002', 'Beta Smelting'), row('CID000003', 'Gamma')],
    };
    let diff: unknown;
    spec
      .given([{ type: 'ReferenceListImported', data: { ...first, diff: { added: [], removed: [], renamed: [] } } }])
      .when(importing(next), context)
      .then(([event]) => void (diff = (event.data as ReferenceListImported).diff));
    expect(diff).toEqual({
      added: [{ metal: 'tin', smelterId: 'CID000003', standardName: 'Gamma' }],
      removed: [{ metal: 'tin', smelterId: 'CID000001', standardName: 'Alpha' }],
      renamed: [{ metal: 'tin', smelterId: 'CID000002', from: 'Beta', to: 'Beta Smelting' }],
    });
  });

  it('ignores the same file twice and refuses a list older than the current one', () => {
    const imported = { type: 'ReferenceListImported' as const, data: { ...first, diff: { added: [], removed: [], renamed: [] } } };
    spec.given([imported]).when(importing(first), context).thenNothing();
    spec
      .given([imported])
      .when(importing({ ...first, asOf: '2023-01-01', source: source('c') }), context)
      .thenRefused('reference-list-older');
  });

  it('refuses a list dated after tomorrow by the engine clock, naming the field, and takes one dated tomorrow (time zones)', () => {
    spec
      .given([])
      .when(importing({ ...first, asOf: '2099-01-01' }), context)
      .thenRefused('reference-list-in-future', /^asOf 2099-01-01 lies in the future.*after 2025-04-02/);
    spec
      .given([])
      .when(importing({ ...first, asOf: '2025-04-03' }), context)
      .thenRefused('reference-list-in-future');
    spec
      .given([])
      .when(importing({ ...first, asOf: '2025-04-02' }), context)
      .then((events) => expect(events.map((event) => event.type)).toEqual(['ReferenceListImported']));
  });
});

describe('ImportReferenceList of the EMRT (its own Smelter Look-up)', () => {
  const spec = DeciderSpecification.for(referenceListDecider);
  const cobalt: ReferenceRow = {
    metal: 'cobalt',
    lookupName: 'Anhui Hanrui',
    standardName: 'Anhui Hanrui New Material Co., Ltd.',
    country: 'CHINA',
    smelterId: 'CID003927',
  };
  const emrtList: ImportReferenceList = {
    family: 'emrt',
    asOf: '2025-03-17',
    source: { kind: 'emrt-template', fileName: 'RMI_EMRT_2.1.xlsx', sha256: 'e'.repeat(64), templateVersion: '2.1' },
    rows: [cobalt],
  };

  it('given no EMRT list, then it is recorded as the EMRT family, its smelters added', () => {
    spec
      .given([])
      .when({ type: 'ImportReferenceList', data: emrtList }, context)
      .then([
        {
          type: 'ReferenceListImported',
          data: {
            family: 'emrt',
            asOf: '2025-03-17',
            source: emrtList.source,
            rows: [cobalt],
            diff: { added: [{ metal: 'cobalt', smelterId: 'CID003927', standardName: cobalt.standardName }], removed: [], renamed: [] },
          },
        },
      ]);
  });

  it('refuses a list whose rows belong to the other family, naming the row', () => {
    spec
      .given([])
      .when({ type: 'ImportReferenceList', data: { ...emrtList, rows: [cobalt, row('CID000001', 'Alpha')] } }, context)
      .thenRefused('reference-list-family-mismatch');
    spec
      .given([])
      .when({ type: 'ImportReferenceList', data: { ...emrtList, family: undefined } }, context)
      .thenRefused('reference-list-family-mismatch');
  });
});

describe('WithdrawReferenceList', () => {
  const spec = DeciderSpecification.for(referenceListDecider);
  const list = (asOf: string, sha: string, rows: ReferenceRow[]) => ({ asOf, source: source(sha), rows });
  const real = list('2025-03-05', 'a', [row('CID000001', 'Alpha'), row('CID000002', 'Beta')]);
  const mistaken = list('2025-03-20', 'b', [row('CID000002', 'Beta Smelting'), row('CID000009', 'Omega')]);
  const imported = (data: typeof real, diff = { added: [], removed: [], renamed: [] }) => ({
    type: 'ReferenceListImported' as const,
    data: { ...data, diff },
  });
  const withdraw = (asOf: string, reason = 'wrong file: the March draft'): ReferenceListCommand => ({
    type: 'WithdrawReferenceList',
    data: { asOf, reason },
  });

  it('given a mistaken list over a real one, then withdrawing it restores the real one in full, with the diff back to it', () => {
    spec
      .given([imported(real), imported(mistaken)])
      .when(withdraw('2025-03-20'), context)
      .then([
        {
          type: 'ReferenceListWithdrawn',
          data: {
            asOf: '2025-03-20',
            sha256: 'b'.repeat(64),
            reason: 'wrong file: the March draft',
            restored: real,
            diff: {
              added: [{ metal: 'tin', smelterId: 'CID000001', standardName: 'Alpha' }],
              removed: [{ metal: 'tin', smelterId: 'CID000009', standardName: 'Omega' }],
              renamed: [{ metal: 'tin', smelterId: 'CID000002', from: 'Beta Smelting', to: 'Beta' }],
            },
          },
        },
      ]);
  });

  it('given the only list, then withdrawing it leaves none current', () => {
    spec
      .given([imported(real)])
      .when(withdraw('2025-03-05'), context)
      .then(([event]) =>
        expect(event.data).toMatchObject({ restored: null, diff: { removed: [{ smelterId: 'CID000001' }, { smelterId: 'CID000002' }] } }),
      );
  });

  it('withdraws only the current list, named by its date, and nothing when there is none', () => {
    spec
      .given([imported(real), imported(mistaken)])
      .when(withdraw('2025-03-05'), context)
      .thenRefused('reference-list-not-current', /current reference list \(as of 2025-03-20\)/);
    spec.given([]).when(withdraw('2025-03-05'), context).thenRefused('reference-list-none');
    const withdrawn = {
      type: 'ReferenceListWithdrawn' as const,
      data: { asOf: '2025-03-05', sha256: 'a'.repeat(64), reason: 'x', restored: null, diff: { added: [], removed: [], renamed: [] } },
    };
    spec
      .given([imported(real), withdrawn])
      .when(withdraw('2025-03-05'), context)
      .thenRefused('reference-list-none');
  });

  it('given a withdrawn list dated 2099, then the real lists are accepted again, compared with the list current again', () => {
    const typo = list('2099-01-01', 'c', real.rows);
    const withdrawn = {
      type: 'ReferenceListWithdrawn' as const,
      data: { asOf: '2099-01-01', sha256: 'c'.repeat(64), reason: 'typo', restored: real, diff: { added: [], removed: [], renamed: [] } },
    };
    spec
      .given([imported(real), imported(typo)])
      .when({ type: 'ImportReferenceList', data: mistaken }, context)
      .thenRefused('reference-list-older');
    spec
      .given([imported(real), imported(typo), withdrawn])
      .when({ type: 'ImportReferenceList', data: mistaken }, context)
      .then(([event]) =>
        expect((event.data as ReferenceListImported).diff.added).toEqual([{ metal: 'tin', smelterId: 'CID000009', standardName: 'Omega' }]),
      );
  });

  it('is the latest list alone, so an import reads only that one (latestEventOnly)', () => {
    const lists = ['a', 'b', 'c'].map((sha, index) => ({
      type: 'ReferenceListImported' as const,
      data: {
        ...real,
        asOf: `202${index}-01-01`,
        source: source(sha),
        rows: [row(`CID00000${index}`, `Smelter ${index}`)],
        diff: { added: [], removed: [], renamed: [] },
      },
    }));
    const latestOnly = referenceListDecider.latestEventOnly as (command: ReferenceListCommand) => boolean;
    expect(latestOnly({ type: 'ImportReferenceList', data: real })).toBe(true);
    expect(currentReferenceList(foldState(referenceListDecider, lists.slice(-1)))).toEqual(
      currentReferenceList(foldState(referenceListDecider, lists)),
    );
    // A withdrawal needs the list before the current one: it folds the whole stream.
    expect(latestOnly({ type: 'WithdrawReferenceList', data: { asOf: '2022-01-01', reason: 'typo' } })).toBe(false);
    const withdrawn = referenceListDecider.decide(
      { type: 'WithdrawReferenceList', data: { asOf: '2022-01-01', reason: 'typo' } },
      foldState(referenceListDecider, lists),
      context,
    );
    expect(currentReferenceList(foldState(referenceListDecider, withdrawn))).toEqual(
      currentReferenceList(foldState(referenceListDecider, lists.slice(0, 2))),
    );
  });
});

describe('ImportRmapStatusList', () => {
  const spec = DeciderSpecification.for(rmapStatusDecider);
  const importing = (data: ImportRmapStatusList): RmapStatusCommand => ({ type: 'ImportRmapStatusList', data });
  const first: ImportRmapStatusList = {
    asOf: '2025-01-01',
    source: source('a'),
    entries: [
      { metal: 'tin', smelterId: 'CID000001', status: 'conformant' },
      { metal: 'tin', smelterId: 'CID000002', status: 'active' },
    ],
  };

  it('records each status change, including smelters that left the list', () => {
    const imported = { type: 'RmapStatusListImported' as const, data: { ...first, changes: [] } };
    const next: ImportRmapStatusList = {
      asOf: '2025-04-01',
      source: source('b'),
      entries: [
        { metal: 'tin', smelterId: 'CID000002', status: 'non-conformant' },
        { metal: 'tin', smelterId: 'CID000003', status: 'conformant' },
      ],
    };
    spec
      .given([imported])
      .when(importing(next), context)
      .then([
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
      data: {
        ...first,
        asOf: `202${index}-01-01`,
        source: source(sha),
        entries: [{ metal: 'tin' as const, smelterId: `CID00000${index}`, status: 'conformant' as const }],
        changes: [],
      },
    }));
    const latestOnly = rmapStatusDecider.latestEventOnly as (command: RmapStatusCommand) => boolean;
    expect(latestOnly(importing(first))).toBe(true);
    expect(currentRmapStatusList(foldState(rmapStatusDecider, lists.slice(-1)))).toEqual(
      currentRmapStatusList(foldState(rmapStatusDecider, lists)),
    );
    // A withdrawal needs the list before the current one: it folds the whole stream.
    expect(latestOnly({ type: 'WithdrawRmapStatusList', data: { asOf: '2022-01-01', reason: 'typo' } })).toBe(false);
    const withdrawn = rmapStatusDecider.decide(
      { type: 'WithdrawRmapStatusList', data: { asOf: '2022-01-01', reason: 'typo' } },
      foldState(rmapStatusDecider, lists),
      context,
    );
    expect(currentRmapStatusList(foldState(rmapStatusDecider, withdrawn))).toEqual(
      currentRmapStatusList(foldState(rmapStatusDecider, lists.slice(0, 2))),
    );
  });

  it('refuses a list naming a smelter twice', () => {
    spec
      .given([])
      .when(importing({ ...first, entries: [...first.entries, first.entries[0]] }), context)
      .thenRefused('status-list-duplicates', /CID000001/);
  });

  it('refuses a list dated in the future (after tomorrow by the engine clock), naming the field', () => {
    spec
      .given([])
      .when(importing({ ...first, asOf: '2099-01-01' }), context)
      .thenRefused('status-list-in-future', /^asOf 2099-01-01 lies in the future/);
    spec
      .given([])
      .when(importing({ ...first, asOf: '2025-04-02' }), context)
      .then((events) => expect(events).toHaveLength(1));
  });

  it('reads statuses as RMI writes them, including the older CFSI "Compliant"', () => {
    expect(['Conformant', 'Compliant', 'Cross Recognized', 'Non-Conformant', 'ACTIVE', 'In Communication'].map(parseRmapStatus)).toEqual([
      'conformant',
      'conformant',
      'cross-recognized',
      'non-conformant',
      'active',
      'in-communication',
    ]);
    expect(parseRmapStatus('Pending')).toBeUndefined();
  });
});

describe('WithdrawRmapStatusList', () => {
  const spec = DeciderSpecification.for(rmapStatusDecider);
  const real: ImportRmapStatusList = {
    asOf: '2025-03-05',
    source: source('a'),
    entries: [
      { metal: 'tin', smelterId: 'CID000001', status: 'conformant' },
      { metal: 'tin', smelterId: 'CID000002', status: 'non-conformant' },
    ],
  };
  const mistaken: ImportRmapStatusList = {
    asOf: '2025-03-20',
    source: source('b'),
    entries: [{ metal: 'tin', smelterId: 'CID000002', status: 'conformant' }],
  };
  const imported = (data: ImportRmapStatusList): { type: 'RmapStatusListImported'; data: RmapStatusListImported } => ({
    type: 'RmapStatusListImported',
    data: { ...data, changes: [] },
  });
  const withdraw = (asOf: string): RmapStatusCommand => ({
    type: 'WithdrawRmapStatusList',
    data: { asOf, reason: 'the file of another programme' },
  });

  it('given a mistaken list over a real one, then withdrawing it restores the real one and records the status changes back to it', () => {
    spec
      .given([imported(real), imported(mistaken)])
      .when(withdraw('2025-03-20'), context)
      .then([
        {
          type: 'RmapStatusListWithdrawn',
          data: {
            asOf: '2025-03-20',
            sha256: 'b'.repeat(64),
            reason: 'the file of another programme',
            restored: real,
            changes: [
              { metal: 'tin', smelterId: 'CID000001', from: null, to: 'conformant' },
              { metal: 'tin', smelterId: 'CID000002', from: 'conformant', to: 'non-conformant' },
            ],
          },
        },
      ]);
  });

  it('withdraws only the current list, named by its date; afterwards the one before is current for the next import', () => {
    spec
      .given([imported(real), imported(mistaken)])
      .when(withdraw('2025-03-05'), context)
      .thenRefused('status-list-not-current');
    spec.given([]).when(withdraw('2025-03-05'), context).thenRefused('status-list-none');
    const typo = { ...real, asOf: '2099-01-01', source: source('c') };
    const withdrawn = {
      type: 'RmapStatusListWithdrawn' as const,
      data: { asOf: '2099-01-01', sha256: 'c'.repeat(64), reason: 'typo', restored: real, changes: [] },
    };
    spec
      .given([imported(real), imported(typo)])
      .when({ type: 'ImportRmapStatusList', data: mistaken }, context)
      .thenRefused('status-list-older');
    spec
      .given([imported(real), imported(typo), withdrawn])
      .when({ type: 'ImportRmapStatusList', data: mistaken }, context)
      .then(([event]) =>
        expect((event.data as RmapStatusListImported).changes).toEqual([
          { metal: 'tin', smelterId: 'CID000001', from: 'conformant', to: null },
          { metal: 'tin', smelterId: 'CID000002', from: 'non-conformant', to: 'conformant' },
        ]),
      );
  });
});
