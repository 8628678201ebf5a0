/**
 * The roll-forward's figures kept by the risk register: per business year and risk category, the
 * movements dated in the year (raised, reopened, closed) and by how much the year changed the balance
 * of open risks at year end. GET /reports/roll-forward reads these few rows instead of every movement
 * of the register's histories.
 *
 * Each risk contributes on its own: its state at the end of year Y is that of its last movement (in
 * log order) dated up to Y, as the roll-forward applies them (a back-dated closure counts in the year
 * it is dated, even when recorded after a later reopening). When a risk moves, its contribution is
 * worked out from its movements before and after, and the difference added to the rows: an event
 * applied again changes nothing.
 */

/** The risk events that open or close a risk, as the roll-forward counts them. */
export const RISK_MOVEMENT_TYPES = ['RiskRaised', 'RiskReopened', 'RiskClosed'] as const;
export type RiskMovementType = (typeof RISK_MOVEMENT_TYPES)[number];

/** One movement of a risk: its position in the log, its type and its business time. */
export interface RiskMovementEntry {
  position: number;
  type: RiskMovementType;
  /** occurredAt. */
  at: string;
}

/** A risk's share of one business year's figures. */
export interface YearContribution {
  additions: number;
  reopened: number;
  deductions: number;
  /** Open at the end of the year (1 or 0) minus open at the end of the year before. */
  openChange: number;
}

/** The calendar year (UTC) of a business time: the roll-forward's year (businessYearOf in @dd/reports). */
export const businessYear = (occurredAt: string) => new Date(occurredAt).getUTCFullYear();

/** What a risk with these movements (in log order) adds to each business year's figures. */
export function yearContributions(movements: readonly RiskMovementEntry[]): Map<number, YearContribution> {
  const dated = movements.map((movement) => ({ type: movement.type, year: businessYear(movement.at) }));
  const openAtEndOf = (year: number): number => {
    let open = 0;
    for (const movement of dated) if (movement.year <= year) open = movement.type === 'RiskClosed' ? 0 : 1;
    return open;
  };
  const contributions = new Map<number, YearContribution>();
  for (const { type, year } of dated) {
    const contribution = contributions.get(year) ?? { additions: 0, reopened: 0, deductions: 0, openChange: 0 };
    if (type === 'RiskClosed') contribution.deductions += 1;
    else contribution.additions += 1;
    if (type === 'RiskReopened') contribution.reopened += 1;
    contributions.set(year, contribution);
  }
  // The open balance can only change at the end of a year some movement is dated in.
  for (const [year, contribution] of contributions) contribution.openChange = openAtEndOf(year) - openAtEndOf(year - 1);
  return contributions;
}

/** The figures to add per year when a risk's movements go from `before` to `after`: nothing for a year left as it was. */
export function contributionChange(
  before: readonly RiskMovementEntry[],
  after: readonly RiskMovementEntry[],
): Array<{ year: number } & YearContribution> {
  const old = yearContributions(before);
  const now = yearContributions(after);
  const changes: Array<{ year: number } & YearContribution> = [];
  for (const year of new Set([...old.keys(), ...now.keys()])) {
    const was = old.get(year) ?? { additions: 0, reopened: 0, deductions: 0, openChange: 0 };
    const is = now.get(year) ?? { additions: 0, reopened: 0, deductions: 0, openChange: 0 };
    const change = {
      year,
      additions: is.additions - was.additions,
      reopened: is.reopened - was.reopened,
      deductions: is.deductions - was.deductions,
      openChange: is.openChange - was.openChange,
    };
    if (change.additions || change.reopened || change.deductions || change.openChange) changes.push(change);
  }
  return changes.sort((a, b) => a.year - b.year);
}
