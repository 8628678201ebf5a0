import { RISK_CATEGORIES, type RiskCategory, type RiskClosed, type RiskRaised, type RiskReopened } from '@dd/domain';

/**
 * The risk events that move the register's balance of open risks, in log order, each with its business
 * time. Assessments, owners, mitigation and escalations change a risk but not whether it is open, so
 * they are not given.
 */
export type RiskMovement =
  | { type: 'RiskRaised'; data: Pick<RiskRaised, 'riskId' | 'category'>; occurredAt: string; eventId: string }
  | { type: 'RiskReopened'; data: Pick<RiskReopened, 'riskId'>; occurredAt: string; eventId: string }
  | { type: 'RiskClosed'; data: Pick<RiskClosed, 'riskId'>; occurredAt: string; eventId: string };

export const RISK_MOVEMENT_TYPES = ['RiskRaised', 'RiskReopened', 'RiskClosed'] as const;

/** One line of a Schedule II block: a risk category, or the total. Counts of risks. */
export interface RollForwardLine {
  /** Balance at beginning of period: risks open at the end of the year before. */
  beginning: number;
  /** Additions: risks raised in the year, reopenings included. */
  additions: number;
  /** Of the additions, closed risks raised again. */
  reopened: number;
  /**
   * Other: reclassified into (+) or out of (−) the category. Always 0 here: a risk's category is part
   * of its identity (riskIdFor) and no event changes it, so the register has nothing to reclassify.
   */
  other: number;
  /** Deductions: risks closed in the year. A count, subtracted. */
  deductions: number;
  /** Balance at end of period: risks open at 31 December. */
  end: number;
}

export interface RollForwardYear {
  year: number;
  rows: Array<{ category: RiskCategory } & RollForwardLine>;
  total: RollForwardLine;
}

export interface RiskRollForward {
  /** Ascending. */
  years: RollForwardYear[];
  /** The categories shown: those with a figure other than nil in some year, in the catalogue's order. */
  categories: RiskCategory[];
}

/** Where a line's figures do not add up: beginning + additions + other − deductions ≠ end. */
export interface RollForwardMismatch {
  year: number;
  /** 'total' for the total line. */
  line: RiskCategory | 'total';
  figures: RollForwardLine;
  /** beginning + additions + other − deductions. */
  computedEnd: number;
}

/**
 * The roll-forward does not reconcile: the movements counted from the events disagree with the
 * balances the same events leave open (a risk closed twice, raised while open, closed before it was
 * raised...). Never corrected silently: the log, or the way it was read, is wrong.
 */
export class RollForwardDoesNotReconcile extends Error {
  readonly code = 'roll-forward-does-not-reconcile';
  constructor(readonly mismatches: RollForwardMismatch[]) {
    super(
      `the risk roll-forward does not reconcile: ${mismatches
        .map(
          (m) =>
            `${m.year} ${m.line}: ${m.figures.beginning} + ${m.figures.additions} + ${m.figures.other} − ${m.figures.deductions} = ${m.computedEnd}, but ${m.figures.end} open at year end`,
        )
        .join('; ')}`,
    );
  }
}

/** A reopening or closing of a risk no RiskRaised names: its category, hence its line, is unknown. */
export class RiskMovementWithoutRaise extends Error {
  readonly code = 'risk-movement-without-raise';
  constructor(
    readonly riskId: string,
    readonly eventId: string,
  ) {
    super(`the risk roll-forward cannot place ${riskId}: event ${eventId} moves it, but no RiskRaised gives its category`);
  }
}

/** Years asked that make no roll-forward: none, not whole, or repeated. */
export class RollForwardYearsInvalid extends Error {
  readonly code = 'roll-forward-years-invalid';
}

/**
 * The business year of an event: the calendar year, in UTC, of its occurredAt. Not the reporting
 * period the risk belongs to: a 2024 risk raised in January 2025 (from a 2024 CMRT answered then) was
 * not open on 31 December 2024, so it is an addition of 2025. Balances are thus what `audit replay
 * --as-of <year>-12-31 --occurred` shows open.
 */
export const businessYearOf = (occurredAt: string) => new Date(occurredAt).getUTCFullYear();

/**
 * The roll-forward of the risk register over the given years, from its movements in log order.
 * Each year's balances are the risks the log leaves open at the end of the year before and of the
 * year (events of later years left out, the rest applied in log order as the register applies them);
 * the movements are the events dated in the year. The two are counted independently and must agree
 * for every line and the total: beginning + additions + other − deductions = end, else
 * RollForwardDoesNotReconcile. One year's end is the next year's beginning by construction.
 */
export function riskRollForward(movements: readonly RiskMovement[], years: readonly number[]): RiskRollForward {
  const asked = checkedYears(years);
  const categoryOf = new Map<string, RiskCategory>();
  for (const movement of movements) if (movement.type === 'RiskRaised') categoryOf.set(movement.data.riskId, movement.data.category);
  const dated = movements.map((movement) => {
    const category = categoryOf.get(movement.data.riskId);
    if (category === undefined) throw new RiskMovementWithoutRaise(movement.data.riskId, movement.eventId);
    return { movement, category, year: businessYearOf(movement.occurredAt) };
  });

  const balances = new Map<number, Map<RiskCategory, number>>();
  const openAtEndOf = (year: number): Map<RiskCategory, number> => {
    if (!balances.has(year)) balances.set(year, countOpenAtEndOf(year));
    return balances.get(year)!;
  };
  const countOpenAtEndOf = (year: number): Map<RiskCategory, number> => {
    const open = new Set<string>();
    for (const { movement, year: at } of dated) {
      if (at > year) continue;
      if (movement.type === 'RiskClosed') open.delete(movement.data.riskId);
      else open.add(movement.data.riskId);
    }
    const counts = new Map<RiskCategory, number>();
    for (const riskId of open) counts.set(categoryOf.get(riskId)!, (counts.get(categoryOf.get(riskId)!) ?? 0) + 1);
    return counts;
  };

  const movedIn = (year: number): Map<RiskCategory, MovedInYear> => {
    const moved = new Map<RiskCategory, MovedInYear>();
    for (const entry of dated) {
      if (entry.year !== year) continue;
      const counts = moved.get(entry.category) ?? { additions: 0, reopened: 0, deductions: 0 };
      if (entry.movement.type === 'RiskClosed') counts.deductions += 1;
      else counts.additions += 1;
      if (entry.movement.type === 'RiskReopened') counts.reopened += 1;
      moved.set(entry.category, counts);
    }
    return moved;
  };
  return rollForwardOf(asked, openAtEndOf, movedIn);
}

/** The movements of one year in one category: what a Schedule II line adds and deducts. */
export interface MovedInYear {
  additions: number;
  reopened: number;
  deductions: number;
}

/**
 * The roll-forward figures of one business year and category as a read model keeps them: the
 * movements dated in the year, and by how much the year changed the category's balance at year end
 * (each risk's open-or-not at the end of the year minus at the end of the year before). The balance at
 * the end of Y is the sum of the changes of the years up to Y, so a few rows answer any years.
 */
export interface RollForwardYearFigures extends MovedInYear {
  year: number;
  category: RiskCategory;
  openChange: number;
}

/**
 * The roll-forward from figures kept per business year and category (the risk register keeps them as
 * risks move): the same lines, checks and categories as riskRollForward gives from the movements
 * themselves, without reading them. The CLI's exhibit still reads the log (riskRollForward), the
 * cross-check of these figures.
 */
export function riskRollForwardOfFigures(figures: readonly RollForwardYearFigures[], years: readonly number[]): RiskRollForward {
  const asked = checkedYears(years);
  const openAtEndOf = (year: number): Map<RiskCategory, number> => {
    const open = new Map<RiskCategory, number>();
    for (const row of figures) if (row.year <= year) open.set(row.category, (open.get(row.category) ?? 0) + row.openChange);
    return open;
  };
  const movedIn = (year: number): Map<RiskCategory, MovedInYear> =>
    new Map(
      figures
        .filter((row) => row.year === year)
        .map(({ category, additions, reopened, deductions }) => [category, { additions, reopened, deductions }]),
    );
  return rollForwardOf(asked, openAtEndOf, movedIn);
}

/** The Schedule II blocks of the years asked (ascending), from the balances at each year end and the movements of each year; checked. */
function rollForwardOf(
  asked: readonly number[],
  openAtEndOf: (year: number) => Map<RiskCategory, number>,
  movedIn: (year: number) => Map<RiskCategory, MovedInYear>,
): RiskRollForward {
  const mismatches: RollForwardMismatch[] = [];
  const result: RollForwardYear[] = asked.map((year) => {
    const before = openAtEndOf(year - 1);
    const after = openAtEndOf(year);
    const moved = movedIn(year);
    const rows = RISK_CATEGORIES.map((category) => {
      const { additions = 0, reopened = 0, deductions = 0 } = moved.get(category) ?? {};
      const line: RollForwardLine = {
        beginning: before.get(category) ?? 0,
        additions,
        reopened,
        other: 0,
        deductions,
        end: after.get(category) ?? 0,
      };
      return { category, ...line };
    });
    const total = rows.reduce<RollForwardLine>(
      (sum, row) => ({
        beginning: sum.beginning + row.beginning,
        additions: sum.additions + row.additions,
        reopened: sum.reopened + row.reopened,
        other: sum.other + row.other,
        deductions: sum.deductions + row.deductions,
        end: sum.end + row.end,
      }),
      { beginning: 0, additions: 0, reopened: 0, other: 0, deductions: 0, end: 0 },
    );
    for (const { category, ...figures } of rows) check(year, category, figures, mismatches);
    check(year, 'total', total, mismatches);
    return { year, rows, total };
  });
  if (mismatches.length > 0) throw new RollForwardDoesNotReconcile(mismatches);

  const categories = RISK_CATEGORIES.filter((category) =>
    result.some((year) => {
      const row = year.rows.find((candidate) => candidate.category === category)!;
      return row.beginning || row.additions || row.other || row.deductions || row.end;
    }),
  );
  return {
    categories,
    years: result.map((year) => ({ ...year, rows: year.rows.filter((row) => categories.includes(row.category)) })),
  };
}

function check(year: number, line: RiskCategory | 'total', figures: RollForwardLine, mismatches: RollForwardMismatch[]) {
  const computedEnd = figures.beginning + figures.additions + figures.other - figures.deductions;
  if (computedEnd !== figures.end) mismatches.push({ year, line, figures, computedEnd });
}

function checkedYears(years: readonly number[]): number[] {
  if (years.length === 0) throw new RollForwardYearsInvalid('years: name at least one year');
  for (const year of years) {
    if (!Number.isInteger(year) || year < 2010 || year > 2100)
      throw new RollForwardYearsInvalid(`years: not a year from 2010 to 2100: ${year}`);
  }
  if (new Set(years).size !== years.length) throw new RollForwardYearsInvalid(`years: a year is named twice: ${years.join(',')}`);
  return [...years].sort((a, b) => a - b);
}
