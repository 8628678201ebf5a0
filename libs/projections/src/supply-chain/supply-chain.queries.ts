import { METALS, type CampaignSelection, type Metal, type SupplierTier } from '@dd/domain';
import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';
import { keysetCondition, WHOLE_LIST, type KeysetPage } from '../keyset-page';

export type SupplierActivity = 'active' | 'inactive';

export interface SupplierContact {
  name: string;
  email: string;
  role: string | null;
  /** The language messages to this contact are written in. */
  language: string;
  addedAt: string;
}

export interface SupplierProfile {
  supplierId: string;
  name: string;
  tier: SupplierTier;
  country: string | null;
  parentSupplierId: string | null;
  status: SupplierActivity;
  /** Why it was last made active or inactive (null while it never changed). */
  statusReason: string | null;
  /** Who in our company owns the relationship (null: nobody yet). */
  owner: string | null;
  registeredAt: string;
  /** In the order they were added. */
  contacts: SupplierContact[];
  /** Products the supplier supplies parts of. */
  productIds: string[];
}

export interface SupplierProfileQuery {
  tier?: SupplierTier;
  status?: SupplierActivity;
}

export interface ProductSupplier {
  supplierId: string;
  name: string;
  tier: SupplierTier;
  status: SupplierActivity;
}

export interface ProductView {
  productId: string;
  name: string;
  productLine: string;
  /** The 3TG necessary to its functionality or production (Rule 13p-1). */
  metalsNecessary: Metal[];
  /** Why: the determination as recorded. */
  determination: string;
  /** A product with no 3TG necessary is out of the Rule's scope. */
  inScope: boolean;
  registeredAt: string;
  determinedAt: string;
  suppliers: ProductSupplier[];
}

export interface ProductLineView {
  productLine: string;
  products: number;
  /** Distinct suppliers linked to its products. */
  suppliers: number;
  /** Union of the metals necessary to its products. */
  metalsNecessary: Metal[];
}

type SupplierRow = Omit<SupplierProfile, 'contacts' | 'productIds'>;
interface ContactRow extends SupplierContact {
  supplierId: string;
}
interface ProductRow extends Omit<ProductView, 'metalsNecessary' | 'suppliers' | 'inScope'> {
  metalsNecessary: string;
}

const SUPPLIER_COLUMNS = `supplier_id AS supplierId, name, tier, country, parent_supplier_id AS parentSupplierId, status,
  status_reason AS statusReason, owner, registered_at AS registeredAt`;
const PRODUCT_COLUMNS = `product_id AS productId, name, product_line AS productLine, metals_necessary AS metalsNecessary, determination,
  registered_at AS registeredAt, determined_at AS determinedAt`;

export class SupplyChainQueries {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  /**
   * Registered suppliers by id, optionally of one tier and/or status, with contacts and products:
   * the page after the supplier id `page.after` names. Contacts and products are read for the page's
   * suppliers only.
   */
  suppliers(query: SupplierProfileQuery = {}, page: KeysetPage = WHOLE_LIST): SupplierProfile[] {
    const after = keysetCondition(['supplier_id'], page);
    const rows = this.statements
      .get(
        `SELECT ${SUPPLIER_COLUMNS} FROM sc_suppliers WHERE (@tier IS NULL OR tier = @tier) AND (@status IS NULL OR status = @status)
        AND (@after IS NULL OR supplier_id > @after) ORDER BY supplier_id LIMIT @limit`,
      )
      .all({
        tier: query.tier ?? null,
        status: query.status ?? null,
        after: after.parameters[0] ?? null,
        limit: page.limit,
      }) as SupplierRow[];
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((row) => row.supplierId));
    const contacts = groupBy(
      this.statements
        .get(
          `SELECT supplier_id AS supplierId, name, email, role, language, added_at AS addedAt FROM sc_supplier_contacts
          WHERE supplier_id IN (SELECT value FROM json_each(?)) ORDER BY position`,
        )
        .all(ids) as ContactRow[],
    );
    const products = groupBy(
      this.statements
        .get(
          `SELECT supplier_id AS supplierId, product_id AS productId FROM sc_product_suppliers
          WHERE supplier_id IN (SELECT value FROM json_each(?)) ORDER BY product_id`,
        )
        .all(ids) as Array<{
        supplierId: string;
        productId: string;
      }>,
    );
    return rows.map((row) =>
      profile(
        row,
        contacts.get(row.supplierId) ?? [],
        (products.get(row.supplierId) ?? []).map((p) => p.productId),
      ),
    );
  }

  /** How many suppliers `suppliers` lists under the same filters. */
  supplierCount(query: SupplierProfileQuery = {}): number {
    return this.statements
      .get('SELECT count(*) FROM sc_suppliers WHERE (@tier IS NULL OR tier = @tier) AND (@status IS NULL OR status = @status)')
      .pluck()
      .get({ tier: query.tier ?? null, status: query.status ?? null }) as number;
  }

  supplier(supplierId: string): SupplierProfile | null {
    const row = this.statements.get(`SELECT ${SUPPLIER_COLUMNS} FROM sc_suppliers WHERE supplier_id = ?`).get(supplierId) as
      SupplierRow | undefined;
    if (!row) return null;
    const contacts = this.statements
      .get(
        'SELECT supplier_id AS supplierId, name, email, role, language, added_at AS addedAt FROM sc_supplier_contacts WHERE supplier_id = ? ORDER BY position',
      )
      .all(supplierId) as ContactRow[];
    const productIds = this.statements
      .get('SELECT product_id FROM sc_product_suppliers WHERE supplier_id = ? ORDER BY product_id')
      .pluck()
      .all(supplierId) as string[];
    return profile(row, contacts, productIds);
  }

  /** Products by id, optionally of one product line, each with its suppliers. */
  products(query: { productLine?: string } = {}): ProductView[] {
    const rows = this.statements
      .get(`SELECT ${PRODUCT_COLUMNS} FROM sc_products WHERE (@line IS NULL OR product_line = @line) ORDER BY product_id`)
      .all({ line: query.productLine ?? null }) as ProductRow[];
    const links = groupBy(
      this.statements
        .get(
          `SELECT l.product_id AS productId, s.supplier_id AS supplierId, s.name, s.tier, s.status
          FROM sc_product_suppliers l JOIN sc_suppliers s ON s.supplier_id = l.supplier_id ORDER BY l.supplier_id`,
        )
        .all() as Array<ProductSupplier & { productId: string }>,
      (link) => link.productId,
    );
    return rows.map((row) =>
      product(
        row,
        (links.get(row.productId) ?? []).map(({ productId: _productId, ...supplier }) => supplier),
      ),
    );
  }

  product(productId: string): ProductView | null {
    const row = this.statements.get(`SELECT ${PRODUCT_COLUMNS} FROM sc_products WHERE product_id = ?`).get(productId) as
      ProductRow | undefined;
    if (!row) return null;
    const suppliers = this.statements
      .get(
        `SELECT s.supplier_id AS supplierId, s.name, s.tier, s.status FROM sc_product_suppliers l
        JOIN sc_suppliers s ON s.supplier_id = l.supplier_id WHERE l.product_id = ? ORDER BY l.supplier_id`,
      )
      .all(productId) as ProductSupplier[];
    return product(row, suppliers);
  }

  productLines(): ProductLineView[] {
    const lines = new Map<string, { products: number; suppliers: Set<string>; metals: Set<Metal> }>();
    for (const view of this.products()) {
      const line = lines.get(view.productLine) ?? { products: 0, suppliers: new Set<string>(), metals: new Set<Metal>() };
      line.products++;
      for (const supplier of view.suppliers) line.suppliers.add(supplier.supplierId);
      for (const metal of view.metalsNecessary) line.metals.add(metal);
      lines.set(view.productLine, line);
    }
    return [...lines.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([productLine, line]) => ({
        productLine,
        products: line.products,
        suppliers: line.suppliers.size,
        metalsNecessary: METALS.filter((metal) => line.metals.has(metal)),
      }));
  }

  /**
   * The active registered suppliers a campaign selection names, sorted: the criteria combine (AND);
   * an empty selection is every active supplier. Unknown and inactive suppliers are left out.
   */
  select(selection: CampaignSelection): string[] {
    const conditions = ["s.status = 'active'"];
    const parameters: unknown[] = [];
    if (selection.tier) {
      conditions.push('s.tier = ?');
      parameters.push(selection.tier);
    }
    if (selection.productLine !== undefined) {
      conditions.push(`EXISTS (SELECT 1 FROM sc_product_suppliers l JOIN sc_products p ON p.product_id = l.product_id
        WHERE l.supplier_id = s.supplier_id AND p.product_line = ?)`);
      parameters.push(selection.productLine);
    }
    if (selection.supplierIds) {
      // JSON rather than one placeholder per id: a selection may name thousands of suppliers.
      conditions.push('s.supplier_id IN (SELECT value FROM json_each(?))');
      parameters.push(JSON.stringify(selection.supplierIds));
    }
    return this.statements
      .get(`SELECT s.supplier_id FROM sc_suppliers s WHERE ${conditions.join(' AND ')} ORDER BY s.supplier_id`)
      .pluck()
      .all(...parameters) as string[];
  }
}

function groupBy<Row extends { supplierId: string }>(rows: Row[]): Map<string, Row[]>;
function groupBy<Row>(rows: Row[], key: (row: Row) => string): Map<string, Row[]>;
function groupBy<Row>(rows: Row[], key: (row: Row) => string = (row) => (row as { supplierId: string }).supplierId): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

function profile(row: SupplierRow, contacts: ContactRow[], productIds: string[]): SupplierProfile {
  return { ...row, contacts: contacts.map(({ supplierId: _supplierId, ...contact }) => contact), productIds };
}

function product(row: ProductRow, suppliers: ProductSupplier[]): ProductView {
  const metalsNecessary = JSON.parse(row.metalsNecessary) as Metal[];
  return { ...row, metalsNecessary, inScope: metalsNecessary.length > 0, suppliers };
}
