import type { MonitoredCoveredCountryRisk, RiskFromFindingsChange, RiskFromFindingsView, RmapStatus, RmapStatusLookup } from '@dd/domain';
import type { Database } from 'better-sqlite3';
import type { WorkflowState } from './workflow-process-manager';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS pm_risk_findings_statuses (
    smelter_id TEXT PRIMARY KEY,
    status TEXT NOT NULL
  );
  -- The as-of date of the RMAP status list in force (no row: none).
  CREATE TABLE IF NOT EXISTS pm_risk_findings_status_list (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    as_of TEXT NOT NULL
  );
  -- Covered-country risks raised low and monitored, with the Smelter List rows they rest on.
  CREATE TABLE IF NOT EXISTS pm_risk_findings_monitored (
    risk_id TEXT PRIMARY KEY,
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    metal TEXT NOT NULL,
    sightings TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS pm_risk_findings_monitored_by_supplier ON pm_risk_findings_monitored (supplier_id, period);
`;

/**
 * The risk-from-findings workflow's state (risk-from-findings.workflow.ts): tables beside the read
 * models (not projections: a rebuild leaves them alone). The view reads them; apply() writes one change.
 */
export class RiskFromFindingsTables implements WorkflowState<RiskFromFindingsView, RiskFromFindingsChange> {
  private readonly sql: ReturnType<typeof prepare>;
  readonly view: RiskFromFindingsView;

  constructor(db: Database) {
    db.exec(SCHEMA);
    const sql = (this.sql = prepare(db));
    this.view = {
      statuses: (): RmapStatusLookup => ({
        asOf: (sql.listAsOf.get() as string | undefined) ?? null,
        statusOf: (_metal, smelterId) => (sql.status.get(smelterId) as RmapStatus | undefined) ?? null,
      }),
      monitored: () =>
        (sql.monitored.all() as Array<Omit<MonitoredCoveredCountryRisk, 'sightings'> & { sightings: string }>).map((row) => ({
          ...row,
          sightings: JSON.parse(row.sightings),
        })),
    };
  }

  apply(change: RiskFromFindingsChange): void {
    const sql = this.sql;
    switch (change.change) {
      case 'monitored-replaced':
        sql.forgetMonitored.run(change.supplierId, change.period);
        for (const risk of change.monitored) {
          sql.monitor.run(risk.riskId, risk.supplierId, risk.period, risk.metal, JSON.stringify(risk.sightings));
        }
        return;
      case 'status-list-in-force':
        sql.clearStatuses.run();
        for (const entry of change.entries) sql.saveStatus.run(entry.smelterId, entry.status);
        if (change.asOf === null) sql.clearListAsOf.run();
        else sql.saveListAsOf.run(change.asOf);
        return;
      case 'risk-risen':
        sql.forgetRisk.run(change.riskId);
        return;
      default:
        change satisfies never;
    }
  }
}

function prepare(db: Database) {
  return {
    status: db.prepare('SELECT status FROM pm_risk_findings_statuses WHERE smelter_id = ?').pluck(),
    clearStatuses: db.prepare('DELETE FROM pm_risk_findings_statuses'),
    saveStatus: db.prepare('INSERT OR REPLACE INTO pm_risk_findings_statuses (smelter_id, status) VALUES (?, ?)'),
    listAsOf: db.prepare('SELECT as_of FROM pm_risk_findings_status_list WHERE id = 1').pluck(),
    saveListAsOf: db.prepare('INSERT OR REPLACE INTO pm_risk_findings_status_list (id, as_of) VALUES (1, ?)'),
    clearListAsOf: db.prepare('DELETE FROM pm_risk_findings_status_list'),
    monitored: db.prepare(
      'SELECT risk_id AS riskId, supplier_id AS supplierId, period, metal, sightings FROM pm_risk_findings_monitored ORDER BY risk_id',
    ),
    monitor: db.prepare(
      'INSERT OR REPLACE INTO pm_risk_findings_monitored (risk_id, supplier_id, period, metal, sightings) VALUES (?, ?, ?, ?, ?)',
    ),
    forgetMonitored: db.prepare('DELETE FROM pm_risk_findings_monitored WHERE supplier_id = ? AND period = ?'),
    forgetRisk: db.prepare('DELETE FROM pm_risk_findings_monitored WHERE risk_id = ?'),
  };
}
