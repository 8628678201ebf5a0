import { z } from 'zod';
import { MultiLineText } from '../shared/text';
import { EntityId } from '../shared/period';
import { impactOfScore, likelihoodOfScore } from './risk-matrix';
import { Impact, Likelihood } from './risk.events';

/** A likelihood by name or as its score on the 1-5 scale (3 = possible). */
const LikelihoodInput = z.union([Likelihood, z.number().int().min(1).max(5).transform(likelihoodOfScore)]);
/** An impact by name or as its score on the 1-4 scale (4 = severe). */
const ImpactInput = z.union([Impact, z.number().int().min(1).max(4).transform(impactOfScore)]);

/** OECD step 3: how likely the risk is and how bad it would be; the matrix gives its severity. */
export const AssessRisk = z
  .object({
    riskId: EntityId,
    likelihood: LikelihoodInput,
    impact: ImpactInput,
    rationale: MultiLineText.min(1).max(4000),
  })
  .strict();
export type AssessRisk = z.infer<typeof AssessRisk>;
export type AssessRiskInput = z.input<typeof AssessRisk>;
