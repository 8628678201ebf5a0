import { createHash } from 'node:crypto';
import type { Metal } from '../shared/metals';
import type { RiskCategory } from './risk.events';

/**
 * A risk is identified by what it is about, so the same red flag in a resubmitted response, or a
 * second flag of the same smelter, lands on the existing risk instead of opening a duplicate.
 */
export function riskIdFor(key: {
  period: number;
  supplierId: string;
  category: RiskCategory;
  metal?: Metal;
  smelterId?: string;
}): string {
  const natural = [key.period, key.supplierId, key.category, key.metal ?? 'all', key.smelterId ?? 'none'].join('|');
  return `${key.period}-${createHash('sha256').update(natural).digest('hex').slice(0, 16)}`;
}
