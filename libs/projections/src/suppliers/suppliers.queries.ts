import type { Finding, FindingSeverity, FollowUpKind, Mineral, SupplierTier, SurveyFamily } from '@dd/domain';
import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';
import { keysetCondition, WHOLE_LIST, type KeysetPage } from '../keyset-page';

export type SurveyStatus = 'not-sent' | 'awaiting-response' | 'responded';

export interface ResponseSummary {
  responseNumber: number;
  requestNumber: number;
  receivedAt: string;
  /** The ResponseRecorded event. */
  eventId: string;
  source: 'json' | 'cmrt-file';
  fileName: string | null;
  templateVersion: string | null;
  /** Declaration scope (company / product / user-defined), as the supplier gave it. */
  scope: string | null;
  /** The metals (CMRT) or minerals (EMRT) declared in scope. */
  inScopeMetals: Mineral[];
  findingCounts: Record<FindingSeverity, number>;
  followUpKinds: FollowUpKind[];
  /** Rows on the supplier's Smelter List. */
  smelterCount: number;
}

export interface SurveyOverview {
  period: number;
  /** The template asked for: a supplier may have a CMRT and an EMRT survey for the same period. */
  family: SurveyFamily;
  status: SurveyStatus;
  /** 0 while no CMRT has been sent. */
  requestNumber: number;
  dueDate: string | null;
  templateVersion: string | null;
  sentAt: string | null;
  /** Reminders for the current request. */
  remindersSent: number;
  /** Reminders over every request of the period. */
  remindersTotal: number;
  lastReminderAt: string | null;
  /** Oldest first. */
  responses: ResponseSummary[];
  /** Findings of the latest response ([] before any). */
  latestFindings: Finding[];
  /** Follow-ups asked of the supplier for the period, oldest first; resolution null while open. */
  followUps: FollowUpSummary[];
}

export interface FollowUpSummary {
  followUpId: string;
  kind: string;
  origin: string;
  responseNumber: number;
  findings: number;
  requestedAt: string;
  requestedEventId: string;
  resolution: string | null;
  resolvedAt: string | null;
  resolvedEventId: string | null;
}

export interface SupplierOverview extends Omit<SupplierListItem, 'surveyStatus'> {
  /** The SupplierRegistered event. */
  eventId: string;
  /** Suppliers registered with this one as their parent. */
  children: string[];
  /** One entry per period and template family with a survey, most recent period first, the CMRT before the EMRT. */
  surveys: SurveyOverview[];
}

export interface SupplierListItem {
  supplierId: string;
  name: string;
  tier: SupplierTier;
  country: string | null;
  parentSupplierId: string | null;
  registeredAt: string;
  /** Present when the list was asked for a period: the CMRT survey's. */
  surveyStatus?: SurveyStatus;
}

export interface SupplierListQuery {
  tier?: SupplierTier;
  /** Adds each supplier's survey status for this period. */
  period?: number;
}

const SUPPLIER_COLUMNS = `supplier_id AS supplierId, name, tier, country, parent_supplier_id AS parentSupplierId,
  registered_at AS registeredAt`;

type SurveyRow = Pick<SurveyOverview, 'period' | 'family' | 'status' | 'requestNumber' | 'dueDate' | 'templateVersion' | 'sentAt'>;

interface ReminderRow {
  period: number;
  family: SurveyFamily;
  requestNumber: number;
  sentAt: string;
}

/** A ResponseSummary as stored: JSON columns still text, finding counts one column per severity. */
interface ResponseRow extends Omit<ResponseSummary, 'inScopeMetals' | 'findingCounts' | 'followUpKinds'> {
  period: number;
  family: SurveyFamily;
  inScopeMetals: string;
  errors: number;
  warnings: number;
  redFlags: number;
  infos: number;
  followUpKinds: string;
  findings: string;
}

export class SupplierQueries {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  /** Everything GET /suppliers/:id shows, or null for an unknown supplier. */
  get(supplierId: string): SupplierOverview | null {
    const supplier = this.statements
      .get(`SELECT ${SUPPLIER_COLUMNS}, event_id AS eventId FROM suppliers WHERE supplier_id = ?`)
      .get(supplierId) as Omit<SupplierOverview, 'children' | 'surveys'> | undefined;
    if (!supplier) return null;
    const children = this.statements
      .get('SELECT supplier_id FROM suppliers WHERE parent_supplier_id = ? ORDER BY supplier_id')
      .pluck()
      .all(supplierId) as string[];
    const surveys = this.surveyRows(supplierId);
    const reminders = this.reminderRows(supplierId);
    const responses = this.responseRows(supplierId);
    const followUps = this.followUpRows(supplierId);
    const ofSurvey = (survey: SurveyRow) => (row: { period: number; family: SurveyFamily }) =>
      row.period === survey.period && row.family === survey.family;
    return {
      ...supplier,
      children,
      surveys: surveys.map((survey) =>
        overview(survey, reminders.filter(ofSurvey(survey)), responses.filter(ofSurvey(survey)), followUps.filter(ofSurvey(survey))),
      ),
    };
  }

  /** One period's survey of a supplier (the CMRT's unless another family is named); status 'not-sent' when there is none. */
  survey(supplierId: string, period: number, family: SurveyFamily = 'cmrt'): SurveyOverview {
    const [row] = this.surveyRows(supplierId, period).filter((survey) => survey.family === family);
    if (!row) return notSent(period, family);
    const ofFamily = <Row extends { family: SurveyFamily }>(rows: Row[]) => rows.filter((one) => one.family === family);
    return overview(
      row,
      ofFamily(this.reminderRows(supplierId, period)),
      ofFamily(this.responseRows(supplierId, period)),
      ofFamily(this.followUpRows(supplierId, period)),
    );
  }

  /**
   * The surveys of a period (the CMRT's unless another family is named) of several suppliers at once,
   * by supplier id (status 'not-sent' where there is none): one query for a page of suppliers, each
   * survey built as JSON by SQLite (SURVEY_OVERVIEW_JSON) and parsed once. Assembling the same objects
   * from four row sets in JavaScript allocated several objects per row and spent most of a page's time
   * in the garbage collector. The answer is `overview`'s, key for key (a spec compares them as JSON).
   */
  surveysOf(supplierIds: readonly string[], period: number, family: SurveyFamily = 'cmrt'): Map<string, SurveyOverview> {
    const rows = this.statements
      .get(
        `SELECT j.value AS supplierId, (SELECT ${SURVEY_OVERVIEW_JSON} FROM supplier_surveys v
          WHERE v.supplier_id = j.value AND v.period = @period AND v.family = @family) AS survey FROM json_each(@ids) j`,
      )
      .all({ ids: JSON.stringify(supplierIds), period, family }) as Array<{ supplierId: string; survey: string | null }>;
    const surveys = new Map<string, SurveyOverview>();
    for (const row of rows)
      surveys.set(row.supplierId, row.survey === null ? notSent(period, family) : (JSON.parse(row.survey) as SurveyOverview));
    return surveys;
  }

  /**
   * Registered suppliers by id, optionally of one tier and with their survey status for a period:
   * the page after the supplier id `page.after` names.
   */
  list(query: SupplierListQuery = {}, page: KeysetPage = WHOLE_LIST): SupplierListItem[] {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (query.tier !== undefined) {
      conditions.push('s.tier = ?');
      parameters.push(query.tier);
    }
    const after = keysetCondition(['s.supplier_id'], page);
    if (after.sql !== null) conditions.push(after.sql);
    parameters.push(...after.parameters, page.limit);
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    if (query.period === undefined) {
      return this.statements
        .get(`SELECT ${SUPPLIER_COLUMNS} FROM suppliers s ${where} ORDER BY supplier_id LIMIT ?`)
        .all(...parameters) as SupplierListItem[];
    }
    const rows = this.statements
      .get(
        `SELECT s.supplier_id AS supplierId, s.name, s.tier, s.country, s.parent_supplier_id AS parentSupplierId,
        s.registered_at AS registeredAt, COALESCE(v.status, 'not-sent') AS surveyStatus
        FROM suppliers s LEFT JOIN supplier_surveys v ON v.supplier_id = s.supplier_id AND v.period = ? AND v.family = 'cmrt'
        ${where} ORDER BY s.supplier_id LIMIT ?`,
      )
      .all(query.period, ...parameters) as SupplierListItem[];
    return rows;
  }

  /** How many suppliers `list` lists (of one tier when given): from the counts kept per tier. */
  count(query: Pick<SupplierListQuery, 'tier'> = {}): number {
    return this.statements
      .get('SELECT coalesce(sum(suppliers), 0) FROM supplier_tier_counts WHERE (@tier IS NULL OR tier = @tier)')
      .pluck()
      .get({ tier: query.tier ?? null }) as number;
  }

  /** A supplier's surveys, most recent period first; only `period`'s when given. */
  private surveyRows(supplierId: string, period?: number): SurveyRow[] {
    return this.rowsOf(
      `SELECT period, family, status, request_number AS requestNumber, due_date AS dueDate, template_version AS templateVersion,
      sent_at AS sentAt FROM supplier_surveys`,
      'period DESC, family',
      supplierId,
      period,
    );
  }

  private reminderRows(supplierId: string, period?: number): ReminderRow[] {
    return this.rowsOf(
      'SELECT period, family, request_number AS requestNumber, sent_at AS sentAt FROM supplier_reminders',
      'position',
      supplierId,
      period,
    );
  }

  private responseRows(supplierId: string, period?: number): ResponseRow[] {
    return this.rowsOf(
      `SELECT period, family, response_number AS responseNumber, request_number AS requestNumber, received_at AS receivedAt,
      event_id AS eventId, source_kind AS source, file_name AS fileName, template_version AS templateVersion, scope,
      in_scope_metals AS inScopeMetals, errors, warnings, red_flags AS redFlags, infos, follow_up_kinds AS followUpKinds,
      smelter_count AS smelterCount, findings FROM supplier_responses`,
      'period, position',
      supplierId,
      period,
    );
  }

  private followUpRows(supplierId: string, period?: number): Array<FollowUpSummary & { period: number; family: SurveyFamily }> {
    return this.rowsOf(
      `SELECT follow_up_id AS followUpId, period, family, kind, origin, response_number AS responseNumber, findings,
      requested_at AS requestedAt, requested_event_id AS requestedEventId, resolution, resolved_at AS resolvedAt,
      resolved_event_id AS resolvedEventId FROM supplier_follow_ups`,
      'position',
      supplierId,
      period,
    );
  }

  /** `select` over one supplier's rows, only those of `period` when given, in `order`. */
  private rowsOf<Row>(select: string, order: string, supplierId: string, period: number | undefined): Row[] {
    const statement = this.statements.get(
      `${select} WHERE supplier_id = ?${period === undefined ? '' : ' AND period = ?'} ORDER BY ${order}`,
    );
    return (period === undefined ? statement.all(supplierId) : statement.all(supplierId, period)) as Row[];
  }
}

/** The rows of a survey's own reminders, responses or follow-ups (of `v`, a supplier_surveys row). */
const OF_SURVEY = 'supplier_id = v.supplier_id AND period = v.period AND family = v.family';

/**
 * A survey (`v`, a supplier_surveys row) as `overview` makes it, as a JSON object in the same key
 * order: reminders of the current request and in all, the last reminder, the responses in order
 * (counts per severity, the findings left out), the latest response's findings, the follow-ups.
 */
const SURVEY_OVERVIEW_JSON = `json_object(
  'period', v.period, 'family', v.family, 'status', v.status, 'requestNumber', v.request_number, 'dueDate', v.due_date,
  'templateVersion', v.template_version, 'sentAt', v.sent_at,
  'remindersSent', (SELECT count(*) FROM supplier_reminders WHERE ${OF_SURVEY} AND request_number = v.request_number),
  'remindersTotal', (SELECT count(*) FROM supplier_reminders WHERE ${OF_SURVEY}),
  'lastReminderAt', (SELECT sent_at FROM supplier_reminders WHERE ${OF_SURVEY} ORDER BY position DESC LIMIT 1),
  'responses', (SELECT json_group_array(json_object('responseNumber', response_number, 'requestNumber', request_number,
    'receivedAt', received_at, 'eventId', event_id, 'source', source_kind, 'fileName', file_name, 'templateVersion', template_version,
    'scope', scope, 'inScopeMetals', json(in_scope_metals), 'followUpKinds', json(follow_up_kinds), 'smelterCount', smelter_count,
    'findingCounts', json_object('error', errors, 'warning', warnings, 'red-flag', red_flags, 'info', infos)) ORDER BY position)
    FROM supplier_responses WHERE ${OF_SURVEY}),
  'latestFindings', coalesce((SELECT json(findings) FROM supplier_responses WHERE ${OF_SURVEY} ORDER BY position DESC LIMIT 1), json('[]')),
  'followUps', (SELECT json_group_array(json_object('followUpId', follow_up_id, 'kind', kind, 'origin', origin,
    'responseNumber', response_number, 'findings', findings, 'requestedAt', requested_at, 'requestedEventId', requested_event_id,
    'resolution', resolution, 'resolvedAt', resolved_at, 'resolvedEventId', resolved_event_id) ORDER BY position)
    FROM supplier_follow_ups WHERE ${OF_SURVEY}))`;

/** A period's survey of a supplier that was never sent one. */
function notSent(period: number, family: SurveyFamily): SurveyOverview {
  return {
    period,
    family,
    status: 'not-sent',
    requestNumber: 0,
    dueDate: null,
    templateVersion: null,
    sentAt: null,
    remindersSent: 0,
    remindersTotal: 0,
    lastReminderAt: null,
    responses: [],
    latestFindings: [],
    followUps: [],
  };
}

function overview(
  survey: SurveyRow,
  reminders: ReminderRow[],
  responses: ResponseRow[],
  followUps: Array<FollowUpSummary & { period: number; family: SurveyFamily }>,
): SurveyOverview {
  const current = reminders.filter((reminder) => reminder.requestNumber === survey.requestNumber);
  const latest = responses[responses.length - 1];
  return {
    ...survey,
    remindersSent: current.length,
    remindersTotal: reminders.length,
    lastReminderAt: reminders.length > 0 ? reminders[reminders.length - 1].sentAt : null,
    responses: responses.map(({ findings: _findings, period: _period, family: _family, errors, warnings, redFlags, infos, ...row }) => ({
      ...row,
      inScopeMetals: JSON.parse(row.inScopeMetals),
      findingCounts: { error: errors, warning: warnings, 'red-flag': redFlags, info: infos },
      followUpKinds: JSON.parse(row.followUpKinds),
    })),
    latestFindings: latest ? JSON.parse(latest.findings) : [],
    followUps: followUps.map(({ period: _period, family: _family, ...followUp }) => followUp),
  };
}
