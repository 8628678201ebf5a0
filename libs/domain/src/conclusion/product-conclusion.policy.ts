import type { DeclarationScope } from '../declaration/declaration.schema';
import { AUDITED_STATUSES, type RmapStatus } from '../smelter/rmap-status';
import type { Metal } from '../shared/metals';

/** The three conclusions of a Conflict Minerals Report (Rule 13p-1), and products outside the rule. */
export const PRODUCT_CONCLUSIONS = [
  'DRC conflict free',
  'not found to be DRC conflict free',
  'DRC conflict undeterminable',
  'no 3TG necessary',
] as const;
export type ProductConclusion = (typeof PRODUCT_CONCLUSIONS)[number];

export interface SupplierAnswer {
  supplierId: string;
  /** Null when the supplier has not answered this period's survey. */
  response: null | {
    eventId: string;
    scope?: DeclarationScope;
    inScopeMetals: Metal[];
    /** Q3 (covered-country sourcing) per in-scope metal, normalised: yes / no / unknown. */
    coveredCountrySourcing: Partial<Record<Metal, 'yes' | 'no' | 'unknown'>>;
    smelters: Array<{
      metal: Metal;
      row: number;
      /** How the row resolved against the reference list. */
      match: 'matched' | 'needs-confirmation' | 'unidentified' | 'unresolved';
      smelterId?: string;
      /** Current RMAP status of the CID (null: none). */
      rmapStatus: RmapStatus | null;
    }>;
  };
}

export interface ConclusionReason {
  code:
    | 'no-suppliers-linked'
    | 'supplier-not-responded'
    | 'company-level-declaration'
    | 'unidentified-smelters'
    | 'non-conformant-smelter-covered-countries'
    | 'smelters-not-audited'
    | 'all-smelters-conformant'
    | 'no-covered-country-sourcing'
    | 'metal-not-used-by-suppliers'
    | 'no-3tg-necessary';
  metal?: Metal;
  supplierId?: string;
  message: string;
  /** Events that show it (response ids), so an auditor can follow the conclusion to the log. */
  eventIds: string[];
}

export interface ConclusionResult {
  conclusion: ProductConclusion;
  reasons: ConclusionReason[];
}

const NOT_CONFORMANT: readonly RmapStatus[] = ['non-conformant', 'suspended'];

/**
 * A product's conclusion from its necessary metals and its suppliers' latest answers.
 * - not found to be DRC conflict free: a smelter in its chain sources from the covered countries
 *   (Q3 Yes or Unknown) and is non-conformant or suspended;
 * - DRC conflict undeterminable: a supplier has not answered, answered only at company level (its
 *   smelters cannot be tied to our product), or named smelters that are unidentified or not audited;
 * - DRC conflict free: every supplier answered at product level and every smelter of every
 *   necessary metal is RMAP conformant (or cross-recognized), or the supplier reports no
 *   covered-country sourcing with all smelters identified.
 * The most severe applicable conclusion wins; every reason is kept.
 */
export function concludeProduct(metalsNecessary: readonly Metal[], suppliers: readonly SupplierAnswer[]): ConclusionResult {
  if (metalsNecessary.length === 0) {
    return {
      conclusion: 'no 3TG necessary',
      reasons: [
        { code: 'no-3tg-necessary', message: 'no 3TG is necessary to the functionality or production of this product', eventIds: [] },
      ],
    };
  }
  if (suppliers.length === 0) {
    return {
      conclusion: 'DRC conflict undeterminable',
      reasons: [{ code: 'no-suppliers-linked', message: 'no supplier is linked to this product', eventIds: [] }],
    };
  }
  const notFree: ConclusionReason[] = [];
  const undeterminable: ConclusionReason[] = [];
  const free: ConclusionReason[] = [];
  for (const { supplierId, response } of suppliers) {
    if (!response) {
      undeterminable.push({ code: 'supplier-not-responded', supplierId, message: `${supplierId} has not answered the CMRT`, eventIds: [] });
      continue;
    }
    const ids = [response.eventId];
    for (const metal of metalsNecessary) {
      if (!response.inScopeMetals.includes(metal)) {
        free.push({
          code: 'metal-not-used-by-suppliers',
          metal,
          supplierId,
          message: `${supplierId} declares no ${metal} in what it supplies`,
          eventIds: ids,
        });
        continue;
      }
      const rows = response.smelters.filter((smelter) => smelter.metal === metal);
      const sourcing = response.coveredCountrySourcing[metal];
      const flagged = rows.filter((row) => row.rmapStatus && NOT_CONFORMANT.includes(row.rmapStatus));
      if (flagged.length > 0 && sourcing !== 'no') {
        notFree.push({
          code: 'non-conformant-smelter-covered-countries',
          metal,
          supplierId,
          message: `${supplierId}: ${flagged.map((row) => `${row.smelterId} (${row.rmapStatus})`).join(', ')} for ${metal}, with covered-country sourcing answered ${sourcing ?? 'blank'}`,
          eventIds: ids,
        });
        continue;
      }
      if (response.scope !== 'product') {
        undeterminable.push({
          code: 'company-level-declaration',
          metal,
          supplierId,
          message: `${supplierId} answered at ${response.scope ?? 'an unstated'} level: its smelters cannot be tied to this product`,
          eventIds: ids,
        });
        continue;
      }
      const unidentified = rows.filter((row) => row.match !== 'matched');
      if (rows.length === 0 || unidentified.length > 0) {
        undeterminable.push({
          code: 'unidentified-smelters',
          metal,
          supplierId,
          message:
            rows.length === 0
              ? `${supplierId} names no ${metal} smelter`
              : `${supplierId}: ${unidentified.length} ${metal} smelter row(s) not identified (rows ${unidentified.map((r) => r.row).join(', ')})`,
          eventIds: ids,
        });
        continue;
      }
      const unaudited = rows.filter((row) => !row.rmapStatus || !AUDITED_STATUSES.includes(row.rmapStatus));
      if (unaudited.length === 0) {
        free.push({
          code: 'all-smelters-conformant',
          metal,
          supplierId,
          message: `${supplierId}: every ${metal} smelter is RMAP conformant`,
          eventIds: ids,
        });
      } else if (sourcing === 'no') {
        free.push({
          code: 'no-covered-country-sourcing',
          metal,
          supplierId,
          message: `${supplierId}: no covered-country sourcing of ${metal}, all smelters identified`,
          eventIds: ids,
        });
      } else {
        undeterminable.push({
          code: 'smelters-not-audited',
          metal,
          supplierId,
          message: `${supplierId}: ${unaudited.map((row) => row.smelterId).join(', ')} (${metal}) not RMAP conformant, covered-country sourcing answered ${sourcing ?? 'blank'}`,
          eventIds: ids,
        });
      }
    }
  }
  if (notFree.length) return { conclusion: 'not found to be DRC conflict free', reasons: [...notFree, ...undeterminable] };
  if (undeterminable.length) return { conclusion: 'DRC conflict undeterminable', reasons: undeterminable };
  return { conclusion: 'DRC conflict free', reasons: free };
}
