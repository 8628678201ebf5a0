import type { RiskCategory } from '@dd/domain';
import {
  riskRollForward,
  RiskMovementWithoutRaise,
  RollForwardDoesNotReconcile,
  RollForwardYearsInvalid,
  type RiskMovement,
} from './risk-roll-forward';
import { exhibitFigure } from './roll-forward-figures';
import ExcelJS from 'exceljs';
import { renderExport } from '../exports/render-export';
import { rollForwardCsv, rollForwardSheet } from './roll-forward.csv';
import { rollForwardHtml } from './roll-forward.html';
import { rollForwardText } from './roll-forward.text';

let sequence = 0;
const raised = (riskId: string, category: RiskCategory, occurredAt: string): RiskMovement => ({
  type: 'RiskRaised',
  data: { riskId, category },
  occurredAt,
  eventId: `e${++sequence}`,
});
const reopened = (riskId: string, occurredAt: string): RiskMovement => ({
  type: 'RiskReopened',
  data: { riskId },
  occurredAt,
  eventId: `e${++sequence}`,
});
const closed = (riskId: string, occurredAt: string): RiskMovement => ({
  type: 'RiskClosed',
  data: { riskId },
  occurredAt,
  eventId: `e${++sequence}`,
});

const figures = (line: { beginning: number; additions: number; other: number; deductions: number; end: number }) => [
  line.beginning,
  line.additions,
  line.other,
  line.deductions,
  line.end,
];

/** Three years of a register: risks raised, closed, carried over and reopened (log order). */
const threeYears: RiskMovement[] = [
  raised('a', 'non-conformant-smelter', '2024-03-01T09:00:00.000Z'),
  raised('b', 'non-conformant-smelter', '2024-05-01T09:00:00.000Z'),
  raised('c', 'non-response', '2024-11-20T09:00:00.000Z'),
  closed('a', '2024-12-31T23:59:59.999Z'),
  // A 2024 risk raised on 2 January 2025 (a 2024 CMRT answered then): an addition of 2025.
  raised('d', 'unknown-smelter', '2025-01-02T09:00:00.000Z'),
  closed('b', '2025-06-30T12:00:00.000Z'),
  closed('c', '2025-07-01T12:00:00.000Z'),
  raised('e', 'grievance', '2026-02-01T12:00:00.000Z'),
  reopened('a', '2026-04-01T12:00:00.000Z'),
  closed('d', '2026-09-01T12:00:00.000Z'),
];

describe('Risk roll-forward (Schedule II of the risk register)', () => {
  it('given three years of risk events, when rolled forward, then open risks carry over: each end balance is the next beginning', () => {
    const { years, categories } = riskRollForward(threeYears, [2026, 2024, 2025]);

    expect(years.map((year) => year.year)).toEqual([2024, 2025, 2026]);
    expect(categories).toEqual(['non-conformant-smelter', 'unknown-smelter', 'grievance', 'non-response']);
    expect(years.map((year) => figures(year.total))).toEqual([
      [0, 3, 0, 1, 2],
      [2, 1, 0, 2, 1],
      [1, 2, 0, 1, 2],
    ]);
    expect(years[1].total.beginning).toBe(years[0].total.end);
    expect(years[2].total.beginning).toBe(years[1].total.end);
    const line = (year: number, category: RiskCategory) =>
      figures(years.find((y) => y.year === year)!.rows.find((r) => r.category === category)!);
    expect(line(2024, 'non-conformant-smelter')).toEqual([0, 2, 0, 1, 1]);
    expect(line(2025, 'non-conformant-smelter')).toEqual([1, 0, 0, 1, 0]);
    expect(line(2026, 'non-conformant-smelter')).toEqual([0, 1, 0, 0, 1]);
    expect(line(2025, 'unknown-smelter')).toEqual([0, 1, 0, 0, 1]);
    expect(years[2].total.reopened).toBe(1);
  });

  it('given risks open before the first year asked, when rolled forward from a later year, then they are its beginning balance', () => {
    const { years } = riskRollForward(threeYears, [2026]);

    expect(figures(years[0].total)).toEqual([1, 2, 0, 1, 2]);
  });

  it('given a risk closed twice (a corrupted log), when rolled forward, then it does not reconcile, naming the year, line and figures', () => {
    const corrupted = [...threeYears, closed('a', '2026-10-01T00:00:00.000Z'), closed('a', '2026-10-02T00:00:00.000Z')];

    const attempt = () => riskRollForward(corrupted, [2024, 2025, 2026]);

    expect(attempt).toThrow(RollForwardDoesNotReconcile);
    try {
      attempt();
    } catch (error) {
      expect((error as RollForwardDoesNotReconcile).mismatches).toEqual([
        {
          year: 2026,
          line: 'non-conformant-smelter',
          figures: { beginning: 0, additions: 1, reopened: 1, other: 0, deductions: 2, end: 0 },
          computedEnd: -1,
        },
        {
          year: 2026,
          line: 'total',
          figures: { beginning: 1, additions: 2, reopened: 1, other: 0, deductions: 3, end: 1 },
          computedEnd: 0,
        },
      ]);
      expect((error as Error).message).toContain('2026 non-conformant-smelter: 0 + 1 + 0 − 2 = -1, but 0 open at year end');
    }
  });

  it('given a risk raised again while open (a duplicate), when rolled forward, then it does not reconcile rather than counting it twice', () => {
    expect(() => riskRollForward([...threeYears, raised('e', 'grievance', '2026-03-01T00:00:00.000Z')], [2026])).toThrow(
      RollForwardDoesNotReconcile,
    );
  });

  it('given a closing of a risk no event raised, when rolled forward, then it says which risk and event', () => {
    const orphan = closed('zz', '2025-01-01T00:00:00.000Z');
    expect(() => riskRollForward([...threeYears, orphan], [2025])).toThrow(new RiskMovementWithoutRaise('zz', orphan.eventId));
  });

  it('given no years, a year twice or a non-year, when rolled forward, then the years are refused', () => {
    expect(() => riskRollForward(threeYears, [])).toThrow(RollForwardYearsInvalid);
    expect(() => riskRollForward(threeYears, [2025, 2025])).toThrow('a year is named twice');
    expect(() => riskRollForward(threeYears, [1999])).toThrow('not a year from 2010 to 2100: 1999');
  });

  it('given an empty register, when rolled forward, then every figure is nil and only the total line is shown', () => {
    const { years, categories } = riskRollForward([], [2025]);
    expect(categories).toEqual([]);
    expect(years[0].rows).toEqual([]);
    expect(figures(years[0].total)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('Roll-forward as a printed exhibit', () => {
  const rollForward = riskRollForward(threeYears, [2024, 2025, 2026]);

  it('prints a negative in parentheses, nil as a dash and thousands with separators', () => {
    expect(exhibitFigure(-3)).toBe('(3)');
    expect(exhibitFigure(0)).toBe('—');
    expect(exhibitFigure(12345)).toBe('12,345');
    expect(exhibitFigure(-1234)).toBe('(1,234)');
  });

  it('as fixed-width text: a block per year, deductions in parentheses, dashes for nil, a rule under the figures and a double rule under the total', () => {
    const text = rollForwardText(rollForward);
    const lines = text.split('\n');

    expect(lines[0]).toBe('SCHEDULE II');
    expect(text).toContain('Year ended December 31, 2024:\n');
    const block2024 = lines.slice(lines.indexOf('Year ended December 31, 2024:'));
    // Non-conformant smelter in 2024: nil, 2 raised, nil, 1 closed, 1 open.
    expect(
      block2024
        .find((line) => line.startsWith('  Non-conformant smelter'))!
        .split(/\s{2,}/)
        .filter(Boolean),
    ).toEqual(['Non-conformant smelter', '—', '2', '—', '(1)', '1']);
    const total = block2024.findIndex((line) => line.startsWith('  Total'));
    expect(block2024[total - 1]).toMatch(/^\s+-{10}/);
    expect(block2024[total].split(/\s{2,}/).filter(Boolean)).toEqual(['Total', '—', '3', '—', '(1)', '2']);
    expect(block2024[total + 1]).toMatch(/^\s+={10}/);
    // Digits line up whether or not a figure has parentheses.
    const lastDigitOfColumn = (line: string, column: number) => line[38 + 16 * (column + 1) - 2];
    expect([
      lastDigitOfColumn(block2024[total], 1),
      lastDigitOfColumn(block2024[total], 3),
      lastDigitOfColumn(block2024[total], 4),
    ]).toEqual(['3', '1', '2']);
    expect(block2024[total][38 + 16 * 4 - 1]).toBe(')');
    expect(text).toContain('TOTALS, YEARS SIDE BY SIDE');
    expect(lines.find((line) => line.startsWith('Balance at beginning of period'))!.split(/\s{2,}/)).toEqual([
      'Balance at beginning of period',
      '—',
      '2',
      '1',
    ]);
    expect(lines.find((line) => line.startsWith('Deductions (closed)'))!.split(/\s{2,}/)).toEqual([
      'Deductions (closed)',
      '(1)',
      '(2)',
      '(1)',
    ]);
    expect(text).toContain('reopened): 1 in 2026');
    expect(text).toContain('Other (reclassified): nil.');
  });

  it('as CSV: a row per year and category and a total, plain numbers with deductions negative, behind a UTF-8 BOM', () => {
    const csv = rollForwardCsv(rollForward).toString('utf8');
    const lines = csv.split('\r\n');

    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe(
      '\uFEFFYear,Risk category,Balance at beginning of period,Additions (raised),Other (reclassified),Deductions (closed),Balance at end of period,"Of the additions, reopened"',
    );
    expect(lines).toContain('2024,Total,0,3,0,-1,2,0');
    expect(lines).toContain('2025,Total,2,1,0,-2,1,0');
    expect(lines).toContain('2026,Non-conformant smelter,0,1,0,0,1,1');
  });

  it('as an XLSX sheet: numbers still, shown as in the exhibit (parentheses, dashes)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderExport({ sheets: [rollForwardSheet(rollForward)] }, 'xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const total2025 = sheet.getRows(1, sheet.rowCount)!.find((row) => row.getCell(1).value === 2025 && row.getCell(2).value === 'Total')!;

    expect([3, 4, 5, 6, 7].map((column) => total2025.getCell(column).value)).toEqual([2, 1, 0, -2, 1]);
    expect(total2025.getCell(6).numFmt).toBe('#,##0;(#,##0);"—"');
  });

  it('as HTML: one self-contained page, figures as in the text, the total ruled above and double-ruled below', () => {
    const html = rollForwardHtml(rollForward);

    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('<th colspan="6">Year ended December 31, 2025:</th>');
    expect(html).toContain(
      '<tr class="total"><td class="label">Total</td><td class="figure hang">2</td><td class="figure hang">1</td><td class="figure hang">—</td><td class="figure">(2)</td><td class="figure hang">1</td></tr>',
    );
    expect(html).toContain('tr.total td.figure { border-top: 1px solid #111; border-bottom: 3px double #111; }');
    expect(html).toContain('<h2>Totals, years side by side</h2>');
  });
});
