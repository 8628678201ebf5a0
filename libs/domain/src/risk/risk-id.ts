import { createHash } from 'node:crypto';
import type { Mineral } from '../shared/metals';
import type { RiskCategory, RiskSource } from './risk.events';

/**
 * A risk is identified by what it is about, so the same red flag in a resubmitted response, or a
 * second flag of the same smelter, lands on the existing risk instead of opening a duplicate.
 * A grievance is about itself: each one is its own risk (two anonymous tips naming no supplier are
 * two allegations to assess, not one), so its id joins the key. An EMRT left unanswered is another
 * risk than the CMRT left unanswered by the same supplier: its family joins the key.
 */
export function riskIdFor(key: {
  period: number;
  supplierId?: string;
  category: RiskCategory;
  metal?: Mineral;
  smelterId?: string;
  source?: RiskSource;
}): string {
  const parts: Array<string | number> = [key.period, key.supplierId ?? 'none', key.category, key.metal ?? 'all', key.smelterId ?? 'none'];
  if (key.source?.kind === 'grievance' && key.source.grievanceId) parts.push(`grievance:${key.source.grievanceId}`);
  // A supplier may leave both its CMRT and its EMRT unanswered: two risks. Only the EMRT's names its
  // family, so the CMRT's non-response risks keep the ids they always had.
  if (key.source?.kind === 'non-response' && key.source.family === 'emrt') parts.push('family:emrt');
  return `${key.period}-${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 16)}`;
}

/** The reporting year a risk id names (its first part); null for an id not made by riskIdFor. */
export function periodOfRiskId(riskId: string): number | null {
  const match = /^(\d{4})-/.exec(riskId);
  return match ? Number(match[1]) : null;
}
