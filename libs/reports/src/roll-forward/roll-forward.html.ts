import type { RiskRollForward, RollForwardLine } from './risk-roll-forward';
import { exhibitFigure, RISK_CATEGORY_LABELS, ROLL_FORWARD_COLUMNS, signedFigures, yearHeading } from './roll-forward-figures';
import { rollForwardNotes } from './roll-forward.text';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** A figure without parentheses leaves room for one, so that digits line up and ")" hangs, as in print. */
const figureCells = (figures: number[]) =>
  figures.map((value) => `<td class="figure${value < 0 ? '' : ' hang'}">${escape(exhibitFigure(value))}</td>`).join('');

const STYLE = `
body { font-family: "DejaVu Serif", Georgia, serif; margin: 2rem; color: #111; }
h1, h2 { text-align: center; font-weight: normal; letter-spacing: .05em; }
h1 { font-size: 1.1rem; margin-bottom: 0; } h2 { font-size: 1rem; margin-top: .2rem; }
p.unit { text-align: center; margin-top: 0; }
table { border-collapse: collapse; margin: 1.5rem auto; }
th, td { padding: .15rem .8rem; vertical-align: bottom; }
thead th { font-weight: normal; border-bottom: 1px solid #111; text-align: right; }
thead th.description { text-align: left; }
td.figure { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.figure.hang { padding-right: calc(.8rem + .333em); }
tr.year th { text-align: left; font-style: italic; font-weight: normal; padding-top: .8rem; }
td.label { padding-left: 1.5rem; white-space: nowrap; }
tr.total td { font-weight: bold; }
tr.total td.figure { border-top: 1px solid #111; border-bottom: 3px double #111; }
ol.notes { max-width: 50rem; margin: 1rem auto; font-size: .9rem; }
@media print { body { margin: 1cm; } table { page-break-inside: avoid; } }
`;

/**
 * The roll-forward as one self-contained HTML page (no scripts, no fetches): the Schedule II blocks,
 * the totals of the years side by side, the notes. Rules under the figures are borders (a single rule
 * above the total, a double rule under it).
 */
export function rollForwardHtml(rollForward: RiskRollForward, title = 'Risk register'): string {
  const head = `<tr><th class="description">Description</th>${ROLL_FORWARD_COLUMNS.map((column) => `<th>${escape(column.heading)}</th>`).join('')}</tr>`;
  const blocks = rollForward.years
    .map((year) => {
      const rows = year.rows
        .map((row) => `<tr><td class="label">${escape(RISK_CATEGORY_LABELS[row.category])}</td>${figureCells(signedFigures(row))}</tr>`)
        .join('\n');
      return `<tbody>
<tr class="year"><th colspan="${ROLL_FORWARD_COLUMNS.length + 1}">${escape(yearHeading(year.year))}:</th></tr>
${rows}
<tr class="total"><td class="label">Total</td>${figureCells(signedFigures(year.total))}</tr>
</tbody>`;
    })
    .join('\n');
  const sideBySide =
    rollForward.years.length < 2
      ? ''
      : `<h2>Totals, years side by side</h2>
<table class="side-by-side">
<thead><tr><th class="description"></th>${rollForward.years.map((year) => `<th>${year.year}</th>`).join('')}</tr></thead>
<tbody>
${ROLL_FORWARD_COLUMNS.map(
  (column) =>
    `<tr${column.key === 'end' ? ' class="total"' : ''}><td class="label">${escape(column.heading)}</td>${figureCells(
      rollForward.years.map((year) => column.sign * year.total[column.key as keyof RollForwardLine]),
    )}</tr>`,
).join('\n')}
</tbody>
</table>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Schedule II — Roll-forward of the ${escape(title.toLowerCase())}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>SCHEDULE II</h1>
<h2>ROLL-FORWARD OF THE ${escape(title.toUpperCase())}</h2>
<p class="unit">(number of risks)</p>
<table class="schedule">
<thead>${head}</thead>
${blocks}
</table>
${sideBySide}
<ol class="notes">
${rollForwardNotes(rollForward)
  .map((note) => `<li>${escape(note)}</li>`)
  .join('\n')}
</ol>
</body>
</html>
`;
}
