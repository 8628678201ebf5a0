import { z } from 'zod';

/** The four conflict minerals (3TG), in the order the CMRT lists them on the Declaration sheet. */
export const METALS = ['tantalum', 'tin', 'gold', 'tungsten'] as const;
export const Metal = z.enum(METALS);
export type Metal = z.infer<typeof Metal>;

/** How the CMRT spells each metal in its dropdowns (Smelter List column B). */
export const METAL_LABELS: Record<Metal, string> = {
  tantalum: 'Tantalum',
  tin: 'Tin',
  gold: 'Gold',
  tungsten: 'Tungsten',
};

/** The DRC and its nine neighbours (SEC Rule 13p-1; CMRT Definitions C7), ISO 3166-1 alpha-2. */
export const COVERED_COUNTRIES = ['CD', 'AO', 'BI', 'CF', 'CG', 'RW', 'SS', 'TZ', 'UG', 'ZM'] as const;
