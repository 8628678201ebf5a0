import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { apiUrl, type Params } from '../api';
import { withQuery, type Route } from '../router';

export interface Column<T> {
  key: string;
  label: string;
  /** What is shown; default the value as text. */
  render?: (row: T) => ComponentChildren;
  /** What is sorted on; default the value of `key`. */
  sortValue?: (row: T) => string | number | null | undefined;
  numeric?: boolean;
}

export interface TableProps<T> {
  caption: string;
  columns: Array<Column<T>>;
  rows: T[];
  rowKey: (row: T) => string;
  route: Route;
  /** Query-string prefix, so two tables on one page keep their own sort and page. */
  name?: string;
  pageSize?: number;
  /** The read behind the table, to export it whole in the API's own CSV/XLSX renderings. */
  exportFrom?: { path: string; params: Params };
  selection?: { selected: Set<string>; onChange: (selected: Set<string>) => void; label: (row: T) => string };
  total?: number;
  empty?: string;
}

const valueOf = <T,>(row: T, column: Column<T>) =>
  column.sortValue ? column.sortValue(row) : (row as Record<string, unknown>)[column.key];

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/**
 * A table that sorts (column header buttons, aria-sort), pages (in the URL, so a view can be shared)
 * and exports through the read's own CSV/XLSX renderings. Every control is a button or link, so it
 * is reached with Tab and used with Enter.
 */
export function Table<T>(props: TableProps<T>) {
  const { columns, rows, route, name = '', pageSize = 25 } = props;
  const sortParam = `${name}sort`;
  const pageParam = `${name}page`;
  const sort = route.query.get(sortParam) ?? '';
  const descending = sort.startsWith('-');
  const sortKey = sort.replace(/^-/, '');
  const sorted = useMemo(() => {
    const column = columns.find((candidate) => candidate.key === sortKey);
    if (!column) return rows;
    const copy = [...rows];
    copy.sort((a, b) => compare(valueOf(a, column), valueOf(b, column)) * (descending ? -1 : 1));
    return copy;
  }, [rows, sortKey, descending, columns]);
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(pages, Math.max(1, Number(route.query.get(pageParam) ?? 1) || 1));
  const shown = sorted.slice((page - 1) * pageSize, page * pageSize);
  const selection = props.selection;
  const allShownSelected = selection && shown.length > 0 && shown.every((row) => selection.selected.has(props.rowKey(row)));

  const toggle = (key: string) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    selection.onChange(next);
  };
  const toggleShown = () => {
    if (!selection) return;
    const next = new Set(selection.selected);
    for (const row of shown) {
      if (allShownSelected) next.delete(props.rowKey(row));
      else next.add(props.rowKey(row));
    }
    selection.onChange(next);
  };

  return (
    <div class="table-block">
      <div class="table-tools">
        <span class="count" data-figure={`${name}rows`}>
          {props.total ?? rows.length} {(props.total ?? rows.length) === 1 ? 'row' : 'rows'}
        </span>
        {props.exportFrom && (
          <span class="exports">
            Export:{' '}
            <a href={apiUrl(props.exportFrom.path, { ...props.exportFrom.params, format: 'csv' })} download>
              CSV
            </a>{' '}
            <a href={apiUrl(props.exportFrom.path, { ...props.exportFrom.params, format: 'xlsx' })} download>
              XLSX
            </a>
          </span>
        )}
      </div>
      <div class="table-scroll">
        <table>
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              {selection && (
                <th scope="col" class="select">
                  <input type="checkbox" aria-label="Select every row on this page" checked={!!allShownSelected} onChange={toggleShown} />
                </th>
              )}
              {columns.map((column) => {
                const active = column.key === sortKey;
                const next = active && !descending ? `-${column.key}` : column.key;
                return (
                  <th
                    scope="col"
                    key={column.key}
                    class={column.numeric ? 'numeric' : undefined}
                    aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
                  >
                    <a class="sort" href={withQuery(route, { [sortParam]: next, [pageParam]: undefined })}>
                      {column.label}
                      <span aria-hidden="true">{active ? (descending ? ' ▼' : ' ▲') : ''}</span>
                    </a>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={columns.length + (selection ? 1 : 0)} class="empty">
                  {props.empty ?? 'Nothing to show.'}
                </td>
              </tr>
            )}
            {shown.map((row) => {
              const key = props.rowKey(row);
              return (
                <tr key={key} data-key={key} class={selection?.selected.has(key) ? 'selected' : undefined}>
                  {selection && (
                    <td class="select">
                      <input
                        type="checkbox"
                        aria-label={`Select ${selection.label(row)}`}
                        checked={selection.selected.has(key)}
                        onChange={() => toggle(key)}
                      />
                    </td>
                  )}
                  {columns.map((column) => (
                    <td key={column.key} class={column.numeric ? 'numeric' : undefined}>
                      {column.render ? column.render(row) : String((row as Record<string, unknown>)[column.key] ?? '')}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav class="pager" aria-label={`${props.caption}: pages`}>
          {page > 1 ? <a href={withQuery(route, { [pageParam]: page - 1 })}>Previous</a> : <span aria-hidden="true">Previous</span>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <a href={withQuery(route, { [pageParam]: page + 1 })}>Next</a> : <span aria-hidden="true">Next</span>}
        </nav>
      )}
    </div>
  );
}
