import {
  DECLARATION_SCOPES,
  familiesOfCampaign,
  SURVEY_FAMILIES,
  type CampaignFamily,
  type CampaignSelection,
  type DeclarationScope,
  type SupplierTier,
  type SurveyFamily,
} from '@dd/domain';
import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';
import { keysetCondition, WHOLE_LIST, type KeysetPage } from '../keyset-page';

/** A share or rate as a fraction rounded to 4 decimals; null when there is nothing to divide by. */
export type Ratio = number | null;

export interface TierFigures {
  /** Suppliers of the tier with a CMRT request in the period. */
  requestsSent: number;
  /** ... of which answered at least once (received, whatever it held). */
  responded: number;
  responseRate: Ratio;
  /** ... of which the latest response is usable: not a blank template, not another company's file. */
  usable: number;
  usableRate: Ratio;
}

export interface ScopeFigures {
  count: number;
  /** Share among the latest responses of the period. */
  share: Ratio;
}

/** One template family's survey figures of a period (or of a campaign): received and usable apart. */
export interface FamilyFigures {
  /** Suppliers asked for this template (period), or requests of it sent (campaign). */
  requestsSent: number;
  /** ... answered at least once (received, whatever it held: a blank template and another company's file count). */
  responded: number;
  responseRate: Ratio;
  /** ... whose latest response is usable: not a blank template, not another company's file. */
  usable: number;
  usableRate: Ratio;
  /** ... not answered yet, and of those past their due date. */
  awaitingResponse: number;
  overdue: number;
}

/** A declaration's scope as the supplier gave it; 'unspecified' when left blank. */
export type ScopeKey = DeclarationScope | 'unspecified';

/**
 * The figures of a period. The top-level figures are the CMRT's (as before the EMRT was surveyed);
 * `byFamily` gives received and usable figures for each template family, the CMRT's equal to the top level.
 */
export interface PeriodCampaignFigures {
  period: number;
  /** The day overdue is judged on. */
  today: string;
  byFamily: Record<SurveyFamily, FamilyFigures>;
  /** Suppliers with a CMRT request (CMRTSent) in the period. */
  requestsSent: number;
  /** Suppliers that answered at least once (received responses, usable or not). */
  responded: number;
  responseRate: Ratio;
  /** Suppliers whose latest response is usable (response-usability.ts), and their share of the requests sent. */
  usable: number;
  usableRate: Ratio;
  byTier: Record<SupplierTier, TierFigures>;
  /** Current requests not answered yet. */
  awaitingResponse: number;
  /** ... of which past their due date (due date before today). */
  overdue: number;
  /** Reminders sent over every request of the period. */
  remindersSent: number;
  /** Requests escalated to the supplier's owner for non-response. */
  escalations: number;
  /** Follow-ups requested and not resolved. */
  followUpsOpen: number;
  /** Suppliers whose latest response is accepted. */
  accepted: number;
  /** Declaration scope of each responding supplier's latest response (company, product, user-defined). */
  scopes: Record<ScopeKey, ScopeFigures>;
  campaigns: CampaignSummary[];
}

export interface CampaignSummary {
  campaignId: string;
  period: number;
  selection: CampaignSelection;
  /** What it asked each supplier for: cmrt, emrt or both. Its figures count requests of every family asked. */
  family: CampaignFamily;
  /** The same figures for each family asked. */
  byFamily: Partial<Record<SurveyFamily, FamilyFigures>>;
  dueDate: string;
  templateVersion: string | null;
  launchedAt: string;
  launchedBy: string;
  /** Active suppliers the selection named at launch. */
  selected: number;
  /** Requests this campaign sent. */
  sent: number;
  /** Selected suppliers that already had a request for the period (from another campaign or a single SendCMRT): skipped. */
  alreadyRequested: number;
  /** Requests this campaign sent that were answered. */
  responded: number;
  responseRate: Ratio;
  /** Requests this campaign sent whose latest response is usable, and their share of the requests sent. */
  usable: number;
  usableRate: Ratio;
  /** Requests this campaign sent still unanswered, and of those, past due. */
  awaitingResponse: number;
  overdue: number;
  remindersSent: number;
  escalations: number;
}

export type CampaignMemberOutcome = 'sent' | 'already-requested' | 'not-sent';

/** One selected supplier and one family asked for (a campaign for both lists each supplier twice). */
export interface CampaignMember {
  supplierId: string;
  family: SurveyFamily;
  tier: SupplierTier | null;
  /** sent: this campaign's request; already-requested: skipped, the supplier had one; not-sent: refused (see the log). */
  outcome: CampaignMemberOutcome;
  requestNumber: number | null;
  responded: boolean;
  /** The latest response to this campaign's request is usable. */
  usable: boolean;
  overdue: boolean;
  /** Reminders sent for this campaign's request. */
  remindersSent: number;
  /** Who the unanswered request was escalated to (the supplier's owner, or 'unassigned'); null: not escalated. */
  escalatedTo: string | null;
}

export interface CampaignView extends CampaignSummary {
  today: string;
  members: CampaignMember[];
}

/** An unanswered CMRT request, as the reminder scheduler needs it. */
export interface OpenRequest {
  supplierId: string;
  period: number;
  /** Which of the supplier's surveys (reminders and escalations go to that one). */
  family: SurveyFamily;
  requestNumber: number;
  /** When the CMRT was sent (the CMRTSent's business time). */
  sentAt: string;
  /** The CMRTSent event. */
  sentEventId: string;
  dueDate: string;
  remindersSent: number;
  escalated: boolean;
  /** The supplier's owner in our company (null: nobody). */
  owner: string | null;
  tier: SupplierTier | null;
  campaignId: string | null;
}

interface RequestRow {
  supplierId: string;
  family: SurveyFamily;
  tier: SupplierTier | null;
  requestNumber: number;
  dueDate: string;
  reminders: number;
  escalated: number;
  escalatedTo: string | null;
  answered: number;
  usable: number;
  /** The request is the supplier's current one for the period. */
  current: number;
  campaignId: string | null;
}

interface LaunchRow {
  campaignId: string;
  period: number;
  selection: string;
  dueDate: string;
  family: CampaignFamily;
  templateVersion: string | null;
  selected: number;
  launchedAt: string;
  launchedBy: string;
}

const SCOPE_KEYS: ScopeKey[] = [...DECLARATION_SCOPES, 'unspecified'];

export function ratio(part: number, whole: number): Ratio {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

const LAUNCH_COLUMNS = `campaign_id AS campaignId, period, selection, due_date AS dueDate, family, template_version AS templateVersion, selected,
  launched_at AS launchedAt, launched_by AS launchedBy`;

export class CampaignQueries {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  /**
   * The figures of a period's survey as of `today` (YYYY-MM-DD), with its campaigns: from the counts
   * the projection keeps (campaign.tables.ts) and an indexed count of the open requests past due,
   * never from every supplier of the period. The campaigns' own figures read their members' requests.
   */
  forPeriod(period: number, options: { today: string }): PeriodCampaignFigures {
    const { today } = options;
    const counts = this.statements
      .get(
        `SELECT family, tier, surveys, responded, usable, accepted, scope_company AS company, scope_product AS product,
          scope_user_defined AS userDefined, scope_unspecified AS unspecified FROM campaign_survey_counts WHERE period = ?`,
      )
      .all(period) as SurveyCounts[];
    const requestCounts = this.statements
      .get('SELECT family, reminders, escalations FROM campaign_request_counts WHERE period = ?')
      .all(period) as Array<{ family: SurveyFamily; reminders: number; escalations: number }>;
    const ofFamily = (family: SurveyFamily, tier?: SupplierTier) =>
      addCounts(counts.filter((row) => row.family === family && (tier === undefined || row.tier === tier)));
    const open = (family: SurveyFamily) => this.openCounts(period, family, today);
    const byFamily = Object.fromEntries(SURVEY_FAMILIES.map((family) => [family, familyFigures(ofFamily(family), open(family))])) as Record<
      SurveyFamily,
      FamilyFigures
    >;
    // The top-level figures stay the CMRT's; the EMRT's are in byFamily.
    const cmrt = ofFamily('cmrt');
    const cmrtRequests = requestCounts.find((row) => row.family === 'cmrt');
    const tier = (name: SupplierTier): TierFigures => {
      const figures = ofFamily('cmrt', name);
      return {
        requestsSent: figures.surveys,
        responded: figures.responded,
        responseRate: ratio(figures.responded, figures.surveys),
        usable: figures.usable,
        usableRate: ratio(figures.usable, figures.surveys),
      };
    };
    const scopes = Object.fromEntries(
      SCOPE_KEYS.map((key) => {
        const count = cmrt[SCOPE_COLUMNS[key]];
        return [key, { count, share: ratio(count, cmrt.responded) }];
      }),
    ) as Record<ScopeKey, ScopeFigures>;
    const followUpsOpen = this.statements
      .get("SELECT COUNT(*) FROM campaign_follow_ups WHERE period = ? AND family = 'cmrt' AND open = 1")
      .pluck()
      .get(period) as number;
    const launches = this.statements
      .get(`SELECT ${LAUNCH_COLUMNS} FROM campaign_launches WHERE period = ? ORDER BY position`)
      .all(period) as LaunchRow[];
    const cmrtOpen = byFamily.cmrt;
    return {
      period,
      today,
      byFamily,
      requestsSent: cmrt.surveys,
      responded: cmrt.responded,
      responseRate: ratio(cmrt.responded, cmrt.surveys),
      usable: cmrt.usable,
      usableRate: ratio(cmrt.usable, cmrt.surveys),
      byTier: { direct: tier('direct'), indirect: tier('indirect') },
      awaitingResponse: cmrtOpen.awaitingResponse,
      overdue: cmrtOpen.overdue,
      remindersSent: cmrtRequests?.reminders ?? 0,
      escalations: cmrtRequests?.escalations ?? 0,
      followUpsOpen,
      accepted: cmrt.accepted,
      scopes,
      campaigns: launches.map((launch) => summary(launch, this.members(launch, this.campaignRequestRows(launch), today))),
    };
  }

  /** Current requests of a family's surveys not answered yet, and of those the ones past due by `today` (kept counts). */
  private openCounts(period: number, family: SurveyFamily, today: string): { awaiting: number; overdue: number } {
    return this.statements
      .get(
        `SELECT COALESCE(SUM(open), 0) AS awaiting, COALESCE(SUM(CASE WHEN due_date < @today THEN open ELSE 0 END), 0) AS overdue
        FROM campaign_open_counts WHERE period = @period AND family = @family`,
      )
      .get({ period, family, today }) as { awaiting: number; overdue: number };
  }

  /** One campaign with what became of each supplier it selected; null for an unknown campaign. */
  campaign(campaignId: string, options: { today: string }): CampaignView | null {
    const launch = this.statements.get(`SELECT ${LAUNCH_COLUMNS} FROM campaign_launches WHERE campaign_id = ?`).get(campaignId) as
      LaunchRow | undefined;
    if (!launch) return null;
    const members = this.members(launch, this.campaignRequestRows(launch), options.today);
    return { ...summary(launch, members), today: options.today, members };
  }

  /**
   * Unanswered current requests (every period, or one), oldest period first, by supplier and family:
   * the page after the (period, supplier id, family) `page.after` names. The open requests' partial
   * index serves it, so a page reads its own rows only, whatever the number of answered ones.
   */
  openRequests(query: { period?: number } = {}, page: KeysetPage = WHOLE_LIST): OpenRequest[] {
    const after = keysetCondition(['r.period', 'r.supplier_id', 'r.family'], page);
    const rows = this.statements
      .get(
        `SELECT r.supplier_id AS supplierId, r.period, r.family, r.request_number AS requestNumber, r.sent_at AS sentAt, r.sent_event_id AS sentEventId,
          r.due_date AS dueDate, r.reminders AS remindersSent, r.escalated_at IS NOT NULL AS escalated, sup.owner, sup.tier,
          r.campaign_id AS campaignId
        FROM campaign_requests r
        JOIN campaign_surveys s ON s.period = r.period AND s.supplier_id = r.supplier_id AND s.family = r.family
          AND s.request_number = r.request_number
        LEFT JOIN campaign_suppliers sup ON sup.supplier_id = r.supplier_id
        WHERE r.responded_at IS NULL AND (@period IS NULL OR r.period = @period) AND ${after.sql ?? '1'}
        ORDER BY r.period, r.supplier_id, r.family LIMIT @limit`,
      )
      .all(...after.parameters, { period: query.period ?? null, limit: page.limit }) as Array<
      Omit<OpenRequest, 'escalated'> & { escalated: number }
    >;
    return rows.map((row) => ({ ...row, escalated: row.escalated === 1 }));
  }

  /** Every request of the period to the campaign's members (theirs from other campaigns too: "already requested"). */
  private campaignRequestRows(launch: LaunchRow): RequestRow[] {
    return this.statements
      .get(
        `SELECT r.supplier_id AS supplierId, r.family, sup.tier, r.request_number AS requestNumber, r.due_date AS dueDate, r.reminders,
          r.escalated_at IS NOT NULL AS escalated, r.escalated_to AS escalatedTo, r.responded_at IS NOT NULL AS answered,
          r.responded_at IS NOT NULL AND r.usable = 1 AS usable, r.request_number = s.request_number AS current,
          r.campaign_id AS campaignId
        FROM campaign_members m
        JOIN campaign_requests r ON r.period = @period AND r.supplier_id = m.supplier_id
        JOIN campaign_surveys s ON s.period = r.period AND s.supplier_id = r.supplier_id AND s.family = r.family
        LEFT JOIN campaign_suppliers sup ON sup.supplier_id = r.supplier_id
        WHERE m.campaign_id = @campaignId ORDER BY r.supplier_id, r.family, r.request_number`,
      )
      .all({ period: launch.period, campaignId: launch.campaignId }) as RequestRow[];
  }

  private members(launch: LaunchRow, requests: RequestRow[], today: string): CampaignMember[] {
    const supplierIds = this.statements
      .get('SELECT supplier_id FROM campaign_members WHERE campaign_id = ? ORDER BY supplier_id')
      .pluck()
      .all(launch.campaignId) as string[];
    const bySurvey = new Map<string, RequestRow[]>();
    const key = (supplierId: string, family: SurveyFamily) => `${family}/${supplierId}`;
    for (const request of requests) {
      const at = key(request.supplierId, request.family);
      bySurvey.set(at, [...(bySurvey.get(at) ?? []), request]);
    }
    const tiers = new Map(
      (
        this.statements
          .get(
            `SELECT sup.supplier_id AS supplierId, sup.tier FROM campaign_members m
            JOIN campaign_suppliers sup ON sup.supplier_id = m.supplier_id WHERE m.campaign_id = ?`,
          )
          .all(launch.campaignId) as Array<{ supplierId: string; tier: SupplierTier }>
      ).map((row) => [row.supplierId, row.tier]),
    );
    return supplierIds.flatMap((supplierId) =>
      familiesOfCampaign(launch.family).map((family): CampaignMember => {
        const own = bySurvey.get(key(supplierId, family)) ?? [];
        const sent = own.find((request) => request.campaignId === launch.campaignId);
        return {
          supplierId,
          family,
          tier: tiers.get(supplierId) ?? null,
          outcome: sent ? 'sent' : own.length > 0 ? 'already-requested' : 'not-sent',
          requestNumber: sent?.requestNumber ?? null,
          responded: sent?.answered === 1,
          usable: sent?.usable === 1,
          overdue: !!sent && sent.answered === 0 && sent.current === 1 && sent.dueDate < today,
          remindersSent: sent?.reminders ?? 0,
          escalatedTo: sent?.escalated === 1 ? sent.escalatedTo : null,
        };
      }),
    );
  }
}

/** The counts of surveys kept per period, family and tier (campaign.tables.ts). */
interface SurveyCounts {
  family: SurveyFamily;
  tier: string;
  surveys: number;
  responded: number;
  usable: number;
  accepted: number;
  company: number;
  product: number;
  userDefined: number;
  unspecified: number;
}
type Counts = Omit<SurveyCounts, 'family' | 'tier'>;

const SCOPE_COLUMNS: Record<ScopeKey, keyof Counts> = {
  company: 'company',
  product: 'product',
  'user-defined': 'userDefined',
  unspecified: 'unspecified',
};

function addCounts(rows: SurveyCounts[]): Counts {
  const total: Counts = { surveys: 0, responded: 0, usable: 0, accepted: 0, company: 0, product: 0, userDefined: 0, unspecified: 0 };
  for (const row of rows) for (const key of Object.keys(total) as Array<keyof Counts>) total[key] += row[key];
  return total;
}

/** One family's figures from its kept counts and its open requests. */
function familyFigures(counts: Counts, open: { awaiting: number; overdue: number }): FamilyFigures {
  return {
    requestsSent: counts.surveys,
    responded: counts.responded,
    responseRate: ratio(counts.responded, counts.surveys),
    usable: counts.usable,
    usableRate: ratio(counts.usable, counts.surveys),
    awaitingResponse: open.awaiting,
    overdue: open.overdue,
  };
}

/** A campaign's figures over some of its members (every family asked, or one). */
function memberFigures(members: CampaignMember[]): FamilyFigures {
  const sent = members.filter((member) => member.outcome === 'sent');
  const responded = sent.filter((member) => member.responded).length;
  const usable = sent.filter((member) => member.usable).length;
  return {
    requestsSent: sent.length,
    responded,
    responseRate: ratio(responded, sent.length),
    usable,
    usableRate: ratio(usable, sent.length),
    awaitingResponse: sent.filter((member) => !member.responded).length,
    overdue: sent.filter((member) => member.overdue).length,
  };
}

function summary(launch: LaunchRow, members: CampaignMember[]): CampaignSummary {
  const sent = members.filter((member) => member.outcome === 'sent');
  const responded = sent.filter((member) => member.responded).length;
  const usable = sent.filter((member) => member.usable).length;
  return {
    campaignId: launch.campaignId,
    period: launch.period,
    selection: JSON.parse(launch.selection) as CampaignSelection,
    family: launch.family,
    byFamily: Object.fromEntries(
      familiesOfCampaign(launch.family).map((family) => [family, memberFigures(members.filter((member) => member.family === family))]),
    ),
    dueDate: launch.dueDate,
    templateVersion: launch.templateVersion,
    launchedAt: launch.launchedAt,
    launchedBy: launch.launchedBy,
    selected: launch.selected,
    sent: sent.length,
    alreadyRequested: members.filter((member) => member.outcome === 'already-requested').length,
    responded,
    responseRate: ratio(responded, sent.length),
    usable,
    usableRate: ratio(usable, sent.length),
    awaitingResponse: sent.filter((member) => !member.responded).length,
    overdue: sent.filter((member) => member.overdue).length,
    remindersSent: sum(sent.map((member) => member.remindersSent)),
    escalations: sent.filter((member) => member.escalatedTo !== null).length,
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
