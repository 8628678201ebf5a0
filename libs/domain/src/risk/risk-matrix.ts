import { IMPACTS, LIKELIHOODS, type Impact, type Likelihood, type RiskSeverity } from './risk.events';

/**
 * The likelihood x impact matrix AssessRisk derives a risk's severity from.
 *
 *                    minor    moderate  major    severe
 *   rare             low      low       low      medium
 *   unlikely         low      low       medium   high
 *   possible         low      medium    medium   high
 *   likely           medium   medium    high     high
 *   almost-certain   medium   high      high     high
 *
 * Not a plain product: a severe impact (contributing to serious abuses or financing armed groups,
 * OECD Annex II) is never less than medium however rare, and what is almost certain to happen is
 * never low. Scales: likelihood 1-5, impact 1-4, in the order of LIKELIHOODS and IMPACTS.
 */
export const SEVERITY_MATRIX: Record<Likelihood, Record<Impact, RiskSeverity>> = {
  rare: { minor: 'low', moderate: 'low', major: 'low', severe: 'medium' },
  unlikely: { minor: 'low', moderate: 'low', major: 'medium', severe: 'high' },
  possible: { minor: 'low', moderate: 'medium', major: 'medium', severe: 'high' },
  likely: { minor: 'medium', moderate: 'medium', major: 'high', severe: 'high' },
  'almost-certain': { minor: 'medium', moderate: 'high', major: 'high', severe: 'high' },
};

export function severityOf(likelihood: Likelihood, impact: Impact): RiskSeverity {
  return SEVERITY_MATRIX[likelihood][impact];
}

/** Scores as people type them: likelihood 1 (rare) to 5 (almost certain), impact 1 (minor) to 4 (severe). */
export const likelihoodOfScore = (score: number): Likelihood => LIKELIHOODS[score - 1];
export const impactOfScore = (score: number): Impact => IMPACTS[score - 1];
