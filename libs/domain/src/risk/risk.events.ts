import { z } from 'zod';
import type { EventSchemasByType, EventsOf } from '../shared/event-family';
import { Mineral } from '../shared/metals';
import { IsoDate, Period } from '../shared/period';
import { RmapStatus } from '../smelter/rmap-status';

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
  /** A named smelter whose RMAP status is non-conformant or suspended (smelter-status process manager). */
  'non-conformant-smelter',
  /** A named smelter on the reference list without an RMAP audit result (not on the status list, eligible, ...). */
  'smelter-not-audited',
  /** Smelter List rows that match no smelter of the reference list (unresolved or awaiting confirmation). */
  'unknown-smelter',
  /** A grievance received through the grievance mechanism (OECD step 1); it may name no supplier. */
  'grievance',
  /** A supplier left its CMRT request unanswered past the due date after every reminder (reminder scheduler). */
  'non-response',
] as const;
export const RiskCategory = z.enum(RISK_CATEGORIES);
export type RiskCategory = z.infer<typeof RiskCategory>;

export const RISK_SEVERITIES = ['low', 'medium', 'high'] as const;
export const RiskSeverity = z.enum(RISK_SEVERITIES);
export type RiskSeverity = z.infer<typeof RiskSeverity>;

/**
 * Where a risk came from: a person's flag, red-flag findings of a recorded response, a smelter's RMAP
 * status, a grievance, or a supplier's non-response. A discriminated union, so a new source is one
 * more variant here and nothing else has to change.
 */
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
  z
    .object({
      kind: z.literal('smelter-status'),
      /** The event that showed it: a ResponseRecorded, SmelterMatchConfirmed or RmapStatusListImported. */
      eventId: z.string(),
      /** The smelter's RMAP status at the time (null: not on the status list). */
      rmapStatus: RmapStatus.nullable().optional(),
      /** As-of date of the RMAP status list it was judged against (null: none imported). */
      statusListAsOf: z.string().nullable(),
      /** As-of date of the reference list the Smelter List rows were matched against. */
      referenceListAsOf: z.string().nullable(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('grievance'),
      /** The event recording the grievance. */
      eventId: z.string(),
      grievanceId: z.string().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('non-response'),
      /** The CMRTSent (or ReminderSent) event of the request left unanswered. */
      eventId: z.string(),
      dueDate: IsoDate.optional(),
      /** 'emrt': the request left unanswered asked for an EMRT (absent: a CMRT, as before the EMRT). */
      family: z.literal('emrt').optional(),
    })
    .strict(),
]);
export type RiskSource = z.infer<typeof RiskSource>;
export type RiskSourceKind = RiskSource['kind'];

export const RiskRaised = z
  .object({
    riskId: z.string(),
    /** Absent only for a risk raised from a grievance that names no supplier. */
    supplierId: z.string().optional(),
    period: Period,
    metal: Mineral.optional(),
    smelterId: z.string().optional(),
    category: RiskCategory,
    severity: RiskSeverity,
    reason: z.string(),
    evidence: z.string().optional(),
    source: RiskSource,
  })
  .strict();
export type RiskRaised = z.infer<typeof RiskRaised>;

/**
 * A closed risk raised again (the same red flag in a later response, the smelter losing its status
 * again, a new flag): the same register entry, back to open. The assessment and mitigation of the
 * earlier episode stay in its history but no longer count: the new facts need a new assessment.
 */
export const RiskReopened = z
  .object({
    riskId: z.string(),
    severity: RiskSeverity,
    reason: z.string(),
    evidence: z.string().optional(),
    source: RiskSource,
  })
  .strict();
export type RiskReopened = z.infer<typeof RiskReopened>;

/**
 * An open risk raised again with a higher severity than the engine last raised it with: the facts
 * behind it changed (a monitored covered-country risk whose conformant smelter lost its status, an
 * unidentified smelter in a resubmission). It rises by itself; a person's assessment stays in the
 * history, and the risk asks to be assessed again at the new severity.
 */
export const RiskSeverityRaised = z
  .object({
    riskId: z.string(),
    from: RiskSeverity,
    severity: RiskSeverity,
    reason: z.string(),
    source: RiskSource,
  })
  .strict();
export type RiskSeverityRaised = z.infer<typeof RiskSeverityRaised>;

/** Likelihood of the risk materialising (the 1-5 scale of the risk matrix). */
export const LIKELIHOODS = ['rare', 'unlikely', 'possible', 'likely', 'almost-certain'] as const;
export const Likelihood = z.enum(LIKELIHOODS);
export type Likelihood = z.infer<typeof Likelihood>;

/** Impact if it does (the 1-4 scale of the risk matrix). */
export const IMPACTS = ['minor', 'moderate', 'major', 'severe'] as const;
export const Impact = z.enum(IMPACTS);
export type Impact = z.infer<typeof Impact>;

export const RiskAssessed = z
  .object({
    riskId: z.string(),
    likelihood: Likelihood,
    impact: Impact,
    /** From the likelihood x impact matrix (risk-matrix.ts); replaces the severity the risk was raised with. */
    severity: RiskSeverity,
    rationale: z.string(),
  })
  .strict();
export type RiskAssessed = z.infer<typeof RiskAssessed>;

export const RiskOwnerAssigned = z
  .object({
    riskId: z.string(),
    owner: z.string(),
    /** The owner before, when the risk changes hands. */
    previousOwner: z.string().optional(),
    /** Why (absent in events recorded before assignments had a note, and when none was given). */
    note: z.string().optional(),
  })
  .strict();
export type RiskOwnerAssigned = z.infer<typeof RiskOwnerAssigned>;

/** The three risk-management strategies of OECD step 3. */
export const MITIGATION_STRATEGIES = ['continue-trade-during-mitigation', 'temporarily-suspend', 'disengage'] as const;
export const MitigationStrategy = z.enum(MITIGATION_STRATEGIES);
export type MitigationStrategy = z.infer<typeof MitigationStrategy>;

export const MitigationAction = z.object({ description: z.string(), dueDate: IsoDate }).strict();
export type MitigationAction = z.infer<typeof MitigationAction>;

export const MitigationDecided = z
  .object({
    riskId: z.string(),
    /** 1 for the first plan of the risk, 2 for a revised one, ...: progress and escalations name it. */
    revision: z.number().int().min(1),
    strategy: MitigationStrategy,
    plan: z.string(),
    dueDate: IsoDate,
    actions: z.array(MitigationAction),
  })
  .strict();
export type MitigationDecided = z.infer<typeof MitigationDecided>;

export const MitigationProgressRecorded = z
  .object({
    riskId: z.string(),
    revision: z.number().int().min(1),
    note: z.string(),
    /** The action the progress is about (index into the plan's actions); absent: the plan as a whole. */
    actionIndex: z.number().int().min(0).optional(),
    /** true: that action (or, without actionIndex, the whole plan) is done; false: reopened. */
    completed: z.boolean().optional(),
  })
  .strict();
export type MitigationProgressRecorded = z.infer<typeof MitigationProgressRecorded>;

export const RiskEscalated = z
  .object({
    riskId: z.string(),
    revision: z.number().int().min(1),
    /** The overdue action; absent: the plan's own due date passed. */
    actionIndex: z.number().int().min(0).optional(),
    dueDate: IsoDate,
    /** The risk owner for an overdue action (senior management when nobody owns it); senior management for an overdue plan. */
    escalatedTo: z.string(),
    reason: z.string(),
  })
  .strict();
export type RiskEscalated = z.infer<typeof RiskEscalated>;

/** How people close a risk (OECD step 3 outcomes). */
export const CLOSE_RESOLUTIONS = ['mitigated', 'accepted', 'moved-to-conflict-free-sources'] as const;
/**
 * ...and how the engine closes one by itself: the smelter's RMAP status became conformant or
 * cross-recognized, the status list that raised the risk was withdrawn as a mistake, or every Smelter
 * List row behind an unknown-smelter risk was confirmed as a known smelter.
 */
export const ENGINE_RESOLUTIONS = ['resolved-by-status-change', 'resolved-by-list-withdrawal', 'resolved-by-match-confirmation'] as const;
export const RISK_RESOLUTIONS = [...CLOSE_RESOLUTIONS, ...ENGINE_RESOLUTIONS] as const;
export const RiskResolution = z.enum(RISK_RESOLUTIONS);
export type RiskResolution = z.infer<typeof RiskResolution>;

export const RiskClosed = z
  .object({
    riskId: z.string(),
    resolution: RiskResolution,
    note: z.string(),
    /** What closed it, when the engine did. */
    source: RiskSource.optional(),
  })
  .strict();
export type RiskClosed = z.infer<typeof RiskClosed>;

/** The events of risk streams, by type: the event catalogue and the RiskEvent union are derived from it. */
export const riskEventSchemas = {
  RiskRaised,
  RiskReopened,
  RiskSeverityRaised,
  RiskAssessed,
  RiskOwnerAssigned,
  MitigationDecided,
  MitigationProgressRecorded,
  RiskEscalated,
  RiskClosed,
} satisfies EventSchemasByType;
export type RiskEvent = EventsOf<typeof riskEventSchemas>;
