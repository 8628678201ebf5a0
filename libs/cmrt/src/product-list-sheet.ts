import { PRODUCT_COLUMNS, PRODUCT_FIRST_ROW } from '../../domain/src/declaration/cell-map';
import type { ProductRow } from '../../domain/src/declaration/declaration.schema';
import { columnNumber } from './xlsx/cell-address';
import type { SheetCells } from './xlsx/sheet-cells';
import { LONG_TEXT_MAX, SheetReader } from './sheet-reader';

/** Product List columns B-D (6.5 renamed the headers, not the columns). */
export const PRODUCT_RANGE = { lastColumn: columnNumber(PRODUCT_COLUMNS.comments) };

/** The schema's cap on products; the template itself has 2,000 rows. */
const MAX_PRODUCTS = 10_000;

/**
 * Product List rows from row 6 down to the "© <year> Responsible Minerals Initiative" footer
 * (row 2006 in 6.5, 1001 in 6.01); blank rows in between are skipped.
 */
export function readProductRows(reader: SheetReader, cells: SheetCells): ProductRow[] {
  const products: ProductRow[] = [];
  for (const row of cells.rowNumbers()) {
    if (row < PRODUCT_FIRST_ROW) continue;
    const raw = [PRODUCT_COLUMNS.number, PRODUCT_COLUMNS.name, PRODUCT_COLUMNS.comments].map((column) => reader.get(row, columnNumber(column)));
    if (raw.some((value) => typeof value === 'string' && value.trim().startsWith('©'))) break;
    const field = `products[${products.length}]`;
    const number = reader.text(`${PRODUCT_COLUMNS.number}${row}`, `${field}.number`);
    const name = reader.text(`${PRODUCT_COLUMNS.name}${row}`, `${field}.name`);
    const comments = reader.text(`${PRODUCT_COLUMNS.comments}${row}`, `${field}.comments`, LONG_TEXT_MAX);
    if (number === undefined && name === undefined && comments === undefined) continue;
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
    products.push({
      row,
      ...(number !== undefined ? { number } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(comments !== undefined ? { comments } : {}),
    });
  }
  return products;
}
