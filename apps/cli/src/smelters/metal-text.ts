import { METALS, type Metal } from '@dd/domain';

const SYMBOLS: Record<string, Metal> = { ta: 'tantalum', sn: 'tin', au: 'gold', w: 'tungsten' };

/** "Tin", "TIN ", "tin" or the symbol "Sn"; undefined for anything else. */
export function metalFromText(text: string): Metal | undefined {
  const key = text.trim().toLowerCase();
  return METALS.find((metal) => metal === key) ?? SYMBOLS[key];
}
