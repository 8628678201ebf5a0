import { z } from 'zod';

/**
 * The minerals of RMI's other reporting templates (domain.md §1.10-1.11). The CMRT's four metals
 * live in shared/metals.ts; these never mix with them: an EMRT declares cobalt or mica, never tin.
 */

/** EMRT 2.x: the six minerals of the Declaration's selector (D12:G13), in the template's alphabetical order. */
export const EMRT_MINERALS = ['cobalt', 'copper', 'graphite', 'lithium', 'mica', 'nickel'] as const;
export const EmrtMineral = z.enum(EMRT_MINERALS);
export type EmrtMineral = z.infer<typeof EmrtMineral>;

/** How the EMRT spells each mineral in its dropdowns (Declaration selector, Smelter List column B). */
export const EMRT_MINERAL_LABELS: Record<EmrtMineral, string> = {
  cobalt: 'Cobalt',
  copper: 'Copper',
  graphite: 'Graphite',
  lithium: 'Lithium',
  mica: 'Mica',
  nickel: 'Nickel',
};

/** "Cobalt", " COBALT " -> cobalt; anything else -> undefined. */
export function emrtMineralFromText(text: string): EmrtMineral | undefined {
  const key = text.trim().toLowerCase();
  return EMRT_MINERALS.find((mineral) => mineral === key);
}

/**
 * AMRT 1.3: the selector's dropdown (Declaration!B68:B80). A company may also pick "Other [specify
 * below]" and type the mineral under it, so an AMRT mineral is a name, not an enum.
 */
export const AMRT_LISTED_MINERALS = [
  'Aluminum',
  'Iridium',
  'Lime',
  'Manganese',
  'Palladium',
  'Platinum',
  'Rare Earth Elements',
  'Rhodium',
  'Ruthenium',
  'Silver',
  'Soda Ash',
  'Zinc',
] as const;
export const AMRT_OTHER_MINERAL = 'Other [specify below]';

/** The listed AMRT mineral in its template spelling, or undefined for anything else. */
export function amrtListedMineral(text: string): string | undefined {
  const key = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return AMRT_LISTED_MINERALS.find((mineral) => mineral.toLowerCase() === key);
}
