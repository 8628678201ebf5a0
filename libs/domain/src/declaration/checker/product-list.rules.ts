import { PRODUCT_FIRST_ROW, productCell } from '../cell-map';
import type { Declaration, ProductRow } from '../declaration.schema';
import type { Finding } from '../finding';
import { finding } from './rule-catalogue';
import { isBlank } from './text';

/** Product List sheet, data from row 6 (domain.md §1.6; Checker row 64; review §5). */

interface IndexedProduct {
  readonly product: ProductRow;
  readonly index: number;
  readonly row: number;
}

function indexProducts(declaration: Declaration): IndexedProduct[] {
  return declaration.products.map((product, index) => ({ product, index, row: product.row ?? PRODUCT_FIRST_ROW + index }));
}

function hasAnyValue(product: ProductRow): boolean {
  return [product.number, product.name, product.requesterNumber, product.requesterName, product.comments].some((value) => !isBlank(value));
}

/** Checker row 64: scope B needs 'Product List'!B6, the first product number. */
function firstProductNumber(products: readonly IndexedProduct[]): Finding[] {
  const first = products.find(({ row }) => row === PRODUCT_FIRST_ROW);
  if (first !== undefined && !isBlank(first.product.number)) return [];
  const field = first !== undefined ? `products[${first.index}].number` : products.length === 0 ? 'products[0].number' : 'products';
  return [
    finding('checker.product-list', {
      field,
      cell: productCell('number', PRODUCT_FIRST_ROW),
      message: `Provide at least one product number on the Product List tab, starting in cell B${PRODUCT_FIRST_ROW}: the declaration scope is "Product (or List of Products)".`,
    }),
  ];
}

/** Review: every other listed product needs its number too (the Checker only looks at B6). */
function productNumbers(products: readonly IndexedProduct[]): Finding[] {
  return products
    .filter(({ product, row }) => row !== PRODUCT_FIRST_ROW && hasAnyValue(product) && isBlank(product.number))
    .map(({ index, row }) =>
      finding('review.product-number-missing', {
        field: `products[${index}].number`,
        cell: productCell('number', row),
        message: `Enter the product number on the Product List tab cell B${row}: the row has a product but no number.`,
      }),
    );
}

/** Review: products listed under a company or user-defined scope are not part of the declaration. */
function productsOutsideProductScope(declaration: Declaration, products: readonly IndexedProduct[]): Finding[] {
  const listed = products.filter(({ product }) => hasAnyValue(product));
  if (listed.length === 0 || declaration.company.scope === undefined) return [];
  return [
    finding('review.products-outside-product-scope', {
      field: `products[${listed[0].index}].number`,
      cell: productCell('number', listed[0].row),
      message: `The Product List has ${listed.length === 1 ? 'a product' : `${listed.length} products`} but the declaration scope is not "Product (or List of Products)"; the list is not part of the declaration.`,
    }),
  ];
}

export function checkProductList(declaration: Declaration): Finding[] {
  const products = indexProducts(declaration);
  if (declaration.company.scope === 'product') return [...firstProductNumber(products), ...productNumbers(products)];
  return productsOutsideProductScope(declaration, products);
}
