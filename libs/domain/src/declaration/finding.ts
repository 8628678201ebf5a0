import { z } from 'zod';
import { Mineral } from '../shared/metals';

/**
 * error: the RMI Checker (or an equally hard rule) fails; the response is incomplete/inconsistent.
 * red-flag: a sourcing risk (covered countries, unidentified smelters...) that feeds the risk register.
 * warning: worth a reviewer's look (typos, dubious values) but not a Checker failure.
 * info: noted only (e.g. answers left for out-of-scope metals, which the Checker ignores).
 */
export const FINDING_SEVERITIES = ['error', 'warning', 'red-flag', 'info'] as const;
export const FindingSeverity = z.enum(FINDING_SEVERITIES);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

/**
 * Review outcome classes used by compliance teams for a finding with severity error; besides the
 * three of the Checker, `outdated` (the effective date is older than the period or the request) and
 * `unusable` (a blank template or another company's file: not an answer, ask for a proper one).
 */
export const FOLLOW_UP_KINDS = ['incomplete', 'inconsistent', 'inaccurate', 'outdated', 'unusable'] as const;
export const FollowUpKind = z.enum(FOLLOW_UP_KINDS);
export type FollowUpKind = z.infer<typeof FollowUpKind>;

export const Finding = z
  .object({
    /** Stable rule id, e.g. "checker.company-name", "review.covered-country-sourcing". */
    ruleId: z.string(),
    severity: FindingSeverity,
    /** Path in the declaration JSON, e.g. "company.name", "minerals.tin.q3.answer", "smelters[3].country". */
    field: z.string(),
    /** Worksheet address the finding is about, e.g. "Declaration!D8", "Smelter List!E7". */
    cell: z.string().optional(),
    /** The metal (CMRT) or mineral (EMRT) it is about. */
    metal: Mineral.optional(),
    /** For a smelter row finding: the smelter id concerned, if any. */
    smelterId: z.string().optional(),
    /** Which kind of follow-up an error calls for. */
    kind: FollowUpKind.optional(),
    message: z.string(),
  })
  .strict();
export type Finding = z.infer<typeof Finding>;
