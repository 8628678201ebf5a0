import { completeDeclaration } from '../declaration/checker/declaration.fixture';
import type { SmelterRow } from '../declaration/declaration.schema';
import { riskIdFor } from '../risk/risk-id';
import type { Metal } from '../shared/metals';
import type { WorkflowEvent } from '../shared/workflow';
import { completeEmrtDeclaration } from '../declaration/checker/emrt-declaration.fixture';
import type { EmrtResponseRecorded, ResponseRecorded } from '../survey/survey.events';
import type { RmapStatus, RmapStatusChange } from './rmap-status';
import type { SmelterMatch } from './smelter-match';
import type { SmelterSighting } from './smelter-sighting';
import { sightingOf as sighting } from './smelter-sighting.fixture';
import { listKeyOf, smelterRiskWorkflow, type SmelterRiskCommand, type SmelterRiskView } from './smelter-risk.workflow';

/** What the workflow has kept, as plain data: the view the engine would read from its tables. */
interface Kept {
  statusList?: { asOf: string; sha: string; statuses: Record<string, RmapStatus> };
  sightings?: SmelterSighting[];
  inScope?: Metal[];
  statusRisks?: Record<string, string[]>;
  judgedUnder?: Record<string, SmelterSighting[]>;
  effects?: Record<string, { raised?: string[]; warranted?: string[]; closed?: string[] }>;
  /** Risk ids the workflow asked for. */
  raised?: string[];
}

const viewOf = (kept: Kept): SmelterRiskView => ({
  statusListKey: () => (kept.statusList ? listKeyOf(kept.statusList.asOf, kept.statusList.sha.repeat(64)) : null),
  statuses: () => ({ asOf: kept.statusList?.asOf ?? null, statusOf: (_metal, smelterId) => kept.statusList?.statuses[smelterId] ?? null }),
  sighting: (supplierId, period, index, responseNumber) =>
    kept.sightings?.find(
      (s) => s.supplierId === supplierId && s.period === period && s.index === index && s.responseNumber === responseNumber,
    ),
  inScopeMetals: () => kept.inScope ?? [],
  sightingsOf: (supplierId, period) => (kept.sightings ?? []).filter((s) => s.supplierId === supplierId && s.period === period),
  raised: (riskId) => kept.raised?.includes(riskId) ?? false,
  matchedSightings: () => (kept.sightings ?? []).filter((s) => s.status === 'matched' && s.smelterId),
  matchedSightingsJudgedUnder: (listKey) => kept.judgedUnder?.[listKey] ?? [],
  statusRisksOf: (smelterId) => kept.statusRisks?.[smelterId] ?? [],
  effectsOf: (listKey) => ({
    raised: new Set(kept.effects?.[listKey]?.raised),
    warranted: new Set(kept.effects?.[listKey]?.warranted),
    closed: new Set(kept.effects?.[listKey]?.closed),
  }),
});

const eventId = 'event-1';
const metadata = { eventId };

const responseRecorded = (rows: Array<{ row: SmelterRow; match: Omit<SmelterMatch, 'index' | 'candidates' | 'problems'> }>) =>
  ({
    type: 'ResponseRecorded',
    metadata,
    data: {
      supplierId: 'acme',
      period: 2025,
      requestNumber: 1,
      responseNumber: 1,
      receivedAt: '2025-04-01T09:00:00Z',
      declaration: { ...completeDeclaration(), smelters: rows.map(({ row }) => row) },
      source: { kind: 'json' },
      inScopeMetals: ['tin'],
      findings: [],
      followUpKinds: [],
      smelterMatches: rows.map(({ match }, index) => ({ ...match, index, candidates: [], problems: [] })),
      referenceListAsOf: '2025-03-05',
    } satisfies ResponseRecorded,
  }) satisfies WorkflowEvent<'ResponseRecorded'>;

const statusListImported = (
  asOf: string,
  sha: string,
  entries: Record<string, RmapStatus>,
  changes: Array<Omit<RmapStatusChange, 'metal'>>,
) =>
  ({
    type: 'RmapStatusListImported',
    metadata,
    data: {
      asOf,
      source: { kind: 'csv', fileName: 'rmap.csv', sha256: sha.repeat(64) },
      entries: Object.entries(entries).map(([smelterId, status]) => ({ metal: 'tin', smelterId, status })),
      changes: changes.map((change) => ({ metal: 'tin', ...change })),
    },
  }) satisfies WorkflowEvent<'RmapStatusListImported'>;

const commandsOf = (commands: SmelterRiskCommand[]) => commands.map(({ name, commandId, countsFor }) => ({ name, commandId, countsFor }));
const riskOf = (smelterId: string, category: 'non-conformant-smelter' | 'smelter-not-audited') =>
  riskIdFor({ period: 2025, supplierId: 'acme', category, metal: 'tin', smelterId });

describe('smelter-risk workflow', () => {
  describe('given a status list in force, when a supplier records a response', () => {
    const kept: Kept = { statusList: { asOf: '2025-03-05', sha: 'b', statuses: { CID000001: 'suspended', CID000002: 'conformant' } } };
    const listKey = listKeyOf('2025-03-05', 'b'.repeat(64));

    it('then a non-conformant smelter raises a risk that counts for the list, and the rows are kept as judged under it', () => {
      const { commands, changes } = smelterRiskWorkflow.decide(
        responseRecorded([
          {
            row: { row: 5, metal: 'tin', smelterId: 'CID000001' },
            match: { row: 5, metal: 'tin', status: 'matched', method: 'cid', smelterId: 'CID000001' },
          },
          {
            row: { row: 6, metal: 'tin', smelterId: 'CID000002' },
            match: { row: 6, metal: 'tin', status: 'matched', method: 'cid', smelterId: 'CID000002' },
          },
        ]),
        viewOf(kept),
      );
      const riskId = riskOf('CID000001', 'non-conformant-smelter');
      expect(commandsOf(commands)).toEqual([
        { name: 'RaiseRisk', commandId: `smelter-risk/${eventId}/raise/${riskId}`, countsFor: { listKey, riskId } },
      ]);
      expect(commands[0].data).toMatchObject({ category: 'non-conformant-smelter', severity: 'high', smelterId: 'CID000001' });
      expect(changes.map((change) => change.change)).toEqual(['response-replaced', 'sighting-kept', 'sighting-kept', 'risk-raised']);
      expect(changes[1]).toMatchObject({ sighting: { smelterId: 'CID000001', index: 0 }, judgedUnder: listKey });
      expect(changes[3]).toEqual({
        change: 'risk-raised',
        risk: { riskId, supplierId: 'acme', period: 2025, metal: 'tin', smelterId: 'CID000001', category: 'non-conformant-smelter' },
      });
    });

    it('then a smelter not on the reference list raises an unknown-smelter risk, which no status list accounts for', () => {
      const { commands } = smelterRiskWorkflow.decide(
        responseRecorded([
          {
            row: { row: 8, metal: 'tin', lookupName: 'Smelter not listed', name: 'Mystery Tin' },
            match: { row: 8, metal: 'tin', status: 'unresolved' },
          },
        ]),
        viewOf(kept),
      );
      expect(commands).toHaveLength(1);
      expect(commands[0]).toMatchObject({ name: 'RaiseRisk', data: { category: 'unknown-smelter', metal: 'tin' } });
      expect(commands[0].countsFor).toBeUndefined();
    });

    it('then an unidentified row raises nothing here (the findings raise it per metal), and is kept', () => {
      const { commands, changes } = smelterRiskWorkflow.decide(
        responseRecorded([
          {
            row: { row: 9, metal: 'tin', lookupName: 'Smelter not yet identified' },
            match: { row: 9, metal: 'tin', status: 'unidentified' },
          },
        ]),
        viewOf(kept),
      );
      expect(commands).toEqual([]);
      expect(changes.map((change) => change.change)).toEqual(['response-replaced', 'sighting-kept']);
    });
  });

  describe('given a status list in force, when a supplier records an EMRT', () => {
    const kept: Kept = { statusList: { asOf: '2025-03-05', sha: 'b', statuses: { CID003927: 'non-conformant' } } };
    const emrtRecorded = {
      type: 'EmrtResponseRecorded',
      metadata,
      data: {
        supplierId: 'acme',
        period: 2025,
        family: 'emrt',
        requestNumber: 1,
        responseNumber: 1,
        receivedAt: '2025-04-01T09:00:00Z',
        declaration: completeEmrtDeclaration(),
        source: { kind: 'json' },
        inScopeMinerals: ['cobalt', 'mica'],
        findings: [],
        followUpKinds: [],
        usability: 'usable',
      } as EmrtResponseRecorded,
    } satisfies WorkflowEvent<'EmrtResponseRecorded'>;

    it('then a cobalt refiner that is not RMAP conformant is a risk like a tin one, and the rows are kept as the EMRT family', () => {
      const { commands, changes } = smelterRiskWorkflow.decide(emrtRecorded, viewOf(kept));
      const riskId = riskIdFor({
        period: 2025,
        supplierId: 'acme',
        category: 'non-conformant-smelter',
        metal: 'cobalt',
        smelterId: 'CID003927',
      });
      expect(commandsOf(commands)).toEqual([
        {
          name: 'RaiseRisk',
          commandId: `smelter-risk/${eventId}/raise/${riskId}`,
          countsFor: { listKey: listKeyOf('2025-03-05', 'b'.repeat(64)), riskId },
        },
      ]);
      expect(commands[0].data).toMatchObject({ metal: 'cobalt', severity: 'high', smelterId: 'CID003927' });
      expect(commands[0].data.reason).toMatch(/^Cobalt smelter CID003927 \(Anhui Hanrui New Material Co., Ltd.\) is non-conformant/);
      expect(changes[0]).toEqual({
        change: 'response-replaced',
        supplierId: 'acme',
        period: 2025,
        family: 'emrt',
        inScopeMetals: ['cobalt', 'mica'],
      });
      expect(changes.filter((change) => change.change === 'sighting-kept').map((change) => change.sighting.family)).toEqual([
        'emrt',
        'emrt',
      ]);
    });
  });

  describe('when a status list is imported', () => {
    it('given no list before, then every matched row is judged against it', () => {
      const { commands, changes } = smelterRiskWorkflow.decide(
        statusListImported('2025-03-05', 'b', { CID000001: 'suspended' }, [{ smelterId: 'CID000001', from: null, to: 'suspended' }]),
        viewOf({ sightings: [sighting(), sighting({ index: 1, row: 6, smelterId: 'CID000002' })] }),
      );
      expect(commands.map((command) => [command.name, command.data])).toEqual([
        ['RaiseRisk', expect.objectContaining({ category: 'non-conformant-smelter', smelterId: 'CID000001' })],
        ['RaiseRisk', expect.objectContaining({ category: 'smelter-not-audited', smelterId: 'CID000002' })],
      ]);
      expect(changes[0]).toEqual({
        change: 'status-list-in-force',
        list: {
          key: listKeyOf('2025-03-05', 'b'.repeat(64)),
          asOf: '2025-03-05',
          entries: [{ metal: 'tin', smelterId: 'CID000001', status: 'suspended' }],
        },
        eventId,
      });
    });

    it('given a list before, then only the rows naming a smelter whose status changed are judged', () => {
      const { commands } = smelterRiskWorkflow.decide(
        statusListImported('2025-06-01', 'c', { CID000001: 'non-conformant' }, [
          { smelterId: 'CID000001', from: 'conformant', to: 'non-conformant' },
        ]),
        viewOf({
          statusList: { asOf: '2025-03-05', sha: 'b', statuses: { CID000001: 'conformant' } },
          sightings: [sighting(), sighting({ index: 1, row: 6, smelterId: 'CID000002' })],
        }),
      );
      const riskId = riskOf('CID000001', 'non-conformant-smelter');
      expect(commandsOf(commands)).toEqual([
        {
          name: 'RaiseRisk',
          commandId: `smelter-risk/${eventId}/raise/${riskId}`,
          countsFor: { listKey: listKeyOf('2025-06-01', 'c'.repeat(64)), riskId },
        },
      ]);
    });

    it('given status risks raised about a smelter, then its becoming conformant closes them by the status change', () => {
      const riskId = riskOf('CID000001', 'non-conformant-smelter');
      const { commands } = smelterRiskWorkflow.decide(
        statusListImported('2025-06-01', 'c', { CID000001: 'conformant' }, [
          { smelterId: 'CID000001', from: 'suspended', to: 'conformant' },
        ]),
        viewOf({
          statusList: { asOf: '2025-03-05', sha: 'b', statuses: { CID000001: 'suspended' } },
          sightings: [sighting()],
          statusRisks: { CID000001: [riskId] },
        }),
      );
      expect(commands).toEqual([
        {
          name: 'CloseRiskAutomatically',
          commandId: `smelter-risk/${eventId}/close/${riskId}`,
          countsFor: { listKey: listKeyOf('2025-06-01', 'c'.repeat(64)), riskId },
          data: {
            riskId,
            reason: 'Tin smelter CID000001 is conformant on the RMAP status list as of 2025-06-01 (was suspended)',
            source: { kind: 'smelter-status', eventId, rmapStatus: 'conformant', statusListAsOf: '2025-06-01', referenceListAsOf: null },
          },
        },
      ]);
    });
  });

  describe('when a row is confirmed as a smelter', () => {
    const confirmed = {
      type: 'SmelterMatchConfirmed',
      metadata,
      data: {
        supplierId: 'acme',
        period: 2025,
        responseNumber: 1,
        index: 0,
        row: 8,
        metal: 'tin',
        smelterId: 'CID000004',
        standardName: 'Metallo',
        previousStatus: 'unresolved',
      },
    } satisfies WorkflowEvent<'SmelterMatchConfirmed'>;

    it('then the row is judged again as the smelter it now is', () => {
      const { commands, changes } = smelterRiskWorkflow.decide(
        confirmed,
        viewOf({
          statusList: { asOf: '2025-03-05', sha: 'b', statuses: { CID000004: 'non-conformant' } },
          sightings: [sighting({ row: 8, status: 'unresolved', method: undefined, smelterId: undefined, name: 'Metallo Belgium' })],
          inScope: ['tin'],
        }),
      );
      expect(commands.map((command) => command.data)).toEqual([
        expect.objectContaining({ category: 'non-conformant-smelter', smelterId: 'CID000004' }),
      ]);
      expect(changes[0]).toMatchObject({
        change: 'sighting-kept',
        sighting: { status: 'matched', method: 'confirmed', smelterId: 'CID000004', name: 'Metallo Belgium' },
      });
    });

    it('given no such row of that response (a later one replaced it), then nothing happens', () => {
      expect(smelterRiskWorkflow.decide(confirmed, viewOf({}))).toEqual({ commands: [], changes: [] });
    });

    const unknownTin = riskIdFor({ period: 2025, supplierId: 'acme', category: 'unknown-smelter', metal: 'tin' });
    const unresolvedRow = (index: number, row: number) =>
      sighting({ index, row, status: 'unresolved', method: undefined, smelterId: undefined, name: `Row ${row} smelter` });

    it('given it was the last tin row we could not place, then the unknown-smelter risk it raised is closed', () => {
      const { commands } = smelterRiskWorkflow.decide(
        confirmed,
        viewOf({
          statusList: { asOf: '2025-03-05', sha: 'b', statuses: { CID000004: 'conformant' } },
          sightings: [unresolvedRow(0, 8), sighting({ index: 1, row: 9 })],
          inScope: ['tin'],
          raised: [unknownTin],
        }),
      );
      expect(commandsOf(commands)).toEqual([
        { name: 'CloseRiskAutomatically', commandId: `smelter-risk/${eventId}/close/${unknownTin}`, countsFor: undefined },
      ]);
      expect(commands[0].data).toMatchObject({
        riskId: unknownTin,
        resolution: 'resolved-by-match-confirmation',
        source: { kind: 'smelter-status', eventId, statusListAsOf: '2025-03-05', referenceListAsOf: '2025-03-05' },
      });
      expect((commands[0].data as { reason: string }).reason).toContain('row 8 was confirmed as CID000004 (Metallo)');
    });

    it('given another tin row is still unknown, then the unknown-smelter risk stays open', () => {
      const { commands } = smelterRiskWorkflow.decide(
        confirmed,
        viewOf({
          statusList: { asOf: '2025-03-05', sha: 'b', statuses: { CID000004: 'conformant' } },
          sightings: [unresolvedRow(0, 8), unresolvedRow(1, 9)],
          inScope: ['tin'],
          raised: [unknownTin],
        }),
      );
      expect(commands).toEqual([]);
    });

    it('given an unknown row of another metal only, then the tin risk is closed and the other is not touched', () => {
      const { commands } = smelterRiskWorkflow.decide(
        confirmed,
        viewOf({
          statusList: { asOf: '2025-03-05', sha: 'b', statuses: { CID000004: 'conformant' } },
          sightings: [unresolvedRow(0, 8), { ...unresolvedRow(1, 20), metal: 'gold' }],
          inScope: ['tin', 'gold'],
          raised: [unknownTin, riskIdFor({ period: 2025, supplierId: 'acme', category: 'unknown-smelter', metal: 'gold' })],
        }),
      );
      expect(commands.map((command) => command.data)).toEqual([expect.objectContaining({ riskId: unknownTin })]);
    });

    it('given no unknown-smelter risk was raised for tin (the row was out of scope), then nothing is closed', () => {
      const { commands } = smelterRiskWorkflow.decide(
        confirmed,
        viewOf({
          statusList: { asOf: '2025-03-05', sha: 'b', statuses: { CID000004: 'conformant' } },
          sightings: [unresolvedRow(0, 8)],
          inScope: ['tin'],
        }),
      );
      expect(commands).toEqual([]);
    });
  });

  describe('when the status list in force is withdrawn', () => {
    const before = listKeyOf('2025-03-05', 'b'.repeat(64));
    const mistaken = listKeyOf('2025-06-01', 'c'.repeat(64));
    const withdrawn = {
      type: 'RmapStatusListWithdrawn',
      metadata,
      data: {
        asOf: '2025-06-01',
        sha256: 'c'.repeat(64),
        reason: 'imported by mistake',
        restored: {
          asOf: '2025-03-05',
          source: { kind: 'csv', fileName: 'rmap.csv', sha256: 'b'.repeat(64) },
          entries: [{ metal: 'tin', smelterId: 'CID000001', status: 'conformant' }],
        },
        changes: [{ metal: 'tin', smelterId: 'CID000001', from: 'suspended', to: 'conformant' }],
      },
    } satisfies WorkflowEvent<'RmapStatusListWithdrawn'>;

    it('then the risks it raised are closed as withdrawn, and the list before is in force again with the rows judged under it', () => {
      const riskId = riskOf('CID000001', 'non-conformant-smelter');
      const { commands, changes } = smelterRiskWorkflow.decide(
        withdrawn,
        viewOf({
          statusList: { asOf: '2025-06-01', sha: 'c', statuses: { CID000001: 'suspended' } },
          sightings: [sighting()],
          judgedUnder: { [mistaken]: [sighting()] },
          effects: { [mistaken]: { raised: [riskId] } },
        }),
      );
      expect(commands).toEqual([
        {
          name: 'CloseRiskAutomatically',
          commandId: `smelter-risk/${eventId}/close/${riskId}`,
          data: {
            riskId,
            reason:
              'Raised on the RMAP status list as of 2025-06-01, which was withdrawn (imported by mistake); the RMAP status list as of 2025-03-05 is in force again',
            resolution: 'resolved-by-list-withdrawal',
            source: { kind: 'smelter-status', eventId, statusListAsOf: '2025-03-05', referenceListAsOf: null },
          },
        },
      ]);
      expect(changes).toEqual([
        { change: 'status-list-in-force', list: { key: before, asOf: '2025-03-05', entries: withdrawn.data.restored.entries }, eventId },
        { change: 'status-list-withdrawn', withdrawnKey: mistaken, restoredKey: before },
      ]);
    });

    it('then a risk it raised that the list before warrants for a row judged under it stays, and counts for the list before', () => {
      const riskId = riskOf('CID000001', 'non-conformant-smelter');
      const warranted = {
        ...withdrawn,
        data: {
          ...withdrawn.data,
          restored: {
            ...withdrawn.data.restored,
            entries: [{ metal: 'tin' as const, smelterId: 'CID000001', status: 'non-conformant' as const }],
          },
        },
      };
      const { commands, changes } = smelterRiskWorkflow.decide(
        warranted,
        viewOf({ sightings: [sighting()], judgedUnder: { [mistaken]: [sighting()] }, effects: { [mistaken]: { raised: [riskId] } } }),
      );
      expect(commands).toEqual([]);
      expect(changes.slice(1)).toEqual([
        { change: 'status-list-withdrawn', withdrawnKey: mistaken, restoredKey: before },
        { change: 'list-effect', listKey: before, riskId, effect: 'raised' },
      ]);
    });

    it('given no list before it, then none is in force and the rows judged under it are forgotten', () => {
      const { changes } = smelterRiskWorkflow.decide({ ...withdrawn, data: { ...withdrawn.data, restored: null } }, viewOf({}));
      expect(changes).toEqual([
        { change: 'status-list-in-force', list: null, eventId },
        { change: 'status-list-withdrawn', withdrawnKey: mistaken, restoredKey: null },
      ]);
    });
  });

  describe('after a command was sent, its outcome as an effect of the list it counts for', () => {
    // A raise and a close as the workflow sends them, both counting for the list they came with.
    const riskId = riskOf('CID000001', 'non-conformant-smelter');
    const [raise] = smelterRiskWorkflow.decide(
      statusListImported('2025-03-05', 'b', { CID000001: 'suspended' }, [{ smelterId: 'CID000001', from: null, to: 'suspended' }]),
      viewOf({ sightings: [sighting()] }),
    ).commands;
    const [close] = smelterRiskWorkflow.decide(
      statusListImported('2025-06-01', 'c', { CID000001: 'conformant' }, [{ smelterId: 'CID000001', from: 'suspended', to: 'conformant' }]),
      viewOf({ statusList: { asOf: '2025-03-05', sha: 'b', statuses: { CID000001: 'suspended' } }, statusRisks: { CID000001: [riskId] } }),
    ).commands;
    const sent = { raise, close };

    it.each([
      ['raise', 'appended', ['raised']],
      ['raise', 'unchanged', ['warranted']],
      ['close', 'appended', ['closed']],
      ['close', 'unchanged', []],
      // A closed reporting year refuses the command: the list did nothing to that risk.
      ['raise', 'refused', []],
      ['close', 'refused', []],
    ] as const)('a %s that was %s: %j', (command, outcome, effects) => {
      const changes = smelterRiskWorkflow.changesAfter!(sent[command], outcome);
      expect(changes).toEqual(effects.map((effect) => ({ change: 'list-effect', ...sent[command].countsFor, effect })));
    });

    it('a command that counts for no list: none', () => {
      expect(smelterRiskWorkflow.changesAfter!({ ...sent.raise, countsFor: undefined }, 'appended')).toEqual([]);
    });
  });
});
