import type {
  ContractClauseRecorded,
  GrievanceMechanismDeclared,
  GrievanceRecorded,
  ManagementReported,
  PolicyAdopted,
  PolicyCommunicated,
  RiskRaised,
  TeamAssigned,
} from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';

/** The records of program-<year> kept as a list, oldest first (communications, clauses, grievances, reports). */
export const PROGRAM_LOG_TYPES = ['PolicyCommunicated', 'ContractClauseRecorded', 'GrievanceRecorded', 'ManagementReported'] as const;

/**
 * The management systems of each reporting year (OECD step 1, and the step-3 reports to senior
 * management): the current policy, team and grievance mechanism, and the lists of communications,
 * contract clauses, grievances (with the risk each raised) and management reports.
 *
 * Rows are keyed by what they are (period and kind, the event's position, the grievance id), and the
 * "current" records only move forward by position, so an event applied again changes nothing.
 */
export const programProjection: ProjectionDefinition = {
  name: 'program',
  version: 1,
  tables: ['program_current', 'program_log', 'program_grievance_risks'],
  create(db) {
    db.exec(`
      -- The latest policy, team and grievance mechanism of each period.
      CREATE TABLE IF NOT EXISTS program_current (
        period INTEGER NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        versions INTEGER NOT NULL,
        PRIMARY KEY (period, kind)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS program_log (
        position INTEGER PRIMARY KEY,
        period INTEGER NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        event_id TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS program_log_by_period ON program_log (period, type, position);
      -- The risk each grievance raised (RiskRaised with a grievance source).
      CREATE TABLE IF NOT EXISTS program_grievance_risks (
        period INTEGER NOT NULL,
        grievance_id TEXT NOT NULL,
        risk_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (period, grievance_id)
      ) WITHOUT ROWID;
    `);
    // versions counts the records of a kind; a repeat of the current one (same position) leaves it.
    const upsertCurrent = db.prepare(`INSERT INTO program_current (period, kind, data, at, by, event_id, position, versions)
      VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (period, kind) DO UPDATE SET data = excluded.data, at = excluded.at, by = excluded.by,
      event_id = excluded.event_id, versions = program_current.versions + 1, position = excluded.position
      WHERE excluded.position > program_current.position`);
    const insertLog = db.prepare('INSERT OR REPLACE INTO program_log (position, period, type, data, at, by, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const insertGrievanceRisk = db.prepare(
      'INSERT OR REPLACE INTO program_grievance_risks (period, grievance_id, risk_id, event_id) VALUES (?, ?, ?, ?)',
    );

    const current = (kind: string, event: RecordedEvent, data: { period: number }) =>
      upsertCurrent.run(data.period, kind, JSON.stringify(data), event.metadata.occurredAt, event.metadata.actor, event.metadata.eventId, event.globalPosition);
    const logged = (event: RecordedEvent, data: { period: number } & Record<string, unknown>) =>
      insertLog.run(event.globalPosition, data.period, event.type, JSON.stringify(data), event.metadata.occurredAt, event.metadata.actor, event.metadata.eventId);

    return {
      apply(event) {
        switch (event.type) {
          case 'PolicyAdopted':
            return void current('policy', event, event.data as PolicyAdopted);
          case 'TeamAssigned':
            return void current('team', event, event.data as TeamAssigned);
          case 'GrievanceMechanismDeclared':
            return void current('grievance-mechanism', event, event.data as GrievanceMechanismDeclared);
          case 'PolicyCommunicated':
            return void logged(event, event.data as PolicyCommunicated);
          case 'ContractClauseRecorded':
            return void logged(event, event.data as ContractClauseRecorded);
          case 'ManagementReported':
            return void logged(event, event.data as ManagementReported);
          case 'GrievanceRecorded': {
            // The reporter's name stays in the event (for those entitled to read the log), not in the read model.
            const { reporter, ...grievance } = event.data as GrievanceRecorded;
            return void logged(event, { ...grievance, named: reporter !== undefined });
          }
          case 'RiskRaised': {
            const risk = event.data as RiskRaised;
            if (risk.source.kind === 'grievance' && risk.source.grievanceId) {
              insertGrievanceRisk.run(risk.period, risk.source.grievanceId, risk.riskId, event.metadata.eventId);
            }
            return;
          }
        }
      },
    };
  },
};
