import { esc } from '../risk-report/risk-report.html';
import type { CmrDraftModel } from './cmr-draft.model';
import {
  asOfLine,
  cmrDraftOutline,
  figureOf,
  figureText,
  PLACEHOLDER_CLOSE,
  PLACEHOLDER_OPEN,
  titleOf,
  type Block,
  type Inline,
} from './cmr-draft.outline';

/*
 * The draft as one self-contained HTML file (inline CSS for screen and print, no script, nothing
 * fetched), laid out as a filing reads: serif body, numbered sections, tables ruled lightly. Each figure
 * is a <span data-figure> followed by a superscript link to its source in Annex B; placeholders are
 * highlighted so that none is missed before filing.
 */

const STYLE = `
:root { --ink:#1a1a1a; --muted:#5f6b7a; --rule:#c9ced6; --accent:#1d4e89; --todo:#fff1b8; --todo-ink:#7a4b00; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; color: var(--ink); font-size: 14px; line-height: 1.5; background: #fff; }
main { max-width: 900px; margin: 0 auto; padding: 32px 40px 48px; }
h1 { font-size: 22px; text-align: center; margin: 0 0 16px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid var(--rule); padding-bottom: 3px; }
h3 { font-size: 15px; margin: 18px 0 8px; font-style: italic; }
p { margin: 8px 0; text-align: justify; }
.notice { border: 1px solid var(--accent); border-left-width: 5px; background: #f3f7fc; padding: 8px 12px; margin: 0 0 16px; font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 12.5px; text-align: left; }
.todo { background: var(--todo); color: var(--todo-ink); font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 12.5px; padding: 1px 4px; border-radius: 3px; }
p.todo-line { text-align: left; margin-bottom: 14px; }
.fig { font-weight: bold; }
sup.cite { font-size: 9px; margin-left: 1px; }
sup.cite a { color: var(--accent); text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 12px; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 4px 0; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { border-bottom: 1.5px solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 11.5px; }
ul { margin: 6px 0 10px; }
.none { color: var(--muted); font-style: italic; }
footer { margin-top: 32px; color: var(--muted); font-size: 11px; border-top: 1px solid var(--rule); padding-top: 8px; font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  main { max-width: none; padding: 0; }
  body { font-size: 11.5px; }
  h2, h3 { break-after: avoid; }
  tr, .notice { break-inside: avoid; }
  .todo { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function inline(model: CmrDraftModel, part: Inline): string {
  if (typeof part === 'string') return esc(part);
  if ('fig' in part) {
    const figure = figureOf(model, part.fig);
    return `<span class="fig" data-figure="${esc(figure.id)}">${esc(figureText(figure))}</span>${cite(figure.source)}`;
  }
  if ('todo' in part) return `<span class="todo">${esc(`${PLACEHOLDER_OPEN}${part.todo}${PLACEHOLDER_CLOSE}`)}</span>`;
  if ('cite' in part) return cite(part.cite);
  if ('code' in part) return `<code>${esc(part.code)}</code>`;
  return `<strong>${esc(part.strong)}</strong>`;
}

const cite = (source: string) => `<sup class="cite"><a href="#${esc(source)}">${esc(source)}</a></sup>`;
const line = (model: CmrDraftModel, parts: readonly Inline[]) => parts.map((part) => inline(model, part)).join('');
const onlyTodo = (parts: readonly Inline[]) => parts.length === 1 && typeof parts[0] === 'object' && 'todo' in parts[0];

function block(model: CmrDraftModel, item: Block): string {
  switch (item.kind) {
    case 'heading':
      return `<h${item.level}${item.id ? ` id="${esc(item.id)}"` : ''}>${esc(item.text)}</h${item.level}>`;
    case 'paragraph':
      return `<p${onlyTodo(item.parts) ? ' class="todo-line"' : ''}>${line(model, item.parts)}</p>`;
    case 'notice':
      return `<p class="notice">${line(model, item.parts)}</p>`;
    case 'list':
      return `<ul>${item.items.map((parts) => `<li>${line(model, parts)}</li>`).join('')}</ul>`;
    case 'none':
      return `<p class="none">${esc(item.text)}</p>`;
    case 'table': {
      const numeric = item.headers.map((header) => header.numeric === true);
      const head = item.headers.map((header) => `<th${header.numeric ? ' class="num"' : ''}>${esc(header.label)}</th>`).join('');
      const rows = item.rows.map(
        (row, rowIndex) =>
          `<tr${item.rowIds ? ` id="${esc(item.rowIds[rowIndex])}"` : ''}>${row.map((cell, index) => `<td${numeric[index] ? ' class="num"' : ''}>${inline(model, cell)}</td>`).join('')}</tr>`,
      );
      const caption =
        item.caption || item.source
          ? `<caption>${item.caption ? esc(item.caption) : 'Source'}${item.source ? ` ${cite(item.source)}` : ''}</caption>`
          : '';
      return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
    }
  }
}

export function cmrDraftHtml(model: CmrDraftModel): string {
  const body = cmrDraftOutline(model).map((item) => block(model, item));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(titleOf(model))} — draft</title>
<style>${STYLE}</style></head>
<body><main>
${body.join('\n')}
<footer>Draft assembled from the due-diligence log as of ${esc(asOfLine(model))}; the same position always gives this same document.</footer>
</main></body></html>
`;
}
