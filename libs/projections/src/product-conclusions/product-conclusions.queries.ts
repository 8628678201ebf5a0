import {
  concludeProduct,
  PRODUCT_CONCLUSIONS,
  type ConclusionReason,
  type DeclarationScope,
  type Metal,
  type ProductConclusion,
  type RmapStatus,
  type SupplierAnswer,
} from '@dd/domain';
import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';

export interface ProductConclusionEntry {
  productId: string;
  name: string;
  productLine: string;
  metalsNecessary: Metal[];
  /** Suppliers linked to the product. */
  suppliers: string[];
  conclusion: ProductConclusion;
  /**
   * Why, each with the events that show it: the supplier's response, and where they played a part the
   * smelter-match confirmations, the RMAP status list the smelters were judged by, and the product's
   * own determination of its metals.
   */
  reasons: ConclusionReason[];
}

export interface ProductConclusionSummary {
  period: number;
  products: number;
  /** Products per conclusion (every conclusion listed, 0 when none). */
  byConclusion: Record<ProductConclusion, number>;
  /** The RMAP status list the smelters were judged by (null: none imported). */
  statusList: { asOf: string; eventId: string } | null;
}

interface ProductRow {
  productId: string;
  name: string;
  productLine: string;
  metalsNecessary: string;
  metalsEventId: string;
}

interface ResponseRow {
  supplierId: string;
  responseNumber: number;
  scope: DeclarationScope | null;
  inScopeMetals: string;
  coveredCountrySourcing: string;
  eventId: string;
}

interface SmelterRow {
  supplierId: string;
  row: number;
  metal: Metal | null;
  match: 'matched' | 'needs-confirmation' | 'unidentified' | 'unresolved';
  smelterId: string | null;
  confirmationEventId: string | null;
  status: RmapStatus | null;
}

/** Reasons judged against the RMAP status list: the list's event shows them too. */
const STATUS_REASONS = new Set<ConclusionReason['code']>([
  'non-conformant-smelter-covered-countries',
  'all-smelters-conformant',
  'smelters-not-audited',
]);
/** Reasons that rest on the product's own determination rather than on a supplier. */
const PRODUCT_REASONS = new Set<ConclusionReason['code']>(['no-3tg-necessary', 'no-suppliers-linked']);

/** Product conclusions per reporting period (concludeProduct over the product-conclusions read model). */
export class ProductConclusionQueries {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  /** Every registered product with its conclusion for the period, by product line and name. */
  forPeriod(period: number): ProductConclusionEntry[] {
    const products = this.statements
      .get(
        `SELECT product_id AS productId, name, product_line AS productLine, metals_necessary AS metalsNecessary,
        metals_event_id AS metalsEventId FROM pc_products ORDER BY product_line, name, product_id`,
      )
      .all() as ProductRow[];
    if (products.length === 0) return [];
    const links = this.statements
      .get('SELECT product_id AS productId, supplier_id AS supplierId FROM pc_product_suppliers ORDER BY supplier_id')
      .all() as Array<{
      productId: string;
      supplierId: string;
    }>;
    const answers = this.answers(period);
    const statusList = this.statusList();
    return products.map((product) => {
      const metalsNecessary = JSON.parse(product.metalsNecessary) as Metal[];
      const suppliers = links.filter((link) => link.productId === product.productId).map((link) => link.supplierId);
      const result = concludeProduct(
        metalsNecessary,
        suppliers.map((supplierId) => answers.get(supplierId)?.answer ?? { supplierId, response: null }),
      );
      const reasons = result.reasons.map((reason) => traced(reason, product, answers, statusList));
      return {
        productId: product.productId,
        name: product.name,
        productLine: product.productLine,
        metalsNecessary,
        suppliers,
        conclusion: result.conclusion,
        reasons,
      };
    });
  }

  summary(period: number): ProductConclusionSummary {
    const entries = this.forPeriod(period);
    const byConclusion = Object.fromEntries(PRODUCT_CONCLUSIONS.map((conclusion) => [conclusion, 0])) as Record<ProductConclusion, number>;
    for (const entry of entries) byConclusion[entry.conclusion]++;
    return { period, products: entries.length, byConclusion, statusList: this.statusList() };
  }

  /** The status list in force; null when none was imported, or the only one was withdrawn. */
  private statusList(): { asOf: string; eventId: string } | null {
    return (
      (this.statements
        .get("SELECT as_of AS asOf, event_id AS eventId FROM pc_lists WHERE list = 'rmap-status' AND as_of IS NOT NULL")
        .get() as { asOf: string; eventId: string } | undefined) ?? null
    );
  }

  /** Each responding supplier's latest answer as concludeProduct takes it, with the confirmations behind its rows. */
  private answers(period: number): Map<string, { answer: SupplierAnswer; confirmations: SmelterRow[] }> {
    const responses = this.statements
      .get(
        `SELECT supplier_id AS supplierId, response_number AS responseNumber, scope, in_scope_metals AS inScopeMetals,
        covered_country_sourcing AS coveredCountrySourcing, event_id AS eventId FROM pc_responses WHERE period = ?`,
      )
      .all(period) as ResponseRow[];
    const rows = this.statements
      .get(
        `SELECT r.supplier_id AS supplierId, r.row, r.metal, r.match, r.smelter_id AS smelterId,
        r.confirmation_event_id AS confirmationEventId, s.status FROM pc_smelter_rows r
        LEFT JOIN pc_rmap_statuses s ON s.metal = r.metal AND s.smelter_id = r.smelter_id
        WHERE r.period = ? ORDER BY r.supplier_id, r.idx`,
      )
      .all(period) as SmelterRow[];
    const bySupplier = new Map<string, SmelterRow[]>();
    for (const row of rows) bySupplier.set(row.supplierId, [...(bySupplier.get(row.supplierId) ?? []), row]);
    return new Map(
      responses.map((response) => {
        const smelterRows = bySupplier.get(response.supplierId) ?? [];
        const answer: SupplierAnswer = {
          supplierId: response.supplierId,
          response: {
            eventId: response.eventId,
            ...(response.scope ? { scope: response.scope } : {}),
            inScopeMetals: JSON.parse(response.inScopeMetals) as Metal[],
            coveredCountrySourcing: JSON.parse(response.coveredCountrySourcing) as NonNullable<
              SupplierAnswer['response']
            >['coveredCountrySourcing'],
            // A row without a metal cannot be attributed to a necessary metal; the Checker flags it.
            smelters: smelterRows
              .filter((row): row is SmelterRow & { metal: Metal } => row.metal !== null)
              .map((row) => ({
                metal: row.metal,
                row: row.row,
                match: row.match,
                ...(row.smelterId ? { smelterId: row.smelterId } : {}),
                rmapStatus: row.status ?? null,
              })),
          },
        };
        return [response.supplierId, { answer, confirmations: smelterRows.filter((row) => row.confirmationEventId !== null) }];
      }),
    );
  }
}

function traced(
  reason: ConclusionReason,
  product: ProductRow,
  answers: Map<string, { confirmations: SmelterRow[] }>,
  statusList: { eventId: string } | null,
): ConclusionReason {
  const eventIds = [...reason.eventIds];
  if (PRODUCT_REASONS.has(reason.code)) eventIds.push(product.metalsEventId);
  if (reason.supplierId && reason.metal) {
    for (const row of answers.get(reason.supplierId)?.confirmations ?? [])
      if (row.metal === reason.metal) eventIds.push(row.confirmationEventId!);
  }
  if (STATUS_REASONS.has(reason.code) && statusList) eventIds.push(statusList.eventId);
  return { ...reason, eventIds: [...new Set(eventIds)] };
}
