import type { CmrDraftModel } from './cmr-draft.model';
import { cmrDraftOutline, figureOf, figureText, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, type Block, type Inline } from './cmr-draft.outline';

/*
 * The draft as Markdown (GitHub flavour): figures cite their source as footnotes ([^S3]), whose
 * definitions at the end name the read and the as-of position; the company pastes its prose over the
 * [[COMPANY TO WRITE: …]] placeholders.
 */

/** Keeps text from the log from starting markup or breaking a table cell. */
function text(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/([*_`[\]<>|#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function inline(model: CmrDraftModel, part: Inline): string {
  if (typeof part === 'string') return text(part);
  if ('fig' in part) {
    const figure = figureOf(model, part.fig);
    return `${figureText(figure)}[^${figure.source}]`;
  }
  // The brackets stay as they are, so that searching the file for the marker finds every one left.
  if ('todo' in part) return `**${PLACEHOLDER_OPEN}${text(part.todo)}${PLACEHOLDER_CLOSE}**`;
  if ('cite' in part) return `[^${part.cite}]`;
  if ('code' in part) return `\`${part.code.replace(/`/g, "'")}\``;
  return `**${text(part.strong)}**`;
}

const line = (model: CmrDraftModel, parts: readonly Inline[]) => parts.map((part) => inline(model, part)).join('');

function block(model: CmrDraftModel, item: Block): string {
  switch (item.kind) {
    case 'heading':
      return `${'#'.repeat(item.level)} ${text(item.text)}`;
    case 'paragraph':
      return line(model, item.parts);
    case 'notice':
      return `> ${line(model, item.parts)}`;
    case 'list':
      return item.items.map((parts) => `- ${line(model, parts)}`).join('\n');
    case 'none':
      return `_${text(item.text)}_`;
    case 'table': {
      const head = `| ${item.headers.map((header) => text(header.label)).join(' | ')} |`;
      const align = `| ${item.headers.map((header) => (header.numeric ? '---:' : '---')).join(' | ')} |`;
      const rows = item.rows.map((row) => `| ${row.map((cell) => inline(model, cell)).join(' | ')} |`);
      const caption = item.caption ? `**${text(item.caption)}**${item.source ? `[^${item.source}]` : ''}\n\n` : '';
      const cited = !item.caption && item.source ? `\n\nSource:[^${item.source}]` : '';
      return `${caption}${[head, align, ...rows].join('\n')}${cited}`;
    }
  }
}

export function cmrDraftMarkdown(model: CmrDraftModel): string {
  const body = cmrDraftOutline(model).map((item) => block(model, item));
  const footnotes = model.sources.map(
    (source) => `[^${source.id}]: ${source.read}, \`${source.request}\` as of log position ${model.asOf.position}.`,
  );
  return `${[...body, ...footnotes].join('\n\n')}\n`;
}
