import { CommandRefused } from '../shared/command-refused';
import { decideByType, type Decider } from '../shared/decider';
import type { Mineral } from '../shared/metals';
import type { SupplierState } from '../supplier/supplier.decider';
import { commandRow, typed, type CommandFacts } from '../shared/command-row';
import { streams } from '../shared/streams';
import { AssessRisk } from './assess-risk.command';
import { AssignRiskOwner } from './assign-risk-owner.command';
import { CloseRisk, CloseRiskAutomatically } from './close-risk.command';
import { DecideMitigation } from './decide-mitigation.command';
import { EscalateOverdueMitigation } from './escalate-overdue-mitigation.command';
import { FlagNonConflictFree } from './flag-non-conflict-free.command';
import { RaiseRisk } from './raise-risk.command';
import { RecordMitigationProgress } from './record-mitigation-progress.command';
import { riskIdFor } from './risk-id';
import { severityOf } from './risk-matrix';
import type {
  Impact,
  Likelihood,
  MitigationStrategy,
  RiskCategory,
  RiskEvent,
  RiskResolution,
  RiskSeverity,
  RiskSource,
} from './risk.events';

export type RiskCommand =
  | { type: 'FlagNonConflictFree'; data: FlagNonConflictFree }
  | { type: 'RaiseRisk'; data: RaiseRisk }
  | { type: 'AssessRisk'; data: AssessRisk }
  | { type: 'AssignRiskOwner'; data: AssignRiskOwner }
  | { type: 'DecideMitigation'; data: DecideMitigation }
  | { type: 'RecordMitigationProgress'; data: RecordMitigationProgress }
  | { type: 'CloseRisk'; data: CloseRisk }
  | { type: 'CloseRiskAutomatically'; data: CloseRiskAutomatically }
  | { type: 'EscalateOverdueMitigation'; data: EscalateOverdueMitigation };

/** The commands that raise a risk (they name a supplier); the others act on an existing risk by id. */
type RaisingCommand = Extract<RiskCommand, { type: 'FlagNonConflictFree' | 'RaiseRisk' }>;
type LifecycleCommand = Exclude<RiskCommand, RaisingCommand>;

export interface RiskMitigation {
  revision: number;
  strategy: MitigationStrategy;
  dueDate: string;
  completed: boolean;
  actions: Array<{ description: string; dueDate: string; completed: boolean }>;
}

export interface RiskState {
  /** none: never raised; open: raised (or reopened) and not closed; closed. */
  status: 'none' | 'open' | 'closed';
  riskId?: string;
  supplierId?: string;
  period?: number;
  metal?: Mineral;
  smelterId?: string;
  category?: RiskCategory;
  severity?: RiskSeverity;
  /** The severity the engine last raised it with (RiskRaised, RiskReopened, RiskSeverityRaised), whatever an assessment said since. */
  raisedSeverity?: RiskSeverity;
  owner: string | null;
  /** The assessment of the current episode (cleared when the risk is reopened). */
  assessment: { likelihood: Likelihood; impact: Impact; severity: RiskSeverity } | null;
  /** The plan of the current episode (cleared when the risk is reopened). */
  mitigation: RiskMitigation | null;
  /** Plans decided over the risk's whole life: the next plan's revision is this + 1. */
  mitigationsDecided: number;
  /** `${revision}/${actionIndex|'plan'}` of every escalation, so a target escalates once per plan revision. */
  escalated: Set<string>;
  resolution: RiskResolution | null;
}

export interface RiskContext {
  /** The time the command is decided at (ISO): due dates are judged against its day. */
  now: string;
  /** The supplier's stream, folded: needed by the commands that raise a risk naming a supplier. */
  supplier?: SupplierState;
}

const isoDay = (iso: string) => iso.slice(0, 10);
const SEVERITY_RANK: Record<RiskSeverity, number> = { low: 0, medium: 1, high: 2 };
const escalationKey = (revision: number, actionIndex: number | undefined) => `${revision}/${actionIndex ?? 'plan'}`;
export const SENIOR_MANAGEMENT = 'senior-management';

const initialState = (): RiskState => ({
  status: 'none',
  owner: null,
  assessment: null,
  mitigation: null,
  mitigationsDecided: 0,
  escalated: new Set(),
  resolution: null,
});

function evolve(state: RiskState, event: RiskEvent): RiskState {
  switch (event.type) {
    case 'RiskRaised': {
      const { riskId, supplierId, period, metal, smelterId, category, severity } = event.data;
      return { ...state, status: 'open', riskId, supplierId, period, metal, smelterId, category, severity, raisedSeverity: severity };
    }
    case 'RiskReopened':
      return {
        ...state,
        status: 'open',
        severity: event.data.severity,
        raisedSeverity: event.data.severity,
        assessment: null,
        mitigation: null,
        resolution: null,
      };
    case 'RiskSeverityRaised':
      return { ...state, severity: event.data.severity, raisedSeverity: event.data.severity };
    case 'RiskAssessed': {
      const { likelihood, impact, severity } = event.data;
      return { ...state, severity, assessment: { likelihood, impact, severity } };
    }
    case 'RiskOwnerAssigned':
      return { ...state, owner: event.data.owner };
    case 'MitigationDecided': {
      const { revision, strategy, dueDate, actions } = event.data;
      return {
        ...state,
        mitigationsDecided: revision,
        mitigation: { revision, strategy, dueDate, completed: false, actions: actions.map((action) => ({ ...action, completed: false })) },
      };
    }
    case 'MitigationProgressRecorded': {
      const { revision, actionIndex, completed } = event.data;
      const mitigation = state.mitigation;
      if (!mitigation || mitigation.revision !== revision || completed === undefined) return state;
      if (actionIndex === undefined) return { ...state, mitigation: { ...mitigation, completed } };
      return {
        ...state,
        mitigation: {
          ...mitigation,
          actions: mitigation.actions.map((action, index) => (index === actionIndex ? { ...action, completed } : action)),
        },
      };
    }
    case 'RiskEscalated':
      // The fold owns the set (decider.ts): added to, not copied per event.
      return { ...state, escalated: state.escalated.add(escalationKey(event.data.revision, event.data.actionIndex)) };
    case 'RiskClosed':
      return { ...state, status: 'closed', resolution: event.data.resolution };
  }
}

/**
 * A register entry's life (OECD step 3): raised (by findings, a smelter's status, a flag, ...),
 * assessed, owned, mitigated under a plan whose overdue dates escalate, closed — and reopened
 * when the same risk is raised again after it was closed.
 */
export const riskDecider: Decider<RiskCommand, RiskEvent, RiskState, RiskContext> = {
  initialState,
  evolve,
  // A risk is raised by what it is about; every later command acts on the risk it names (decideOnExistingRisk).
  decide: decideByType<RiskCommand, RiskEvent, RiskState, RiskContext>({
    FlagNonConflictFree: raise,
    RaiseRisk: raise,
    AssessRisk: decideOnExistingRisk,
    AssignRiskOwner: decideOnExistingRisk,
    DecideMitigation: decideOnExistingRisk,
    RecordMitigationProgress: decideOnExistingRisk,
    CloseRisk: decideOnExistingRisk,
    CloseRiskAutomatically: decideOnExistingRisk,
    EscalateOverdueMitigation: decideOnExistingRisk,
  }),
};

function raise(command: RaisingCommand, state: RiskState, context: RiskContext): RiskEvent[] {
  const { supplierId } = command.data;
  if (supplierId === undefined) {
    // Only a grievance may be about no supplier in particular (an anonymous tip about "a smelter").
    if (command.type !== 'RaiseRisk' || command.data.source.kind !== 'grievance') {
      throw new CommandRefused('supplier-required', 'a risk must name the supplier it is about, unless it comes from a grievance');
    }
  } else if (context.supplier?.status !== 'registered') {
    throw new CommandRefused('supplier-unknown', `supplier ${supplierId} is not registered`);
  }
  let raised: { riskId: string; severity: RiskSeverity; reason: string; evidence?: string; source: RiskSource; category: RiskCategory };
  if (command.type === 'FlagNonConflictFree') {
    const { period, metal, smelterId, reason, evidence } = command.data;
    const category = 'non-conflict-free-smelter';
    if (state.status === 'open') {
      throw new CommandRefused(
        'risk-already-open',
        `risk ${state.riskId} for ${smelterId ?? 'an unidentified smelter'} (${metal}) of ${supplierId} in ${period} is already open`,
      );
    }
    raised = {
      riskId: riskIdFor({ period, supplierId, category, metal, smelterId }),
      category,
      severity: 'high',
      reason,
      evidence,
      source: { kind: 'flag' },
    };
    if (state.status === 'none') {
      return [
        {
          type: 'RiskRaised',
          data: {
            riskId: raised.riskId,
            supplierId,
            period,
            metal,
            smelterId,
            category,
            severity: 'high',
            reason,
            evidence,
            source: { kind: 'flag' },
          },
        },
      ];
    }
  } else {
    const riskId = riskIdFor(command.data);
    if (state.status === 'open') {
      // Raised again while open with a higher severity than last raised: the facts changed, it rises.
      const { severity, reason, source } = command.data;
      const last = state.raisedSeverity ?? state.severity ?? severity;
      if (SEVERITY_RANK[severity] > SEVERITY_RANK[last]) {
        return [{ type: 'RiskSeverityRaised', data: { riskId, from: last, severity, reason, source } }];
      }
      // Otherwise (a resubmission with the same red flag) the open risk already covers it.
      return [];
    }
    if (state.status === 'none') return [{ type: 'RiskRaised', data: { riskId, ...command.data } }];
    const { severity, reason, source, category } = command.data;
    raised = { riskId, severity, reason, source, category };
  }
  // Closed, and the same risk shows up again: the entry reopens rather than a twin being opened.
  return [
    {
      type: 'RiskReopened',
      data: {
        riskId: raised.riskId,
        severity: raised.severity,
        reason: raised.reason,
        ...(raised.evidence ? { evidence: raised.evidence } : {}),
        source: raised.source,
      },
    },
  ];
}

function decideOnExistingRisk(command: LifecycleCommand, state: RiskState, context: RiskContext): RiskEvent[] {
  const { riskId } = command.data;
  if (state.status === 'none') throw new CommandRefused('risk-unknown', `there is no risk ${riskId}`);
  if (state.status === 'closed') {
    // The engine's own close may arrive after a person closed the risk: already true, nothing to add.
    if (command.type === 'CloseRiskAutomatically') return [];
    throw new CommandRefused('risk-closed', `risk ${riskId} is closed (${state.resolution}); it reopens only when it is raised again`);
  }
  const today = isoDay(context.now);
  switch (command.type) {
    case 'AssessRisk': {
      const { likelihood, impact, rationale } = command.data;
      return [{ type: 'RiskAssessed', data: { riskId, likelihood, impact, severity: severityOf(likelihood, impact), rationale } }];
    }
    case 'AssignRiskOwner': {
      const { owner, note } = command.data;
      if (owner === state.owner) return [];
      const previous = state.owner ? { previousOwner: state.owner } : {};
      return [{ type: 'RiskOwnerAssigned', data: { riskId, owner, ...previous, ...(note ? { note } : {}) } }];
    }
    case 'DecideMitigation': {
      // OECD step 3 orders it so: the response to a risk rests on its assessment.
      if (!state.assessment)
        throw new CommandRefused('risk-not-assessed', `risk ${riskId} has to be assessed (AssessRisk) before a mitigation is decided`);
      const { strategy, plan, dueDate } = command.data;
      const actions = command.data.actions ?? [];
      if (dueDate < today) throw new CommandRefused('due-date-in-past', `due date ${dueDate} is already past`);
      actions.forEach((action, index) => {
        if (action.dueDate < today)
          throw new CommandRefused('due-date-in-past', `action ${index} is due ${action.dueDate}, which is already past`);
        if (action.dueDate > dueDate) {
          throw new CommandRefused(
            'action-due-after-plan',
            `action ${index} is due ${action.dueDate}, after the plan's own due date ${dueDate}`,
          );
        }
      });
      return [{ type: 'MitigationDecided', data: { riskId, revision: state.mitigationsDecided + 1, strategy, plan, dueDate, actions } }];
    }
    case 'RecordMitigationProgress': {
      const mitigation = state.mitigation;
      if (!mitigation) throw new CommandRefused('mitigation-not-decided', `risk ${riskId} has no mitigation plan to record progress on`);
      const { note, actionIndex, completed } = command.data;
      if (actionIndex !== undefined && actionIndex >= mitigation.actions.length) {
        throw new CommandRefused(
          'mitigation-action-unknown',
          `the plan of risk ${riskId} has ${mitigation.actions.length} action(s); there is no action ${actionIndex}`,
        );
      }
      return [
        {
          type: 'MitigationProgressRecorded',
          data: {
            riskId,
            revision: mitigation.revision,
            note,
            ...(actionIndex !== undefined ? { actionIndex } : {}),
            ...(completed !== undefined ? { completed } : {}),
          },
        },
      ];
    }
    case 'EscalateOverdueMitigation': {
      const { revision, actionIndex } = command.data;
      const mitigation = state.mitigation;
      // The plan seen by the process manager was revised (or the risk reopened) since: nothing of it is overdue.
      if (!mitigation || mitigation.revision !== revision) return [];
      if (state.escalated.has(escalationKey(revision, actionIndex))) return [];
      const target = actionIndex === undefined ? mitigation : mitigation.actions[actionIndex];
      if (!target) throw new CommandRefused('mitigation-action-unknown', `the plan of risk ${riskId} has no action ${actionIndex}`);
      if (target.completed) return [];
      if (target.dueDate >= today) throw new CommandRefused('not-overdue', `due ${target.dueDate}, not past on ${today}`);
      const what =
        actionIndex === undefined
          ? `The mitigation plan (${mitigation.strategy})`
          : `Action ${actionIndex} "${mitigation.actions[actionIndex].description}"`;
      return [
        {
          type: 'RiskEscalated',
          data: {
            riskId,
            revision,
            ...(actionIndex !== undefined ? { actionIndex } : {}),
            dueDate: target.dueDate,
            // An overdue action goes to whoever owns the risk; an overdue plan goes up to senior management.
            escalatedTo: actionIndex === undefined ? SENIOR_MANAGEMENT : (state.owner ?? SENIOR_MANAGEMENT),
            reason: `${what} was due ${target.dueDate} and is not done (${today})`,
          },
        },
      ];
    }
    case 'CloseRisk': {
      const { resolution, note } = command.data;
      if (resolution === 'mitigated' && !state.mitigation) {
        throw new CommandRefused('mitigation-not-decided', `risk ${riskId} cannot be closed as mitigated without a mitigation plan`);
      }
      if (resolution === 'accepted' && !state.assessment) {
        throw new CommandRefused('risk-not-assessed', `risk ${riskId} has to be assessed before it can be accepted`);
      }
      return [{ type: 'RiskClosed', data: { riskId, resolution, note } }];
    }
    case 'CloseRiskAutomatically': {
      const { reason, source, resolution = 'resolved-by-status-change' } = command.data;
      return [{ type: 'RiskClosed', data: { riskId, resolution, note: reason, source } }];
    }
  }
}

/**
 * A raised risk's stream is named by what the risk is about (riskIdFor), so repeats land on it; it
 * reads the supplier it names (a grievance may name none: the decider says whether that is allowed).
 */
const raising = {
  decider: riskDecider,
  needs: { supplier: (data: { supplierId?: string }) => data.supplierId },
  context: (facts: CommandFacts) => ({ supplier: facts.supplier, now: facts.now }),
};
/** Every lifecycle command acts on `risk-<riskId>`, decided at the engine clock's now. */
const onRisk = {
  decider: riskDecider,
  streamId: (data: { riskId: string }) => streams.risk(data.riskId),
  public: true,
  context: ({ now }: CommandFacts) => ({ now }),
};

/** The risk commands' rows of the command table (command-table.ts). */
export const riskCommandRows = {
  FlagNonConflictFree: commandRow({
    businessTime: { rule: 'past-allowed', why: 'records a finding made on the day it was made (it raises its risk then)' },
    closedPeriod: { rule: 'refused', why: 'a risk of the year (risk-<year>-...)' },
    example: { supplierId: 'acme', period: 2024, metal: 'tin', smelterId: 'CID002494', reason: 'non-conformant' },
    ...raising,
    schema: FlagNonConflictFree,
    summary: 'Flag a smelter (or an unidentified one) in a supplier chain as not conflict free: raises a risk',
    public: true,
    streamId: (data) => streams.risk(riskIdFor({ ...data, category: 'non-conflict-free-smelter' })),
    command: typed('FlagNonConflictFree'),
  }),
  /** Engine-issued (findings, grievances, non-response, smelter statuses). */
  RaiseRisk: commandRow({
    businessTime: {
      rule: 'now',
      why: "engine-issued: it happens when its cause happened (or on the engine's clock), never at a time a sender states",
    },
    closedPeriod: {
      rule: 'refused',
      why: 'engine-issued: findings, smelter statuses, grievances and non-responses of a closed year raise nothing',
    },
    ...raising,
    schema: RaiseRisk,
    summary: 'Raise a risk the engine found (findings, grievances, non-response, smelter statuses)',
    public: false,
    streamId: (data) => streams.risk(riskIdFor(data)),
    command: typed('RaiseRisk'),
  }),
  AssessRisk: commandRow({
    businessTime: { rule: 'past-allowed', why: 'risk lifecycle: when the risk was assessed' },
    closedPeriod: { rule: 'refused', why: 'the lifecycle of a risk of the year (its id carries the year)' },
    example: {
      riskId: '2024-0123456789abcdef',
      likelihood: 'likely',
      impact: 'major',
      rationale: 'RMI lists the smelter as non-conformant',
    },
    ...onRisk,
    schema: AssessRisk,
    summary: 'Assess a risk: likelihood (rare..almost-certain or 1-5) and impact (minor..severe or 1-4) give its severity',
    command: typed('AssessRisk'),
  }),
  AssignRiskOwner: commandRow({
    businessTime: { rule: 'past-allowed', why: 'risk lifecycle: when the owner was made answerable' },
    closedPeriod: { rule: 'refused', why: 'the lifecycle of a risk of the year' },
    example: { riskId: '2024-0123456789abcdef', owner: 'maria.keller@example.com' },
    ...onRisk,
    schema: AssignRiskOwner,
    summary: 'Make a person answerable for a risk and its mitigation',
    command: typed('AssignRiskOwner'),
  }),
  DecideMitigation: commandRow({
    businessTime: {
      rule: 'past-allowed',
      why: 'risk lifecycle: when the mitigation was decided; its due dates are judged against that day',
    },
    closedPeriod: { rule: 'refused', why: 'the lifecycle of a risk of the year' },
    example: {
      riskId: '2024-0123456789abcdef',
      strategy: 'continue-trade-during-mitigation',
      plan: 'Ask the supplier to move the tin volume to conformant smelters',
      dueDate: '2025-06-30',
      actions: [{ description: 'Letter to the supplier', dueDate: '2025-04-30' }],
    },
    ...onRisk,
    schema: DecideMitigation,
    summary:
      'Decide how to respond to an assessed risk (continue trade during mitigation, temporarily suspend, disengage), with a due date and dated actions',
    command: typed('DecideMitigation'),
  }),
  RecordMitigationProgress: commandRow({
    businessTime: { rule: 'past-allowed', why: 'risk lifecycle: when the progress was made' },
    closedPeriod: { rule: 'refused', why: 'the lifecycle of a risk of the year' },
    example: { riskId: '2024-0123456789abcdef', note: 'Letter sent', actionIndex: 0, completed: true },
    ...onRisk,
    schema: RecordMitigationProgress,
    summary: "Record progress on a risk's mitigation plan, optionally marking an action (or the whole plan) done",
    command: typed('RecordMitigationProgress'),
  }),
  CloseRisk: commandRow({
    businessTime: { rule: 'past-allowed', why: 'risk lifecycle: when the risk was closed' },
    closedPeriod: { rule: 'refused', why: 'the lifecycle of a risk of the year' },
    example: { riskId: '2024-0123456789abcdef', resolution: 'mitigated', note: 'Supplier confirmed the switch' },
    ...onRisk,
    schema: CloseRisk,
    summary: 'Close a risk: mitigated, accepted, or the supplier moved to conflict-free sources',
    command: typed('CloseRisk'),
  }),
  /** Engine-issued (smelter-status process manager). */
  CloseRiskAutomatically: commandRow({
    businessTime: {
      rule: 'now',
      why: "engine-issued: it happens when its cause happened (or on the engine's clock), never at a time a sender states",
    },
    closedPeriod: { rule: 'refused', why: 'engine-issued: a status change or a list withdrawal closes nothing in a closed year' },
    ...onRisk,
    schema: CloseRiskAutomatically,
    summary: "Close a risk whose cause went away (the smelter's RMAP status changed back)",
    public: false,
    command: typed('CloseRiskAutomatically'),
  }),
  /** Engine-issued (overdue-mitigation process manager). */
  EscalateOverdueMitigation: commandRow({
    businessTime: {
      rule: 'now',
      why: "engine-issued: it happens when its cause happened (or on the engine's clock), never at a time a sender states",
    },
    closedPeriod: { rule: 'refused', why: 'engine-issued: the escalation scan skips risks of closed years' },
    ...onRisk,
    schema: EscalateOverdueMitigation,
    summary: 'Escalate a mitigation plan or action past its due date',
    public: false,
    command: typed('EscalateOverdueMitigation'),
  }),
};
