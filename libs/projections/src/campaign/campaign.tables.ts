import type { ReadModelDb } from '../core/read-model-db';

/**
 * The figures of a period's survey, kept by SQLite triggers as the surveys and requests change:
 * each column of a counts row is the sum, over its surveys (requests), of an expression of the row
 * (1 or 0, or a number). On insert a row adds its values; on update the new values minus the old,
 * so an event applied twice (a replay over kept tables) changes nothing. GET /campaigns reads a few
 * rows instead of every supplier of the period.
 */
const SURVEY_COUNTS: Record<string, (row: string) => string> = {
  surveys: () => '1',
  responded: (row) => `(${row}.responses > 0)`,
  usable: (row) => `(${row}.responses > 0 AND ${row}.latest_usable = 1)`,
  accepted: (row) => `(${row}.responses > 0 AND ${row}.accepted_response = ${row}.responses)`,
  scope_company: (row) => `(${row}.responses > 0 AND ${row}.latest_scope IS 'company')`,
  scope_product: (row) => `(${row}.responses > 0 AND ${row}.latest_scope IS 'product')`,
  scope_user_defined: (row) => `(${row}.responses > 0 AND ${row}.latest_scope IS 'user-defined')`,
  scope_unspecified: (row) => `(${row}.responses > 0 AND COALESCE(${row}.latest_scope, 'unspecified') = 'unspecified')`,
};
const REQUEST_COUNTS: Record<string, (row: string) => string> = {
  reminders: (row) => `${row}.reminders`,
  escalations: (row) => `(${row}.escalated_at IS NOT NULL)`,
};

/** A counts table keyed by `key`, and the triggers that keep it from `source`'s inserts and updates. */
function countsKeptBy(
  table: string,
  source: string,
  key: Record<string, (row: string) => string>,
  counts: Record<string, (row: string) => string>,
) {
  const keys = Object.keys(key);
  const columns = Object.keys(counts);
  // An update that changes none of the columns the counts read adds nought to every count: it fires nothing.
  const watched = columnsRead(Object.values({ ...key, ...counts }).map((of) => of('NEW')));
  const upsert = (values: (column: string) => string, row: string) =>
    `INSERT INTO ${table} (${[...keys, ...columns].join(', ')})
      VALUES (${[...keys.map((name) => key[name](row)), ...columns.map(values)].join(', ')})
      ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${columns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')};`;
  return `
  CREATE TABLE IF NOT EXISTS ${table} (
    ${keys.map((name) => `${name} ${name === 'period' ? 'INTEGER' : 'TEXT'} NOT NULL`).join(', ')},
    ${columns.map((column) => `${column} INTEGER NOT NULL`).join(', ')},
    PRIMARY KEY (${keys.join(', ')})
  ) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS ${table}_on_insert AFTER INSERT ON ${source} BEGIN
    ${upsert((column) => counts[column]('NEW'), 'NEW')}
  END;
  DROP TRIGGER IF EXISTS ${table}_on_update;
  CREATE TRIGGER ${table}_on_update AFTER UPDATE OF ${watched.join(', ')} ON ${source}
    WHEN ${watched.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ')} BEGIN
    ${upsert((column) => `${counts[column]('NEW')} - ${counts[column]('OLD')}`, 'NEW')}
  END;`;
}

/** The columns of NEW that these SQL expressions read. */
function columnsRead(expressions: readonly string[]): string[] {
  return [...new Set(expressions.flatMap((sql) => [...sql.matchAll(/\bNEW\.(\w+)/g)].map((match) => match[1])))];
}

/** A survey counts under its supplier's tier ('' when the supplier is not registered). */
const tierOf = (row: string) => `COALESCE((SELECT tier FROM campaign_suppliers WHERE supplier_id = ${row}.supplier_id), '')`;

/**
 * Current requests not answered yet, counted per period, family and due date: awaiting is their sum,
 * overdue the sum of the due dates before today (which a count kept in advance cannot know). A request
 * counts while it is unanswered and its survey's current one; a re-survey makes the one before it
 * stop counting (the survey's request_number moves on) and the new one count once it is inserted.
 */
const openOf = (row: string) =>
  `(${row}.responded_at IS NULL AND ${row}.request_number IS (SELECT request_number FROM campaign_surveys
    WHERE period = ${row}.period AND supplier_id = ${row}.supplier_id AND family = ${row}.family))`;
const addOpen = (select: string) =>
  `INSERT INTO campaign_open_counts (period, family, due_date, open) ${select}
    ON CONFLICT (period, family, due_date) DO UPDATE SET open = open + excluded.open;`;
const requestOf = (row: string, number: string) =>
  `FROM campaign_requests r WHERE r.period = ${row}.period AND r.supplier_id = ${row}.supplier_id AND r.family = ${row}.family
    AND r.request_number = ${number}`;
/**
 * The columns of a request that decide whether and where it counts as open: a reminder or an escalation
 * changes none of them, and so fires nothing (an upsert of nought would still write the count's row).
 */
const OPEN_WATCHED = ['period', 'supplier_id', 'family', 'request_number', 'due_date', 'responded_at'];
const OPEN_COUNTS = `
  CREATE TABLE IF NOT EXISTS campaign_open_counts (
    period INTEGER NOT NULL, family TEXT NOT NULL, due_date TEXT NOT NULL, open INTEGER NOT NULL,
    PRIMARY KEY (period, family, due_date)
  ) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS campaign_open_counts_on_request_insert AFTER INSERT ON campaign_requests BEGIN
    ${addOpen(`SELECT NEW.period, NEW.family, NEW.due_date, ${openOf('NEW')} WHERE true`)}
  END;
  DROP TRIGGER IF EXISTS campaign_open_counts_on_request_update;
  CREATE TRIGGER campaign_open_counts_on_request_update
    AFTER UPDATE OF ${OPEN_WATCHED.join(', ')} ON campaign_requests
    WHEN ${OPEN_WATCHED.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ')} BEGIN
    ${addOpen(`SELECT OLD.period, OLD.family, OLD.due_date, -${openOf('OLD')} WHERE true`)}
    ${addOpen(`SELECT NEW.period, NEW.family, NEW.due_date, ${openOf('NEW')} WHERE true`)}
  END;
  CREATE TRIGGER IF NOT EXISTS campaign_open_counts_on_survey_insert AFTER INSERT ON campaign_surveys BEGIN
    ${addOpen(`SELECT r.period, r.family, r.due_date, r.responded_at IS NULL ${requestOf('NEW', 'NEW.request_number')}`)}
  END;
  CREATE TRIGGER IF NOT EXISTS campaign_open_counts_on_resurvey AFTER UPDATE OF request_number ON campaign_surveys
    WHEN OLD.request_number IS NOT NEW.request_number BEGIN
    ${addOpen(`SELECT r.period, r.family, r.due_date, -(r.responded_at IS NULL) ${requestOf('OLD', 'OLD.request_number')}`)}
    ${addOpen(`SELECT r.period, r.family, r.due_date, r.responded_at IS NULL ${requestOf('NEW', 'NEW.request_number')}`)}
  END;`;

export const CAMPAIGN_SCHEMA = `
  CREATE TABLE IF NOT EXISTS campaign_suppliers (
    supplier_id TEXT PRIMARY KEY,
    tier TEXT NOT NULL,
    owner TEXT
  );
  -- One row per supplier, period and template family (cmrt, emrt): which request is current, and the latest response.
  CREATE TABLE IF NOT EXISTS campaign_surveys (
    period INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    family TEXT NOT NULL,
    request_number INTEGER NOT NULL,
    responses INTEGER NOT NULL DEFAULT 0,
    latest_position INTEGER NOT NULL DEFAULT 0,
    latest_scope TEXT,
    -- 1 when the latest response is an answer (not a blank template, not another company's file).
    latest_usable INTEGER NOT NULL DEFAULT 0,
    accepted_response INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (period, supplier_id, family)
  ) WITHOUT ROWID;
  -- One row per request of a survey (a re-survey is request 2).
  CREATE TABLE IF NOT EXISTS campaign_requests (
    period INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    family TEXT NOT NULL,
    request_number INTEGER NOT NULL,
    sent_at TEXT NOT NULL,
    sent_event_id TEXT NOT NULL,
    due_date TEXT NOT NULL,
    template_version TEXT,
    campaign_id TEXT,
    reminders INTEGER NOT NULL DEFAULT 0,
    last_reminder_at TEXT,
    escalated_at TEXT,
    escalated_to TEXT,
    escalation_event_id TEXT,
    responded_at TEXT,
    -- The latest response to this request: usable or not, and its global position (latest wins).
    usable INTEGER NOT NULL DEFAULT 0,
    usable_position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (period, supplier_id, family, request_number)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS campaign_requests_by_campaign ON campaign_requests (campaign_id);
  -- The unanswered requests, in the order the reminder pass goes through them a slice at a time.
  CREATE INDEX IF NOT EXISTS campaign_requests_open ON campaign_requests (period, supplier_id, family) WHERE responded_at IS NULL;
  CREATE TABLE IF NOT EXISTS campaign_follow_ups (
    follow_up_id TEXT PRIMARY KEY,
    period INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    family TEXT NOT NULL,
    open INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS campaign_follow_ups_by_period ON campaign_follow_ups (period, open);
  CREATE TABLE IF NOT EXISTS campaign_launches (
    campaign_id TEXT PRIMARY KEY,
    period INTEGER NOT NULL,
    selection TEXT NOT NULL,
    due_date TEXT NOT NULL,
    family TEXT NOT NULL,
    template_version TEXT,
    selected INTEGER NOT NULL,
    launched_at TEXT NOT NULL,
    launched_by TEXT NOT NULL,
    event_id TEXT NOT NULL,
    position INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS campaign_launches_by_period ON campaign_launches (period, position);
  CREATE TABLE IF NOT EXISTS campaign_members (
    campaign_id TEXT NOT NULL,
    supplier_id TEXT NOT NULL,
    PRIMARY KEY (campaign_id, supplier_id)
  ) WITHOUT ROWID;
  ${OPEN_COUNTS}
  ${countsKeptBy('campaign_survey_counts', 'campaign_surveys', { period: (row) => `${row}.period`, family: (row) => `${row}.family`, tier: tierOf }, SURVEY_COUNTS)}
  ${countsKeptBy('campaign_request_counts', 'campaign_requests', { period: (row) => `${row}.period`, family: (row) => `${row}.family` }, REQUEST_COUNTS)}
`;

export function prepareCampaignStatements(db: ReadModelDb) {
  return {
    upsertSupplier: db.prepare(`INSERT INTO campaign_suppliers (supplier_id, tier) VALUES (?, ?)
      ON CONFLICT (supplier_id) DO UPDATE SET tier = excluded.tier`),
    assignOwner: db.prepare('UPDATE campaign_suppliers SET owner = ? WHERE supplier_id = ?'),
    upsertSurvey: db.prepare(`INSERT INTO campaign_surveys (period, supplier_id, family, request_number) VALUES (?, ?, ?, ?)
      ON CONFLICT (period, supplier_id, family) DO UPDATE SET request_number = MAX(request_number, excluded.request_number)`),
    upsertRequest: db.prepare(`INSERT INTO campaign_requests (period, supplier_id, family, request_number, sent_at, sent_event_id,
      due_date, template_version, campaign_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (period, supplier_id, family, request_number) DO UPDATE SET sent_at = excluded.sent_at, sent_event_id = excluded.sent_event_id,
      due_date = excluded.due_date, template_version = excluded.template_version, campaign_id = excluded.campaign_id`),
    // SQLite evaluates every SET expression on the old row, so the CASE sees the reminders before MAX.
    reminded: db.prepare(`UPDATE campaign_requests SET last_reminder_at = CASE WHEN @number >= reminders THEN @at ELSE last_reminder_at END,
      reminders = MAX(reminders, @number) WHERE period = @period AND supplier_id = @supplierId AND family = @family
      AND request_number = @requestNumber`),
    escalated: db.prepare(`UPDATE campaign_requests SET escalated_at = COALESCE(escalated_at, ?), escalated_to = COALESCE(escalated_to, ?),
      escalation_event_id = COALESCE(escalation_event_id, ?) WHERE period = ? AND supplier_id = ? AND family = ? AND request_number = ?`),
    requestAnswered: db.prepare(`UPDATE campaign_requests SET responded_at = COALESCE(responded_at, @receivedAt),
      usable = CASE WHEN @position >= usable_position THEN @usable ELSE usable END, usable_position = MAX(usable_position, @position)
      WHERE period = @period AND supplier_id = @supplierId AND family = @family AND request_number = @requestNumber`),
    surveyAnswered: db.prepare(`UPDATE campaign_surveys SET responses = MAX(responses, @responseNumber),
      latest_scope = CASE WHEN @position >= latest_position THEN @scope ELSE latest_scope END,
      latest_usable = CASE WHEN @position >= latest_position THEN @usable ELSE latest_usable END, latest_position = MAX(latest_position, @position)
      WHERE period = @period AND supplier_id = @supplierId AND family = @family`),
    accepted: db.prepare(
      'UPDATE campaign_surveys SET accepted_response = MAX(accepted_response, ?) WHERE period = ? AND supplier_id = ? AND family = ?',
    ),
    followUpOpened: db.prepare(`INSERT INTO campaign_follow_ups (follow_up_id, period, supplier_id, family, open) VALUES (?, ?, ?, ?, 1)
      ON CONFLICT (follow_up_id) DO NOTHING`),
    followUpClosed: db.prepare(`INSERT INTO campaign_follow_ups (follow_up_id, period, supplier_id, family, open) VALUES (?, ?, ?, ?, 0)
      ON CONFLICT (follow_up_id) DO UPDATE SET open = 0`),
    launched: db.prepare(`INSERT OR REPLACE INTO campaign_launches (campaign_id, period, selection, due_date, family, template_version,
      selected, launched_at, launched_by, event_id, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    member: db.prepare('INSERT OR IGNORE INTO campaign_members (campaign_id, supplier_id) VALUES (?, ?)'),
  };
}
export type CampaignStatements = ReturnType<typeof prepareCampaignStatements>;
