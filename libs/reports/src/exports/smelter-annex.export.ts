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
  namedBy: ReadonlyArray<{ supplierId: string }>;
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
          { header: 'Named by suppliers' },
          { header: 'Suppliers naming it', width: 40 },
        ],
        rows: ordered.map((smelter) => {
          const suppliers = [...new Set(smelter.namedBy.map((naming) => naming.supplierId))].sort();
          return [
            smelter.metal,
            smelter.smelterId,
            smelter.standardName,
            smelter.country,
            smelter.rmapStatus ?? 'not enrolled',
            smelter.statusAsOf,
            smelter.statusListAsOf,
            smelter.onReferenceList,
            suppliers.length,
            suppliers.join(', '),
          ];
        }),
      },
    ],
  };
}
