import { PRODUCT_CONCLUSIONS, type RiskSeverity } from '@dd/domain';
import { RISK_AGE_BUCKETS, type RiskReportChange, type RiskReportModel } from '@dd/reports';
import type { RiskEntry } from '@dd/projections';
import type { ReadModels } from '../reads/read-query';

/** Where a report's figures stand: a log position and the business time (engine clock) of that position. */
export interface ReportAsOf {
  position: number;
  time: string;
}

/** The previous report of the period, as its RiskReportIssued recorded it. */
export interface PreviousReport {
  reportId: string;
  asOfPosition: number;
  asOfTime: string;
  sha256: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const daysBetween = (fromDate: string, toDate: string) =>
  Math.floor((Date.parse(`${toDate.slice(0, 10)}T00:00:00Z`) - Date.parse(`${fromDate.slice(0, 10)}T00:00:00Z`)) / DAY_MS);
const SEVERITY_ORDER: Record<RiskSeverity, number> = { high: 0, medium: 1, low: 2 };
const bySeverityThenId = (a: { severity: RiskSeverity; riskId: string }, b: { severity: RiskSeverity; riskId: string }) =>
  SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.riskId.localeCompare(b.riskId);

/**
 * The risk report's figures, read from read models that stand at `asOf` (the live ones for "now", a
 * replay otherwise): the same queries the read endpoints answer from, so the report's figures are
 * theirs. `timeline` is the month-end history of the survey (see surveyTimeline); `previous` and its
 * model say what "since the previous report" and "what changed" compare with.
 */
export function riskReportModelFrom(
  models: ReadModels,
  period: number,
  asOf: ReportAsOf,
  timeline: RiskReportModel['campaign']['timeline'],
  previous: { report: PreviousReport; model: RiskReportModel } | null,
): RiskReportModel {
  const today = asOf.time.slice(0, 10);
  const figures = models.campaigns.forPeriod(period, { today });
  const risks = [...models.risks.list({ period })].sort((a, b) => a.riskId.localeCompare(b.riskId));
  const open = risks.filter((risk) => risk.status !== 'closed');
  const since = previous?.report.asOfTime ?? null;
  const after = (at: string) => (since === null || at > since) && at <= asOf.time;
  const oecd = models.oecdStatus.forPeriod(period, { today });
  const conclusions = [...models.productConclusions.forPeriod(period)].sort(
    (a, b) => a.productLine.localeCompare(b.productLine) || a.name.localeCompare(b.name) || a.productId.localeCompare(b.productId),
  );
  const tier = (name: 'direct' | 'indirect') => ({
    requestsSent: figures.byTier[name].requestsSent,
    responded: figures.byTier[name].responded,
    usable: figures.byTier[name].usable,
  });
  const model: RiskReportModel = {
    period,
    asOf,
    previousReport: previous?.report ?? null,
    campaign: {
      requestsSent: figures.requestsSent,
      responded: figures.responded,
      responseRate: figures.responseRate,
      usable: figures.usable,
      usableRate: figures.usableRate,
      awaitingResponse: figures.awaitingResponse,
      overdue: figures.overdue,
      remindersSent: figures.remindersSent,
      escalations: figures.escalations,
      followUpsOpen: figures.followUpsOpen,
      byTier: { direct: tier('direct'), indirect: tier('indirect') },
      // The last point is the as-of day itself, with the same figures as above.
      timeline: [
        ...timeline.filter((point) => point.date < today),
        { date: today, requestsSent: figures.requestsSent, responded: figures.responded, usable: figures.usable },
      ],
    },
    risks: {
      open: open.length,
      closed: risks.length - open.length,
      openBySeverity: countBySeverity(open),
      openByAge: RISK_AGE_BUCKETS.map((bucket, index) => {
        const floor = index === 0 ? -Infinity : RISK_AGE_BUCKETS[index - 1].maxDays;
        return {
          bucket: bucket.label,
          ...countBySeverity(
            open.filter((risk) => {
              const age = daysBetween(risk.raisedAt, today);
              return age > floor && age <= bucket.maxDays;
            }),
          ),
        };
      }),
      openByCategory: [...countBy(open, (risk) => risk.category)]
        .map(([category, count]) => ({ category, count }))
        .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
      raisedSincePrevious: risks
        .filter((risk) => after(risk.raisedAt))
        .map((risk) => riskLine(risk, risk.raisedAt, null))
        .sort(bySeverityThenId),
      closedSincePrevious: risks
        .filter((risk) => risk.closure !== null && after(risk.closure.at))
        .map((risk) => riskLine(risk, risk.closure!.at, risk.closure!.resolution))
        .sort(bySeverityThenId),
      overdueActions: open
        .flatMap((risk) => overdueActions(risk, today))
        .sort((a, b) => b.daysOverdue - a.daysOverdue || a.riskId.localeCompare(b.riskId) || a.action.localeCompare(b.action)),
    },
    conformance: models.smelters.conformanceByMetal(period).map((row) => ({
      metal: row.metal,
      identified: row.identified,
      conformant: row.conformant,
      active: row.active,
      other: row.other,
      share: row.share,
    })),
    oecdSteps: oecd.steps.map((step) => ({
      step: step.step,
      name: step.name,
      status: step.status,
      criteriaMet: step.criteria.filter((criterion) => criterion.met).length,
      criteria: step.criteria.length,
      missing: step.missing,
    })),
    conclusions: {
      byConclusion: PRODUCT_CONCLUSIONS.map((conclusion) => ({
        conclusion,
        products: conclusions.filter((entry) => entry.conclusion === conclusion).length,
      })),
      products: conclusions.map((entry) => ({
        productId: entry.productId,
        name: entry.name,
        productLine: entry.productLine,
        conclusion: entry.conclusion,
      })),
    },
    changes: [],
  };
  return { ...model, changes: previous === null ? [] : changesBetween(previous.model, model) };
}

function riskLine(risk: RiskEntry, at: string, resolution: string | null): RiskReportModel['risks']['raisedSincePrevious'][number] {
  return {
    riskId: risk.riskId,
    category: risk.category,
    severity: risk.severity,
    supplierId: risk.supplierId,
    metal: risk.metal,
    reason: risk.reason,
    at,
    resolution,
  };
}

/** The current plan's actions past their due date and not done; a plan without actions counts by its own due date. */
function overdueActions(risk: RiskEntry, today: string): RiskReportModel['risks']['overdueActions'] {
  const plan = risk.mitigation;
  if (plan === null || plan.completed) return [];
  const items = plan.actions.length > 0 ? plan.actions : [{ description: plan.plan, dueDate: plan.dueDate, completed: false }];
  return items
    .filter((item) => !item.completed && item.dueDate < today)
    .map((item) => ({
      riskId: risk.riskId,
      severity: risk.severity,
      owner: risk.owner,
      action: item.description,
      dueDate: item.dueDate,
      daysOverdue: daysBetween(item.dueDate, today),
    }));
}

function countBySeverity(risks: readonly RiskEntry[]): { high: number; medium: number; low: number } {
  return {
    high: risks.filter((risk) => risk.severity === 'high').length,
    medium: risks.filter((risk) => risk.severity === 'medium').length,
    low: risks.filter((risk) => risk.severity === 'low').length,
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const percent = (value: number | null) => (value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)} %`);

/** The headline figures that moved between two reports, in the report's order. */
export function changesBetween(before: RiskReportModel, after: RiskReportModel): RiskReportChange[] {
  const pairs: Array<[string, string, string]> = [
    ['Response rate (received)', percent(before.campaign.responseRate), percent(after.campaign.responseRate)],
    ['Usable responses', percent(before.campaign.usableRate), percent(after.campaign.usableRate)],
    ['Suppliers asked', String(before.campaign.requestsSent), String(after.campaign.requestsSent)],
    ['Overdue responses', String(before.campaign.overdue), String(after.campaign.overdue)],
    ['Open risks', String(before.risks.open), String(after.risks.open)],
    ...(['high', 'medium', 'low'] as const).map((severity): [string, string, string] => [
      `Open ${severity}-severity risks`,
      String(before.risks.openBySeverity[severity]),
      String(after.risks.openBySeverity[severity]),
    ]),
    ['Overdue mitigation actions', String(before.risks.overdueActions.length), String(after.risks.overdueActions.length)],
    ...after.conformance.map((row): [string, string, string] => {
      const earlier = before.conformance.find((other) => other.metal === row.metal);
      return [
        `${row.metal}: conformant smelters`,
        earlier ? `${earlier.conformant} of ${earlier.identified}` : '—',
        `${row.conformant} of ${row.identified}`,
      ];
    }),
    ...after.oecdSteps.map((step): [string, string, string] => {
      const earlier = before.oecdSteps.find((other) => other.step === step.step);
      return [
        `OECD step ${step.step}`,
        earlier ? `${earlier.status} (${earlier.criteriaMet}/${earlier.criteria})` : '—',
        `${step.status} (${step.criteriaMet}/${step.criteria})`,
      ];
    }),
    ...after.conclusions.byConclusion.map((row): [string, string, string] => [
      `Products "${row.conclusion}"`,
      String(before.conclusions.byConclusion.find((other) => other.conclusion === row.conclusion)?.products ?? 0),
      String(row.products),
    ]),
  ];
  return pairs.filter(([, was, now]) => was !== now).map(([subject, was, now]) => ({ subject, before: was, after: now }));
}
