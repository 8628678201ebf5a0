import { METALS } from '@dd/domain';
import type { ExportDocument } from './export-table';

/** A smelter as the smelter register read answers it (the fields the annex shows). */
export interface SmelterAnnexRow {
  smelterId: string;
  metal: string;
  standardName: string;
  country: string | null;
  onReferenceList: boolean;
  rmapStatus: string | null;
  statusAsOf: string | null;
  statusListAsOf: string | null;
  /** The first namings (the read shows a few: a smelter may be named by thousands of rows). */
  namedBy: ReadonlyArray<{ supplierId: string }>;
  /** How many rows name it in all. */
  namings: number;
}

const metalOrder = (metal: string) => (METALS as readonly string[]).indexOf(metal);

/**
 * The smelter annex of the Conflict Minerals Report as a spreadsheet: the smelters our suppliers name,
 * by metal (tantalum, tin, gold, tungsten, as the CMRT lists them) then name, with RMI id, country and RMAP status; "not
 * enrolled" for a smelter the status list does not carry.
 */
export function smelterAnnexExport(smelters: readonly SmelterAnnexRow[]): ExportDocument {
  const ordered = [...smelters].sort(
    (a, b) =>
      metalOrder(a.metal) - metalOrder(b.metal) ||
      a.standardName.localeCompare(b.standardName, 'en') ||
      a.smelterId.localeCompare(b.smelterId),
  );
  return {
    sheets: [
      {
        name: 'Smelter annex',
        columns: [
          { header: 'Metal' },
          { header: 'Smelter (RMI id)', width: 16 },
          { header: 'Smelter name', width: 45 },
          { header: 'Country', width: 20 },
          { header: 'RMAP status', width: 18 },
          { header: 'RMAP status as of', width: 18 },
          { header: 'Status list as of', width: 18 },
          { header: 'On the reference list' },
          { header: 'Rows naming it' },
          { header: 'Suppliers naming it', width: 40 },
        ],
        rows: ordered.map((smelter) => {
          // The suppliers of the rows shown; when those are not all, the cell says so (a spreadsheet cell
          // holds 32,767 characters: thousands of suppliers would not fit, and nobody reads them there).
          const suppliers = [...new Set(smelter.namedBy.map((naming) => naming.supplierId))].sort();
          const more = smelter.namings - smelter.namedBy.length;
          return [
            smelter.metal,
            smelter.smelterId,
            smelter.standardName,
            smelter.country,
            smelter.rmapStatus ?? 'not enrolled',
            smelter.statusAsOf,
            smelter.statusListAsOf,
            smelter.onReferenceList,
            smelter.namings,
            more > 0
              ? `${suppliers.join(', ')} … and ${more} more rows (GET /smelters/${smelter.smelterId}/namings)`
              : suppliers.join(', '),
          ];
        }),
      },
    ],
  };
}
