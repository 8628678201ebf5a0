import { PRODUCT_COLUMNS, PRODUCT_COLUMNS_WITH_REQUESTER, PRODUCT_FIRST_ROW } from '@dd/domain';
import type { ProductRow } from '@dd/domain';
import type { ProductListLayout } from './template-releases';
import { columnNumber } from './xlsx/cell-address';
import type { SheetCells } from './xlsx/sheet-cells';
import { LONG_TEXT_MAX, SheetReader } from './sheet-reader';

/** Product List columns B-F: wide enough for every layout (6.5 renamed headers, 6.6 added columns D-E). */
export const PRODUCT_RANGE = { lastColumn: columnNumber(PRODUCT_COLUMNS_WITH_REQUESTER.comments) };

/** The schema's cap on products; the template itself has 2,000 rows. */
const MAX_PRODUCTS = 10_000;

type ProductField = Exclude<keyof ProductRow, 'row'>;

/** Which column holds which field, per layout (template-releases.ts). */
function columnsFor(layout: ProductListLayout): Partial<Record<ProductField, string>> {
  return layout === 'responder-requester' ? PRODUCT_COLUMNS_WITH_REQUESTER : PRODUCT_COLUMNS;
}

const LONG_FIELDS = new Set<ProductField>(['comments']);

/**
 * Product List rows from row 6 down to the "© <year> Responsible Minerals Initiative" footer
 * (row 2006 in 6.5, 1001 in 6.01); blank rows in between are skipped.
 */
export function readProductRows(reader: SheetReader, cells: SheetCells, layout: ProductListLayout = 'manufacturer'): ProductRow[] {
  const columns = Object.entries(columnsFor(layout)) as [ProductField, string][];
  const products: ProductRow[] = [];
  for (const row of cells.rowNumbers()) {
    if (row < PRODUCT_FIRST_ROW) continue;
    const raw = columns.map(([, column]) => reader.get(row, columnNumber(column)));
    if (raw.some((value) => typeof value === 'string' && value.trim().startsWith('©'))) break;
    const field = `products[${products.length}]`;
    const values: Partial<Record<ProductField, string>> = {};
    for (const [name, column] of columns) {
      const value = reader.text(`${column}${row}`, `${field}.${name}`, LONG_FIELDS.has(name) ? LONG_TEXT_MAX : undefined);
      if (value !== undefined) values[name] = value;
    }
    if (Object.keys(values).length === 0) continue;
    if (products.length >= MAX_PRODUCTS) {
      reader.findings.add({
        ruleId: 'reader.too-many-products',
        severity: 'warning',
        field: 'products',
        cell: reader.cellRef(`${PRODUCT_COLUMNS.number}${row}`),
        message: `The Product List has more than ${MAX_PRODUCTS} products; rows from ${row} on were not read.`,
      });
      break;
    }
    // Schema order, so serialised declarations read naturally and compare stably.
    const product: ProductRow = { row };
    for (const name of ['number', 'name', 'requesterNumber', 'requesterName', 'comments'] as const) {
      if (values[name] !== undefined) product[name] = values[name];
    }
    products.push(product);
  }
  return products;
}
