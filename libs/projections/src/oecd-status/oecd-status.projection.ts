import {
  sightingsOfResponse,
  type CMRTSent,
  type ContractClauseRecorded,
  type GrievanceMechanismDeclared,
  type ManagementReported,
  type PolicyAdopted,
  type PolicyCommunicated,
  type ReportPublished,
  type TeamAssigned,
  type MitigationDecided,
  type ReminderSent,
  type ResponseRecorded,
  type RiskAssessed,
  type RiskClosed,
  type RiskRaised,
  type RiskReopened,
  type RmapStatusListImported,
  type RmapStatusListWithdrawn,
  type SmelterMatchConfirmed,
  type SupplierRegistered,
} from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';

/** Facts that hold for every period (the supplier base is not period-bound) are filed under period 0. */
export const ALL_PERIODS = 0;

/**
 * Raw facts behind the OECD five-step status: which events evidence which criterion in which period,
 * plus the little state some criteria need (open requests and their reminders, each supplier's latest
 * response, each risk's severity and whether it has a plan or is closed, the smelters identified in the
 * latest responses and their current RMAP status). Whether a criterion is met is decided at query time (see oecd-criteria.ts), so a new
 * rule, or "today" moving past a due date, needs no rebuild.
 */
export const oecdStatusProjection: ProjectionDefinition = {
  name: 'oecd-status',
  // 3: management-system facts (steps 1, 3 and 5) and oecd_program_latest.
  version: 4,
  tables: [
    'oecd_facts',
    'oecd_requests',
    'oecd_latest_responses',
    'oecd_risks',
    'oecd_smelters',
    'oecd_rmap_statuses',
    'oecd_lists',
    'oecd_program_latest',
  ],
  create(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS oecd_facts (
        period INTEGER NOT NULL,
        criterion TEXT NOT NULL,
        event_id TEXT NOT NULL,
        supplier_id TEXT,
        position INTEGER NOT NULL,
        -- Keyed by position rather than the (random) event id: rows arrive in position order, so
        -- inserts append to the B-tree, and evidence lists come out oldest first for free.
        PRIMARY KEY (period, criterion, position)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS oecd_facts_by_supplier ON oecd_facts (period, criterion, supplier_id);
      CREATE TABLE IF NOT EXISTS oecd_requests (
        period INTEGER NOT NULL,
        supplier_id TEXT NOT NULL,
        request_number INTEGER NOT NULL,
        due_date TEXT NOT NULL,
        sent_event_id TEXT NOT NULL,
        first_reminder_event_id TEXT,
        response_event_id TEXT,
        PRIMARY KEY (period, supplier_id, request_number)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS oecd_latest_responses (
        period INTEGER NOT NULL,
        supplier_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        red_flags INTEGER NOT NULL,
        response_number INTEGER NOT NULL,
        in_scope_metals TEXT NOT NULL,
        PRIMARY KEY (period, supplier_id)
      ) WITHOUT ROWID;
      -- Each risk: does it still need a response strategy (OECD step 3)?
      CREATE TABLE IF NOT EXISTS oecd_risks (
        risk_id TEXT PRIMARY KEY,
        period INTEGER NOT NULL,
        severity TEXT NOT NULL,
        has_plan INTEGER NOT NULL,
        closed INTEGER NOT NULL,
        position INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS oecd_risks_by_period ON oecd_risks (period, closed, has_plan);
      -- Smelters (CIDs) named on in-scope rows of each supplier's latest response (step 4).
      CREATE TABLE IF NOT EXISTS oecd_smelters (
        period INTEGER NOT NULL,
        supplier_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        metal TEXT NOT NULL,
        smelter_id TEXT NOT NULL,
        PRIMARY KEY (period, supplier_id, idx)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS oecd_rmap_statuses (
        smelter_id TEXT PRIMARY KEY,
        status TEXT NOT NULL
      );
      -- The latest policy, team, grievance mechanism and published report of each period, as recorded.
      CREATE TABLE IF NOT EXISTS oecd_program_latest (
        period INTEGER NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (period, kind)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS oecd_lists (
        list TEXT PRIMARY KEY,
        as_of TEXT,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL
      );
    `);
    const insertFact = db.prepare(
      'INSERT OR REPLACE INTO oecd_facts (period, criterion, event_id, supplier_id, position) VALUES (?, ?, ?, ?, ?)',
    );
    const upsertRequest = db.prepare(`INSERT INTO oecd_requests (period, supplier_id, request_number, due_date, sent_event_id)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (period, supplier_id, request_number)
      DO UPDATE SET due_date = excluded.due_date, sent_event_id = excluded.sent_event_id`);
    // COALESCE keeps the first reminder / response when an event is applied again.
    const requestReminded = db.prepare(`UPDATE oecd_requests SET first_reminder_event_id = COALESCE(first_reminder_event_id, ?)
      WHERE period = ? AND supplier_id = ? AND request_number = ?`);
    const requestAnswered = db.prepare(`UPDATE oecd_requests SET response_event_id = COALESCE(response_event_id, ?)
      WHERE period = ? AND supplier_id = ? AND request_number = ?`);
    const upsertLatestResponse = db.prepare(`INSERT INTO oecd_latest_responses (period, supplier_id, event_id, position, red_flags,
      response_number, in_scope_metals) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (period, supplier_id) DO UPDATE SET event_id = excluded.event_id,
      position = excluded.position, red_flags = excluded.red_flags, response_number = excluded.response_number,
      in_scope_metals = excluded.in_scope_metals WHERE excluded.position >= oecd_latest_responses.position`);
    const clearSmelters = db.prepare('DELETE FROM oecd_smelters WHERE period = ? AND supplier_id = ?');
    const upsertSmelter = db.prepare('INSERT OR REPLACE INTO oecd_smelters (period, supplier_id, idx, metal, smelter_id) VALUES (?, ?, ?, ?, ?)');
    const latestScope = db.prepare('SELECT in_scope_metals FROM oecd_latest_responses WHERE period = ? AND supplier_id = ? AND response_number = ?').pluck();
    // Risks remember the position of their last event: an older event applied again changes nothing.
    const insertRisk = db.prepare(`INSERT INTO oecd_risks (risk_id, period, severity, has_plan, closed, position) VALUES (?, ?, ?, 0, 0, ?)
      ON CONFLICT (risk_id) DO NOTHING`);
    const riskPeriod = db.prepare('SELECT period FROM oecd_risks WHERE risk_id = ?').pluck();
    const updateRisk = db.prepare(`UPDATE oecd_risks SET severity = COALESCE(?, severity), has_plan = COALESCE(?, has_plan),
      closed = COALESCE(?, closed), position = ? WHERE risk_id = ? AND position < ?`);
    const upsertList = db.prepare(`INSERT INTO oecd_lists (list, as_of, event_id, position) VALUES (?, ?, ?, ?)
      ON CONFLICT (list) DO UPDATE SET as_of = excluded.as_of, event_id = excluded.event_id, position = excluded.position
      WHERE excluded.position > oecd_lists.position`);
    const upsertStatus = db.prepare('INSERT OR REPLACE INTO oecd_rmap_statuses (smelter_id, status) VALUES (?, ?)');
    const deleteStatus = db.prepare('DELETE FROM oecd_rmap_statuses WHERE smelter_id = ?');
    const listEventId = db.prepare('SELECT event_id FROM oecd_lists WHERE list = ?').pluck();
    const deleteFact = db.prepare('DELETE FROM oecd_facts WHERE criterion = ? AND event_id = ?');

    /** Severity / plan / closed of a risk after an event of it (null: unchanged); files the event as evidence of a strategy. */
    function riskChanged(event: RecordedEvent, riskId: string, change: { severity?: string; hasPlan?: boolean; closed?: boolean }, strategy: boolean): void {
      const period = riskPeriod.get(riskId) as number | undefined;
      if (period === undefined) return;
      const flag = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0);
      updateRisk.run(change.severity ?? null, flag(change.hasPlan), flag(change.closed), event.globalPosition, riskId, event.globalPosition);
      if (strategy) insertFact.run(period, 'risk-strategy-decided', event.metadata.eventId, null, event.globalPosition);
    }

    const fact = (period: number, criterion: string, event: RecordedEvent, supplierId: string | null) =>
      insertFact.run(period, criterion, event.metadata.eventId, supplierId, event.globalPosition);

    const upsertProgramLatest = db.prepare(`INSERT INTO oecd_program_latest (period, kind, data, event_id, position) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (period, kind) DO UPDATE SET data = excluded.data, event_id = excluded.event_id, position = excluded.position
      WHERE excluded.position >= oecd_program_latest.position`);
    /** Files a management-system event as evidence of its criterion and keeps it as the latest of its kind. */
    const programRecord = (criterion: string, kind: string, event: RecordedEvent, data: { period: number }) => {
      fact(data.period, criterion, event, null);
      upsertProgramLatest.run(data.period, kind, JSON.stringify(data), event.metadata.eventId, event.globalPosition);
    };

    return {
      apply(event: RecordedEvent) {
        switch (event.type) {
          case 'PolicyAdopted':
            return programRecord('policy-adopted', 'policy', event, event.data as PolicyAdopted);
          case 'PolicyCommunicated': {
            const communicated = event.data as PolicyCommunicated;
            if (communicated.audience === 'suppliers') fact(communicated.period, 'policy-communicated-to-suppliers', event, null);
            return;
          }
          case 'TeamAssigned':
            return programRecord('internal-team-assigned', 'team', event, event.data as TeamAssigned);
          case 'ContractClauseRecorded': {
            const clause = event.data as ContractClauseRecorded;
            fact(clause.period, 'contract-clauses', event, clause.supplierId);
            return;
          }
          case 'GrievanceMechanismDeclared':
            return programRecord('grievance-mechanism', 'grievance-mechanism', event, event.data as GrievanceMechanismDeclared);
          case 'ManagementReported': {
            fact((event.data as ManagementReported).period, 'risks-reported-to-management', event, null);
            return;
          }
          case 'ReportPublished':
            return programRecord('report-published', 'report', event, event.data as ReportPublished);
          case 'SupplierRegistered': {
            fact(ALL_PERIODS, 'supply-chain-mapped', event, (event.data as SupplierRegistered).supplierId);
            return;
          }
          case 'CMRTSent': {
            const sent = event.data as CMRTSent;
            fact(sent.period, 'suppliers-surveyed', event, sent.supplierId);
            upsertRequest.run(sent.period, sent.supplierId, sent.requestNumber, sent.dueDate, event.metadata.eventId);
            return;
          }
          case 'ReminderSent': {
            const reminder = event.data as ReminderSent;
            fact(reminder.period, 'non-responders-chased', event, reminder.supplierId);
            requestReminded.run(event.metadata.eventId, reminder.period, reminder.supplierId, reminder.requestNumber);
            return;
          }
          case 'ResponseRecorded': {
            const response = event.data as ResponseRecorded;
            const { period, supplierId } = response;
            fact(period, 'responses-reviewed', event, supplierId);
            requestAnswered.run(event.metadata.eventId, period, supplierId, response.requestNumber);
            if (response.declaration.smelters?.some((smelter) => (smelter.smelterId ?? '').trim() !== '')) {
              fact(period, 'smelters-identified', event, supplierId);
            }
            let redFlags = 0;
            for (const finding of response.findings) if (finding.severity === 'red-flag') redFlags++;
            const latest = upsertLatestResponse.run(
              period,
              supplierId,
              event.metadata.eventId,
              event.globalPosition,
              redFlags,
              response.responseNumber,
              JSON.stringify(response.inScopeMetals),
            );
            if (latest.changes === 0) return;
            clearSmelters.run(period, supplierId);
            for (const sighting of sightingsOfResponse(response)) {
              if (sighting.status === 'matched' && sighting.inScope && sighting.smelterId && sighting.metal) {
                upsertSmelter.run(period, supplierId, sighting.index, sighting.metal, sighting.smelterId);
              }
            }
            return;
          }
          case 'SmelterMatchConfirmed': {
            const confirmed = event.data as SmelterMatchConfirmed;
            const scope = latestScope.get(confirmed.period, confirmed.supplierId, confirmed.responseNumber) as string | undefined;
            if (scope !== undefined && (JSON.parse(scope) as string[]).includes(confirmed.metal)) {
              upsertSmelter.run(confirmed.period, confirmed.supplierId, confirmed.index, confirmed.metal, confirmed.smelterId);
            }
            return;
          }
          case 'RiskRaised': {
            const risk = event.data as RiskRaised;
            fact(risk.period, 'risks-recorded', event, risk.supplierId ?? null);
            insertRisk.run(risk.riskId, risk.period, risk.severity, event.globalPosition);
            return;
          }
          case 'RiskReopened': {
            const reopened = event.data as RiskReopened;
            riskChanged(event, reopened.riskId, { severity: reopened.severity, hasPlan: false, closed: false }, false);
            return;
          }
          case 'RiskAssessed': {
            const assessed = event.data as RiskAssessed;
            riskChanged(event, assessed.riskId, { severity: assessed.severity }, false);
            return;
          }
          case 'MitigationDecided': {
            riskChanged(event, (event.data as MitigationDecided).riskId, { hasPlan: true }, true);
            return;
          }
          case 'RiskClosed': {
            riskChanged(event, (event.data as RiskClosed).riskId, { closed: true }, true);
            return;
          }
          case 'RmapStatusListImported': {
            const list = event.data as RmapStatusListImported;
            if (upsertList.run('rmap-status', list.asOf, event.metadata.eventId, event.globalPosition).changes === 0) return;
            fact(ALL_PERIODS, 'smelters-checked-against-audit-programme', event, null);
            for (const entry of list.entries) upsertStatus.run(entry.smelterId, entry.status);
            for (const change of list.changes) if (change.to === null) deleteStatus.run(change.smelterId);
            return;
          }
          case 'RmapStatusListWithdrawn': {
            // A check against a withdrawn list is no check: its evidence goes; the list current again (carried
            // in full by the withdrawal) is what smelters stand checked against, with the withdrawal as evidence.
            const withdrawal = event.data as RmapStatusListWithdrawn;
            const withdrawnEventId = listEventId.get('rmap-status') as string | undefined;
            if (upsertList.run('rmap-status', withdrawal.restored?.asOf ?? null, event.metadata.eventId, event.globalPosition).changes === 0) return;
            if (withdrawnEventId) deleteFact.run('smelters-checked-against-audit-programme', withdrawnEventId);
            if (withdrawal.restored) fact(ALL_PERIODS, 'smelters-checked-against-audit-programme', event, null);
            for (const change of withdrawal.changes) {
              if (change.to === null) deleteStatus.run(change.smelterId);
              else upsertStatus.run(change.smelterId, change.to);
            }
            return;
          }
        }
      },
    };
  },
};
