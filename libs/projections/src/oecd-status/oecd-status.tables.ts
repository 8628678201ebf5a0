import type { RecordedEvent } from '@dd/event-store';
import { countTriggers } from '../core/count-triggers';
import type { ReadModelDb } from '../core/read-model-db';

/** Evidence lists are capped; the count says how many events there are in all. */
export const EVIDENCE_CAP = 50;

/** Facts that hold for every period (the supplier base is not period-bound) are filed under period 0. */
export const ALL_PERIODS = 0;

/** Whether the supplier's latest response of the period has red flags that no risk of the period covers. */
const uncovered = (period: string, supplierId: string) =>
  `(EXISTS (SELECT 1 FROM oecd_latest_responses WHERE period = ${period} AND supplier_id = ${supplierId} AND red_flags > 0)
    AND NOT EXISTS (SELECT 1 FROM oecd_risked_suppliers WHERE period = ${period} AND supplier_id = ${supplierId}))`;
/** Puts the supplier in or out of oecd_uncovered_red_flags as it now stands (no write when it already is). */
const uncoveredAgain = (period: string, supplierId: string) =>
  `DELETE FROM oecd_uncovered_red_flags WHERE period = ${period} AND supplier_id = ${supplierId} AND NOT ${uncovered(period, supplierId)};
    INSERT OR IGNORE INTO oecd_uncovered_red_flags (period, supplier_id) SELECT ${period}, ${supplierId} WHERE ${uncovered(period, supplierId)};`;
/** A request of the period neither answered nor reminded (SQL over the request columns). */
const UNCHASED = 'response_event_id IS NULL AND first_reminder_event_id IS NULL';
/**
 * Sets the supplier's earliest due date of its unchased requests of the period (NULL: none left) in
 * oecd_unchased_suppliers, no write when it is unchanged. The supplier's requests are read by the
 * primary key's prefix (a handful of rows). Rows are set, never deleted (nor the counts' below): a row
 * deleted and inserted again while the log is applied again over the tables would open a history
 * version where one is already, which the history trigger's INSERT OR REPLACE cannot replace under
 * the handler's upsert (SQLite applies the outer statement's conflict policy inside triggers).
 */
const unchasedAgain = (row: 'NEW') =>
  `INSERT INTO oecd_unchased_suppliers (period, supplier_id, earliest_due)
      VALUES (${row}.period, ${row}.supplier_id, (SELECT min(due_date) FROM oecd_requests
        WHERE period = ${row}.period AND supplier_id = ${row}.supplier_id AND ${UNCHASED}))
      ON CONFLICT (period, supplier_id) DO UPDATE SET earliest_due = excluded.earliest_due
      WHERE oecd_unchased_suppliers.earliest_due IS NOT excluded.earliest_due;`;
const smelterNamed = (row: 'NEW') =>
  `INSERT OR IGNORE INTO oecd_period_smelters (period, metal, smelter_id) VALUES (${row}.period, ${row}.metal, ${row}.smelter_id);`;

export const OECD_STATUS_SCHEMA = `
  -- The evidence shown: of most criteria only the first EVIDENCE_CAP events of a period (all that
  -- an answer lists), of those in CRITERIA_KEPT_IN_FULL every event. One row per survey, reminder
  -- and response would make this the largest table of the read models, written for nothing.
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
  -- How many events evidence each criterion in each period, counted as they are filed; position is the
  -- last one counted, so that an event applied again is not counted twice.
  CREATE TABLE IF NOT EXISTS oecd_fact_counts (
    period INTEGER NOT NULL,
    criterion TEXT NOT NULL,
    count INTEGER NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (period, criterion)
  ) WITHOUT ROWID;
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
  -- Per period and supplier, the earliest due date of its requests neither answered nor reminded
  -- (NULL: none); kept by triggers on oecd_requests. A supplier is overdue without a reminder on a day
  -- when that date is before it.
  CREATE TABLE IF NOT EXISTS oecd_unchased_suppliers (
    period INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    earliest_due TEXT,
    PRIMARY KEY (period, supplier_id)
  ) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS oecd_unchased_suppliers_on_request AFTER INSERT ON oecd_requests BEGIN
    ${unchasedAgain('NEW')}
  END;
  CREATE TRIGGER IF NOT EXISTS oecd_unchased_suppliers_on_request_change
    AFTER UPDATE OF due_date, first_reminder_event_id, response_event_id ON oecd_requests
    WHEN OLD.due_date IS NOT NEW.due_date OR OLD.first_reminder_event_id IS NOT NEW.first_reminder_event_id
      OR OLD.response_event_id IS NOT NEW.response_event_id BEGIN
    ${unchasedAgain('NEW')}
  END;
  -- How many suppliers of a period have each earliest due date (a row of nought stays): the overdue
  -- figure sums the due dates before the day asked, one row per due date of the period, whatever the
  -- number of suppliers. Kept by triggers on oecd_unchased_suppliers.
  CREATE TABLE IF NOT EXISTS oecd_unchased_counts (
    period INTEGER NOT NULL,
    earliest_due TEXT NOT NULL,
    suppliers INTEGER NOT NULL,
    PRIMARY KEY (period, earliest_due)
  ) WITHOUT ROWID;
  ${countTriggers({
    rows: 'oecd_unchased_suppliers',
    counts: 'oecd_unchased_counts',
    by: ['period', 'earliest_due'],
    count: 'suppliers',
    where: 'ROW.earliest_due IS NOT NULL',
  })}
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
  -- The suppliers a risk of the period names (a risks-recorded fact; such facts are never taken back).
  CREATE TABLE IF NOT EXISTS oecd_risked_suppliers (
    period INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    PRIMARY KEY (period, supplier_id)
  ) WITHOUT ROWID;
  -- The suppliers whose latest response of the period has red flags and whom no risk of the period
  -- names yet: step 3 counts these rows, not every response of the period. Kept by triggers as
  -- responses and risk facts are filed; a supplier joins or leaves only when that changes. The
  -- triggers look rows up by primary key only: secondary indexes are dropped while a replay runs.
  CREATE TABLE IF NOT EXISTS oecd_uncovered_red_flags (
    period INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    PRIMARY KEY (period, supplier_id)
  ) WITHOUT ROWID;
  -- How many suppliers each period has in oecd_uncovered_red_flags (no row: none yet; a row of nought
  -- stays), kept by triggers on it: step 3 reads one row, not one per supplier it reports.
  CREATE TABLE IF NOT EXISTS oecd_uncovered_counts (
    period INTEGER PRIMARY KEY,
    suppliers INTEGER NOT NULL
  );
  ${countTriggers({ rows: 'oecd_uncovered_red_flags', counts: 'oecd_uncovered_counts', by: ['period'], count: 'suppliers' })}
  CREATE TRIGGER IF NOT EXISTS oecd_uncovered_red_flags_on_response AFTER INSERT ON oecd_latest_responses BEGIN
    ${uncoveredAgain('NEW.period', 'NEW.supplier_id')}
  END;
  CREATE TRIGGER IF NOT EXISTS oecd_uncovered_red_flags_on_newer_response AFTER UPDATE OF red_flags ON oecd_latest_responses
    WHEN OLD.red_flags IS NOT NEW.red_flags BEGIN
    ${uncoveredAgain('NEW.period', 'NEW.supplier_id')}
  END;
  CREATE TRIGGER IF NOT EXISTS oecd_uncovered_red_flags_on_risk AFTER INSERT ON oecd_facts
    WHEN NEW.criterion = 'risks-recorded' AND NEW.supplier_id IS NOT NULL BEGIN
    INSERT OR IGNORE INTO oecd_risked_suppliers (period, supplier_id) VALUES (NEW.period, NEW.supplier_id);
    DELETE FROM oecd_uncovered_red_flags WHERE period = NEW.period AND supplier_id = NEW.supplier_id;
  END;
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
  -- Risks of each period by severity, plan and closure, kept by triggers as oecd_risks changes: step 3
  -- reads a few of these rows, not every risk of the period.
  CREATE TABLE IF NOT EXISTS oecd_risk_counts (
    period INTEGER NOT NULL,
    severity TEXT NOT NULL,
    has_plan INTEGER NOT NULL,
    closed INTEGER NOT NULL,
    risks INTEGER NOT NULL,
    PRIMARY KEY (period, severity, has_plan, closed)
  ) WITHOUT ROWID;
  ${countTriggers({ rows: 'oecd_risks', counts: 'oecd_risk_counts', by: ['period', 'severity', 'has_plan', 'closed'], count: 'risks' })}
  -- Smelters (CIDs) named on in-scope rows of each supplier's latest response (step 4).
  CREATE TABLE IF NOT EXISTS oecd_smelters (
    period INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    metal TEXT NOT NULL,
    smelter_id TEXT NOT NULL,
    PRIMARY KEY (period, supplier_id, idx)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS oecd_smelters_by_smelter ON oecd_smelters (period, metal, smelter_id);
  -- Every smelter ever named in a period's latest responses (a row added by trigger when first named,
  -- so the rows change only when a smelter is new to the period): step 4 reads these, bounded by the
  -- smelters there are, and keeps those some row still names (oecd_smelters_by_smelter), not every
  -- naming. Never removed by trigger: finding out whether another row still names a smelter needs that
  -- secondary index, which a replay drops until it ends.
  CREATE TABLE IF NOT EXISTS oecd_period_smelters (
    period INTEGER NOT NULL,
    metal TEXT NOT NULL,
    smelter_id TEXT NOT NULL,
    PRIMARY KEY (period, metal, smelter_id)
  ) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS oecd_period_smelters_on_insert AFTER INSERT ON oecd_smelters BEGIN
    ${smelterNamed('NEW')}
  END;
  CREATE TRIGGER IF NOT EXISTS oecd_period_smelters_on_update AFTER UPDATE OF period, metal, smelter_id ON oecd_smelters
    WHEN OLD.period IS NOT NEW.period OR OLD.metal IS NOT NEW.metal OR OLD.smelter_id IS NOT NEW.smelter_id BEGIN
    ${smelterNamed('NEW')}
  END;
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
`;

export function prepareOecdStatusStatements(db: ReadModelDb) {
  return {
    insertFact: db.prepare('INSERT OR REPLACE INTO oecd_facts (period, criterion, event_id, supplier_id, position) VALUES (?, ?, ?, ?, ?)'),
    // The count after this event, or none when the event was counted before (applied again).
    countFact: db
      .prepare(
        `INSERT INTO oecd_fact_counts (period, criterion, count, position) VALUES (?, ?, 1, ?)
        ON CONFLICT (period, criterion) DO UPDATE SET count = count + 1, position = excluded.position
        WHERE excluded.position > oecd_fact_counts.position RETURNING count`,
      )
      .pluck(),
    uncountFact: db.prepare('UPDATE oecd_fact_counts SET count = count - 1 WHERE period = ? AND criterion = ?'),
    upsertRequest: db.prepare(`INSERT INTO oecd_requests (period, supplier_id, request_number, due_date, sent_event_id)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (period, supplier_id, request_number)
      DO UPDATE SET due_date = excluded.due_date, sent_event_id = excluded.sent_event_id`),
    // COALESCE keeps the first reminder / response when an event is applied again.
    requestReminded: db.prepare(`UPDATE oecd_requests SET first_reminder_event_id = COALESCE(first_reminder_event_id, ?)
      WHERE period = ? AND supplier_id = ? AND request_number = ?`),
    requestAnswered: db.prepare(`UPDATE oecd_requests SET response_event_id = COALESCE(response_event_id, ?)
      WHERE period = ? AND supplier_id = ? AND request_number = ?`),
    upsertLatestResponse: db.prepare(`INSERT INTO oecd_latest_responses (period, supplier_id, event_id, position, red_flags,
      response_number, in_scope_metals) VALUES (@period, @supplierId, @eventId, @position, @redFlags, @responseNumber, @inScopeMetals)
      ON CONFLICT (period, supplier_id) DO UPDATE SET event_id = excluded.event_id,
      position = excluded.position, red_flags = excluded.red_flags, response_number = excluded.response_number,
      in_scope_metals = excluded.in_scope_metals WHERE excluded.position >= oecd_latest_responses.position`),
    clearSmelters: db.prepare('DELETE FROM oecd_smelters WHERE period = ? AND supplier_id = ?'),
    // An upsert rather than INSERT OR REPLACE: a changed row is an UPDATE, which the period's smelter set follows.
    upsertSmelter: db.prepare(`INSERT INTO oecd_smelters (period, supplier_id, idx, metal, smelter_id) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (period, supplier_id, idx) DO UPDATE SET metal = excluded.metal, smelter_id = excluded.smelter_id`),
    latestScope: db
      .prepare('SELECT in_scope_metals FROM oecd_latest_responses WHERE period = ? AND supplier_id = ? AND response_number = ?')
      .pluck(),
    // Risks remember the position of their last event: an older event applied again changes nothing.
    insertRisk: db.prepare(`INSERT INTO oecd_risks (risk_id, period, severity, has_plan, closed, position) VALUES (?, ?, ?, 0, 0, ?)
      ON CONFLICT (risk_id) DO NOTHING`),
    riskPeriod: db.prepare('SELECT period FROM oecd_risks WHERE risk_id = ?').pluck(),
    updateRisk: db.prepare(`UPDATE oecd_risks SET severity = COALESCE(?, severity), has_plan = COALESCE(?, has_plan),
      closed = COALESCE(?, closed), position = ? WHERE risk_id = ? AND position < ?`),
    upsertList: db.prepare(`INSERT INTO oecd_lists (list, as_of, event_id, position) VALUES (?, ?, ?, ?)
      ON CONFLICT (list) DO UPDATE SET as_of = excluded.as_of, event_id = excluded.event_id, position = excluded.position
      WHERE excluded.position > oecd_lists.position`),
    upsertStatus: db.prepare('INSERT OR REPLACE INTO oecd_rmap_statuses (smelter_id, status) VALUES (?, ?)'),
    deleteStatus: db.prepare('DELETE FROM oecd_rmap_statuses WHERE smelter_id = ?'),
    listEventId: db.prepare('SELECT event_id FROM oecd_lists WHERE list = ?').pluck(),
    deleteFact: db.prepare('DELETE FROM oecd_facts WHERE criterion = ? AND event_id = ? RETURNING period').pluck(),
    upsertProgramLatest: db.prepare(`INSERT INTO oecd_program_latest (period, kind, data, event_id, position) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (period, kind) DO UPDATE SET data = excluded.data, event_id = excluded.event_id, position = excluded.position
      WHERE excluded.position >= oecd_program_latest.position`),
  };
}
export type OecdStatusStatements = ReturnType<typeof prepareOecdStatusStatements>;

/**
 * Criteria whose every event is kept: risks-recorded is looked up by supplier (red flags without a
 * risk), and a status list check can be taken back (withdrawn), which would leave a capped list short.
 */
export const CRITERIA_KEPT_IN_FULL: ReadonlySet<string> = new Set(['risks-recorded', 'smelters-checked-against-audit-programme']);

/** Files the event as evidence of a criterion in a period (for a supplier, or none): counted, and kept if it is shown. */
export function fileFact(
  s: OecdStatusStatements,
  period: number,
  criterion: string,
  event: RecordedEvent,
  supplierId: string | null,
): void {
  const count = s.countFact.get(period, criterion, event.globalPosition) as number | undefined;
  if (count === undefined) return;
  if (count <= EVIDENCE_CAP || CRITERIA_KEPT_IN_FULL.has(criterion))
    s.insertFact.run(period, criterion, event.metadata.eventId, supplierId, event.globalPosition);
}

/** Takes an event back as evidence of a criterion kept in full (a withdrawn status list). */
export function withdrawFact(s: OecdStatusStatements, criterion: string, eventId: string): void {
  for (const period of s.deleteFact.all(criterion, eventId) as number[]) s.uncountFact.run(period, criterion);
}
