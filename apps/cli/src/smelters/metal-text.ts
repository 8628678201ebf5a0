import { emrtMineralFromText, MINERAL_LABELS, METALS, MINERALS, type Metal, type Mineral } from '@dd/domain';

const SYMBOLS: Record<string, Metal> = { ta: 'tantalum', sn: 'tin', au: 'gold', w: 'tungsten' };

/** "Tin", "TIN ", "tin" or the symbol "Sn"; undefined for anything else. */
export function metalFromText(text: string): Metal | undefined {
  const key = text.trim().toLowerCase();
  return METALS.find((metal) => metal === key) ?? SYMBOLS[key];
}

/**
 * A metal or an EMRT mineral ("Cobalt", "nickel"): RMAP status lists name cobalt, copper, ... refiners
 * too. The reference list stays the CMRT's four metals (metalFromText).
 */
export function mineralFromText(text: string): Mineral | undefined {
  return metalFromText(text) ?? emrtMineralFromText(text);
}

/** "Tantalum, Tin, ..., Nickel", for messages. */
export const MINERAL_NAMES = MINERALS.map((mineral) => MINERAL_LABELS[mineral]).join(', ');
