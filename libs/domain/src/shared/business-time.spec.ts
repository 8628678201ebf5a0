import { commandTable } from '../command-table';
import { statedBusinessTimeProblem, StatedOccurredAt } from './business-time';

const rowsWhere = (rule: string, isPublic: boolean) =>
  Object.entries(commandTable)
    .filter(([, row]) => row.businessTime.rule === rule && row.public === isPublic)
    .map(([name]) => name)
    .sort();

describe('business time: which commands may be dated in the past', () => {
  it('lets only the commands that record what happened outside the engine be dated', () => {
    expect(rowsWhere('past-allowed', true)).toEqual(
      [
        ...['RegisterSupplier', 'AddSupplierContact', 'AssignSupplierOwner', 'ChangeSupplierStatus', 'RenameSupplier'],
        ...['RegisterProduct', 'DetermineProductMetals', 'LinkProductSupplier'],
        ...['OpenPeriod', 'PublishReport'],
        ...['AdoptPolicy', 'CommunicatePolicy', 'AssignTeam', 'DeclareGrievanceMechanism', 'ReportToManagement'],
        ...['RecordContractClause', 'RecordGrievance'],
        ...['SendCMRT', 'SendReminder', 'RecordResponse', 'RecordEmrtResponse', 'AcceptResponse'],
        ...['RequestFollowUp', 'ResolveFollowUp', 'ConfirmSmelterMatch'],
        ...['FlagNonConflictFree', 'AssessRisk', 'AssignRiskOwner', 'DecideMitigation', 'RecordMitigationProgress', 'CloseRisk'],
      ].sort(),
    );
    expect(rowsWhere('now', true)).toEqual(
      [
        'ChaseFollowUp',
        'ClosePeriod',
        'ImportReferenceList',
        'ImportRmapStatusList',
        'LaunchCampaign',
        'ReopenPeriod',
        'RevokeSupplierLink',
        'WithdrawReferenceList',
        'WithdrawRmapStatusList',
      ].sort(),
    );
  });

  it("never lets a sender date what the engine issues itself: its time is its cause's or the clock's", () => {
    expect(rowsWhere('past-allowed', false)).toEqual([]);
  });

  it('says why for every command', () => {
    const unexplained = Object.entries(commandTable).filter(([, row]) => row.businessTime.why.trim().length < 20);
    expect(unexplained.map(([name]) => name)).toEqual([]);
  });
});

describe('a stated business time', () => {
  const now = '2025-04-01T09:00:00.000Z';
  const dated = { rule: 'past-allowed' as const, why: 'records history' };

  it('is an ISO date-time with a zone, kept in UTC to the millisecond', () => {
    expect(StatedOccurredAt.parse('2024-03-01T10:30:00+02:00')).toBe('2024-03-01T08:30:00.000Z');
    expect(StatedOccurredAt.safeParse('2024-03-01').success).toBe(false);
    expect(StatedOccurredAt.safeParse('2024-03-01T10:30:00').success).toBe(false);
    expect(StatedOccurredAt.safeParse('2024-02-30T10:30:00Z').success).toBe(false);
  });

  it('is taken in the past, and up to the clock skew ahead, by a row that allows it', () => {
    expect(statedBusinessTimeProblem('SendCMRT', dated, '2020-01-01T00:00:00.000Z', now)).toBeUndefined();
    expect(statedBusinessTimeProblem('SendCMRT', dated, '2025-04-01T09:01:00.000Z', now)).toBeUndefined();
    expect(statedBusinessTimeProblem('SendCMRT', dated, '2025-04-01T09:05:00.000Z', now)).toMatch(/lies in the future/);
  });

  it("is refused by a row that says now, with the row's reason", () => {
    expect(statedBusinessTimeProblem('ClosePeriod', { rule: 'now', why: 'closing freezes' }, '2024-01-01T00:00:00.000Z', now)).toBe(
      'ClosePeriod cannot be dated: closing freezes',
    );
  });
});
