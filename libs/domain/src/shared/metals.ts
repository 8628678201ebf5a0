import { z } from 'zod';
import { EMRT_MINERALS, EMRT_MINERAL_LABELS } from '../declaration/template-minerals';

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

/**
 * Every mineral the surveys cover, as one union: the CMRT's four metals and the EMRT's six minerals
 * (template-minerals.ts). What is about one mineral whatever the template (a finding, a risk) names a
 * Mineral; what only the CMRT asks (its questions per metal, the RMI 3TG lists) keeps to Metal.
 */
export const MINERALS = [...METALS, ...EMRT_MINERALS] as const;
export const Mineral = z.enum(MINERALS);
export type Mineral = z.infer<typeof Mineral>;

export const MINERAL_LABELS: Record<Mineral, string> = { ...METAL_LABELS, ...EMRT_MINERAL_LABELS };

/** A CMRT metal (tin, tantalum, tungsten, gold), as opposed to an EMRT mineral. */
export function isMetal(mineral: Mineral): mineral is Metal {
  return (METALS as readonly string[]).includes(mineral);
}
