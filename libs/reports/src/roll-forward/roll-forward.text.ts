import type { RiskRollForward, RollForwardLine } from './risk-roll-forward';
import { exhibitFigure, RISK_CATEGORY_LABELS, ROLL_FORWARD_COLUMNS, signedFigures, yearHeading } from './roll-forward-figures';

const LABEL_WIDTH = 38;
const FIGURE_WIDTH = 16;

/** The notes every rendering carries under the figures: what is counted, and why "other" is nil. */
export function rollForwardNotes(rollForward: RiskRollForward): string[] {
  const reopened = rollForward.years.filter((year) => year.total.reopened > 0).map((year) => `${year.total.reopened} in ${year.year}`);
  return [
    'Counts of risks in the risk register. A risk belongs to the year of the business date (occurredAt, UTC) of the event that raises, reopens or closes it; the balance at end of period is the risks open on December 31, as `audit replay --as-of <year>-12-31 --occurred` shows them, and is the next period’s balance at beginning.',
    reopened.length > 0
      ? `Additions include closed risks raised again (reopened): ${reopened.join(', ')}.`
      : 'Additions include closed risks raised again (reopened): none in these years.',
    'Other (reclassified): nil. A risk’s category is part of its identity in the register and no event changes it, so no risk moves between categories.',
  ];
}

const padLeft = (text: string, width: number) => text.padStart(width);
/** Figures line up on their digits: a figure without a closing parenthesis leaves that place blank. */
const figureCell = (value: number) => {
  const text = exhibitFigure(value);
  return padLeft(text.endsWith(')') ? text : `${text} `, FIGURE_WIDTH);
};

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function headingLines(first: string, headings: readonly string[]): string[] {
  const wrapped = headings.map((heading) => wrap(heading, FIGURE_WIDTH - 2));
  const height = Math.max(...wrapped.map((lines) => lines.length));
  // Headings sit on the line above the figures, bottom-aligned, as in a printed exhibit.
  const aligned = wrapped.map((lines) => [...Array<string>(height - lines.length).fill(''), ...lines]);
  return Array.from({ length: height }, (_, index) =>
    (
      (index === height - 1 ? first : '').padEnd(LABEL_WIDTH) + aligned.map((lines) => padLeft(`${lines[index]} `, FIGURE_WIDTH)).join('')
    ).trimEnd(),
  );
}

const rule = (columns: number, char: string) =>
  ' '.repeat(LABEL_WIDTH) + Array.from({ length: columns }, () => padLeft(char.repeat(FIGURE_WIDTH - 3) + ' ', FIGURE_WIDTH)).join('');

const figureLine = (label: string, figures: number[]) =>
  (label.length > LABEL_WIDTH - 1 ? `${label.slice(0, LABEL_WIDTH - 2)}…` : label).padEnd(LABEL_WIDTH) + figures.map(figureCell).join('');

/**
 * The roll-forward as fixed-width text, as a 10-K carries Schedule II: a block per year (oldest
 * first, so each end balance reads down into the next beginning), a single rule under the figures
 * and a double rule under the total; then the totals of the years side by side, and the notes.
 */
export function rollForwardText(rollForward: RiskRollForward, title = 'Risk register'): string {
  const lines: string[] = [
    'SCHEDULE II',
    `ROLL-FORWARD OF THE ${title.toUpperCase()}`,
    '(number of risks)',
    '',
    ...headingLines(
      'Description',
      ROLL_FORWARD_COLUMNS.map((column) => column.heading),
    ),
  ];
  for (const year of rollForward.years) {
    lines.push('', `${yearHeading(year.year)}:`);
    for (const row of year.rows) lines.push(figureLine(`  ${RISK_CATEGORY_LABELS[row.category]}`, signedFigures(row)));
    lines.push(rule(ROLL_FORWARD_COLUMNS.length, '-'));
    lines.push(figureLine('  Total', signedFigures(year.total)));
    lines.push(rule(ROLL_FORWARD_COLUMNS.length, '='));
  }
  if (rollForward.years.length > 1) {
    lines.push('', '', 'TOTALS, YEARS SIDE BY SIDE', '', ...headingLines('', rollForward.years.map(yearHeadingShort)));
    for (const [index, column] of ROLL_FORWARD_COLUMNS.entries()) {
      if (column.key === 'end') lines.push(rule(rollForward.years.length, '-'));
      lines.push(
        figureLine(
          column.heading,
          rollForward.years.map((year) => column.sign * year.total[column.key as keyof RollForwardLine]),
        ),
      );
      if (index === ROLL_FORWARD_COLUMNS.length - 1) lines.push(rule(rollForward.years.length, '='));
    }
  }
  lines.push(
    '',
    ...rollForwardNotes(rollForward).flatMap((note, index) =>
      wrap(`(${index + 1}) ${note}`, 100).map((line, at) => (at === 0 ? line : `    ${line}`)),
    ),
  );
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

const yearHeadingShort = (year: { year: number }) => String(year.year);
