import { z } from 'zod';
import { Metal } from '../shared/metals';
import { Period } from '../shared/period';

/** What kind of supply-chain risk an entry of the register is (OECD step 2 red flags). */
export const RISK_CATEGORIES = [
  'non-conflict-free-smelter',
  'covered-country-sourcing',
  'cahra-sourcing',
  'smelters-not-identified',
  'unidentified-smelter',
  'metal-without-smelters',
  'incomplete-supplier-data',
  'due-diligence-gap',
] as const;
export const RiskCategory = z.enum(RISK_CATEGORIES);
export type RiskCategory = z.infer<typeof RiskCategory>;

export const RISK_SEVERITIES = ['low', 'medium', 'high'] as const;
export const RiskSeverity = z.enum(RISK_SEVERITIES);
export type RiskSeverity = z.infer<typeof RiskSeverity>;

/** Where a risk came from: a person's flag, or red-flag findings of a recorded response. */
export const RiskSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flag') }).strict(),
  z
    .object({
      kind: z.literal('response-finding'),
      /** Event id of the ResponseRecorded whose findings raised it. */
      eventId: z.string(),
      ruleIds: z.array(z.string()),
    })
    .strict(),
]);
export type RiskSource = z.infer<typeof RiskSource>;

export const RiskRaised = z
  .object({
    riskId: z.string(),
    supplierId: z.string(),
    period: Period,
    metal: Metal.optional(),
    smelterId: z.string().optional(),
    category: RiskCategory,
    severity: RiskSeverity,
    reason: z.string(),
    evidence: z.string().optional(),
    source: RiskSource,
  })
  .strict();
export type RiskRaised = z.infer<typeof RiskRaised>;

export type RiskEvent = { type: 'RiskRaised'; data: RiskRaised };
