import { DeciderSpecification } from '../shared/decider-specification';
import type { SupplierState } from '../supplier/supplier.decider';
import type { FlagNonConflictFree } from './flag-non-conflict-free.command';
import type { RaiseRisk } from './raise-risk.command';
import { riskIdFor } from './risk-id';
import { riskDecider, type RiskContext } from './risk.decider';
import { severityOf } from './risk-matrix';
import type { RiskEvent } from './risk.events';

const spec = DeciderSpecification.for(riskDecider);

const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };
const NOW = '2025-04-01T09:00:00.000Z';
const known: RiskContext = { supplier: acme, now: NOW };
const unknown: RiskContext = { supplier: { status: 'unknown' }, now: NOW };

const flag: FlagNonConflictFree = {
  supplierId: 'acme',
  period: 2024,
  metal: 'tin',
  smelterId: 'CID001105',
  reason: 'RMI lists the smelter as non-conformant',
  evidence: 'RMI notice 2024-07',
};
const flagRiskId = riskIdFor({
  period: 2024,
  supplierId: 'acme',
  category: 'non-conflict-free-smelter',
  metal: 'tin',
  smelterId: 'CID001105',
});
const flagged: RiskEvent = {
  type: 'RiskRaised',
  data: {
    riskId: flagRiskId,
    supplierId: 'acme',
    period: 2024,
    metal: 'tin',
    smelterId: 'CID001105',
    category: 'non-conflict-free-smelter',
    severity: 'high',
    reason: 'RMI lists the smelter as non-conformant',
    evidence: 'RMI notice 2024-07',
    source: { kind: 'flag' },
  },
};

const raise: RaiseRisk = {
  supplierId: 'acme',
  period: 2024,
  metal: 'gold',
  category: 'covered-country-sourcing',
  severity: 'high',
  reason: 'gold sourced from CD',
  source: { kind: 'response-finding', eventId: 'evt-1', ruleIds: ['review.covered-country-sourcing'] },
};
const raised: RiskEvent = {
  type: 'RiskRaised',
  data: { riskId: riskIdFor({ period: 2024, supplierId: 'acme', category: 'covered-country-sourcing', metal: 'gold' }), ...raise },
};

describe('FlagNonConflictFree', () => {
  it('raises a high-severity non-conflict-free-smelter risk identified by what it is about', () => {
    spec.given([]).when({ type: 'FlagNonConflictFree', data: flag }, known).then([flagged]);
  });

  it('raises a risk for a smelter the supplier could not name', () => {
    const { smelterId: _omitted, ...withoutSmelter } = flag;
    spec
      .given([])
      .when({ type: 'FlagNonConflictFree', data: withoutSmelter }, known)
      .then(([event, ...rest]) => {
        expect(rest).toEqual([]);
        expect(event?.data).toMatchObject({ category: 'non-conflict-free-smelter', severity: 'high', smelterId: undefined });
        expect(event?.data.riskId).toBe(
          riskIdFor({ period: 2024, supplierId: 'acme', category: 'non-conflict-free-smelter', metal: 'tin' }),
        );
      });
  });

  it('is refused for an unknown supplier', () => {
    spec.given([]).when({ type: 'FlagNonConflictFree', data: flag }, unknown).thenRefused('supplier-unknown', 'acme');
  });

  it('is refused while the same risk is open', () => {
    spec.given([flagged]).when({ type: 'FlagNonConflictFree', data: flag }, known).thenRefused('risk-already-open', flagRiskId);
  });
});

describe('RaiseRisk', () => {
  it('raises the risk once', () => {
    spec.given([]).when({ type: 'RaiseRisk', data: raise }, known).then([raised]);
  });

  it('is a no-op when the risk is already open (a resubmission with the same red flag)', () => {
    spec.given([raised]).when({ type: 'RaiseRisk', data: raise }, known).thenNothing();
  });

  it('is refused for an unknown supplier', () => {
    spec.given([]).when({ type: 'RaiseRisk', data: raise }, unknown).thenRefused('supplier-unknown');
  });
});

describe('RaiseRisk while open, with a higher severity: the risk rises by itself', () => {
  const riskId = riskIdFor({ period: 2024, supplierId: 'acme', category: 'covered-country-sourcing', metal: 'gold' });
  const monitored: RiskEvent = { type: 'RiskRaised', data: { riskId, ...raise, severity: 'low', reason: 'Low, monitored: ...' } };
  const rise: RaiseRisk = {
    ...raise,
    reason: 'CID000015 is non-conformant on the status list as of 2025-04-01',
    source: {
      kind: 'smelter-status',
      eventId: 'list-2',
      rmapStatus: 'non-conformant',
      statusListAsOf: '2025-04-01',
      referenceListAsOf: null,
    },
  };
  const rose: RiskEvent = {
    type: 'RiskSeverityRaised',
    data: { riskId, from: 'low', severity: 'high', reason: rise.reason, source: rise.source },
  };

  it('given a low monitored risk, when raised high, then it rises from low to high', () => {
    spec.given([monitored]).when({ type: 'RaiseRisk', data: rise }, known).then([rose]);
  });

  it('given it already rose, when raised high again, then nothing', () => {
    spec.given([monitored, rose]).when({ type: 'RaiseRisk', data: rise }, known).thenNothing();
  });

  it('given a person assessed a high risk low, when the same red flag is raised again at its default severity, then nothing: the assessment stands', () => {
    const assessed: RiskEvent = {
      type: 'RiskAssessed',
      data: { riskId, likelihood: 'rare', impact: 'minor', severity: 'low', rationale: 'one shipment, audited smelter' },
    };
    spec.given([raised, assessed]).when({ type: 'RaiseRisk', data: raise }, known).thenNothing();
  });

  it('given a low monitored risk assessed medium, when the facts make it high, then it rises from the severity it was raised with', () => {
    const assessed: RiskEvent = {
      type: 'RiskAssessed',
      data: { riskId, likelihood: 'possible', impact: 'moderate', severity: severityOf('possible', 'moderate'), rationale: 'watch it' },
    };
    spec.given([monitored, assessed]).when({ type: 'RaiseRisk', data: rise }, known).then([rose]);
  });
});

describe('riskIdFor', () => {
  const key = { period: 2024, supplierId: 'acme', category: 'non-conflict-free-smelter', metal: 'tin', smelterId: 'CID001105' } as const;

  it('is stable for the same red flag and scoped by period', () => {
    expect(riskIdFor(key)).toBe(riskIdFor({ ...key }));
    expect(riskIdFor(key)).toMatch(/^2024-[0-9a-f]{16}$/);
  });

  it('differs by smelter, metal, category, supplier and period', () => {
    const ids = [
      riskIdFor(key),
      riskIdFor({ ...key, smelterId: 'CID002494' }),
      riskIdFor({ ...key, smelterId: undefined }),
      riskIdFor({ ...key, metal: 'gold' }),
      riskIdFor({ ...key, metal: undefined }),
      riskIdFor({ ...key, category: 'covered-country-sourcing' }),
      riskIdFor({ ...key, supplierId: 'globex' }),
      riskIdFor({ ...key, period: 2025 }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

/* The lifecycle (OECD step 3): assess, own, mitigate, track, escalate, close; reopen when raised again. */

const riskId = raised.data.riskId;
const at: RiskContext = { now: NOW };
const assessed: RiskEvent = {
  type: 'RiskAssessed',
  data: { riskId, likelihood: 'likely', impact: 'major', severity: 'high', rationale: 'confirmed by the supplier' },
};
const owned: RiskEvent = { type: 'RiskOwnerAssigned', data: { riskId, owner: 'maria' } };
const decided: RiskEvent = {
  type: 'MitigationDecided',
  data: {
    riskId,
    revision: 1,
    strategy: 'continue-trade-during-mitigation',
    plan: 'Move the gold volume to conformant refiners',
    dueDate: '2025-06-30',
    actions: [
      { description: 'Letter to the supplier', dueDate: '2025-04-30' },
      { description: 'Supplier confirms new refiners', dueDate: '2025-06-15' },
    ],
  },
};
const closedByPerson: RiskEvent = {
  type: 'RiskClosed',
  data: { riskId, resolution: 'moved-to-conflict-free-sources', note: 'new refiners confirmed' },
};
const statusSource = {
  kind: 'smelter-status',
  eventId: 'evt-status-2',
  rmapStatus: 'conformant',
  statusListAsOf: '2025-05-01',
  referenceListAsOf: '2025-03-05',
} as const;

describe('commands on a risk that does not exist or is closed', () => {
  const commands = [
    { type: 'AssessRisk', data: { riskId, likelihood: 'possible', impact: 'minor', rationale: 'x' } },
    { type: 'AssignRiskOwner', data: { riskId, owner: 'maria' } },
    { type: 'DecideMitigation', data: { riskId, strategy: 'disengage', plan: 'x', dueDate: '2025-06-30' } },
    { type: 'RecordMitigationProgress', data: { riskId, note: 'x' } },
    { type: 'CloseRisk', data: { riskId, resolution: 'moved-to-conflict-free-sources', note: 'x' } },
    { type: 'EscalateOverdueMitigation', data: { riskId, revision: 1 } },
  ] as const;

  it.each(commands)('$type is refused for an unknown risk', (command) => {
    spec.given([]).when(command, at).thenRefused('risk-unknown', riskId);
  });

  it.each(commands)('$type is refused for a closed risk', (command) => {
    spec
      .given([raised, assessed, decided, closedByPerson])
      .when(command, at)
      .thenRefused('risk-closed', /closed \(moved-to-conflict-free-sources\)/);
  });

  it("the engine's close of a risk a person already closed adds nothing", () => {
    spec
      .given([raised, closedByPerson])
      .when({ type: 'CloseRiskAutomatically', data: { riskId, reason: 'conformant', source: statusSource } }, at)
      .thenNothing();
  });
});

describe('AssessRisk', () => {
  it('derives the severity from the likelihood x impact matrix', () => {
    spec
      .given([raised])
      .when({ type: 'AssessRisk', data: { riskId, likelihood: 'rare', impact: 'severe', rationale: 'one shipment' } }, at)
      .then([
        { type: 'RiskAssessed', data: { riskId, likelihood: 'rare', impact: 'severe', severity: 'medium', rationale: 'one shipment' } },
      ]);
  });

  it('may be repeated: a reassessment replaces the severity', () => {
    spec
      .given([raised, assessed, decided])
      .when({ type: 'AssessRisk', data: { riskId, likelihood: 'unlikely', impact: 'minor', rationale: 'volume moved' } }, at)
      .then([
        { type: 'RiskAssessed', data: { riskId, likelihood: 'unlikely', impact: 'minor', severity: 'low', rationale: 'volume moved' } },
      ]);
  });
});

describe('AssignRiskOwner', () => {
  it('assigns an owner, and names the previous one when the risk changes hands', () => {
    spec
      .given([raised])
      .when({ type: 'AssignRiskOwner', data: { riskId, owner: 'maria' } }, at)
      .then([owned]);
    spec
      .given([raised, owned])
      .when({ type: 'AssignRiskOwner', data: { riskId, owner: 'jonas' } }, at)
      .then([{ type: 'RiskOwnerAssigned', data: { riskId, owner: 'jonas', previousOwner: 'maria' } }]);
  });

  it('keeps the note saying why, when one is given', () => {
    spec
      .given([raised])
      .when({ type: 'AssignRiskOwner', data: { riskId, owner: 'maria', note: 'Owns the tin suppliers' } }, at)
      .then([{ type: 'RiskOwnerAssigned', data: { riskId, owner: 'maria', note: 'Owns the tin suppliers' } }]);
  });

  it('is a no-op for the current owner', () => {
    spec
      .given([raised, owned])
      .when({ type: 'AssignRiskOwner', data: { riskId, owner: 'maria' } }, at)
      .thenNothing();
  });
});

describe('DecideMitigation', () => {
  const decide = {
    riskId,
    strategy: 'continue-trade-during-mitigation',
    plan: 'Move the gold volume to conformant refiners',
    dueDate: '2025-06-30',
    actions: decided.data.actions,
  } as const;

  it('decides a plan (revision 1) for an assessed risk', () => {
    spec.given([raised, assessed]).when({ type: 'DecideMitigation', data: decide }, at).then([decided]);
  });

  it('is refused before the risk is assessed (assess, then respond)', () => {
    spec.given([raised]).when({ type: 'DecideMitigation', data: decide }, at).thenRefused('risk-not-assessed');
  });

  it('revises the plan as revision 2', () => {
    spec
      .given([raised, assessed, decided])
      .when(
        { type: 'DecideMitigation', data: { riskId, strategy: 'temporarily-suspend', plan: 'Suspend orders', dueDate: '2025-09-30' } },
        at,
      )
      .then([
        {
          type: 'MitigationDecided',
          data: { riskId, revision: 2, strategy: 'temporarily-suspend', plan: 'Suspend orders', dueDate: '2025-09-30', actions: [] },
        },
      ]);
  });

  it('accepts a due date of today and refuses one in the past, for the plan and for its actions', () => {
    spec
      .given([raised, assessed])
      .when({ type: 'DecideMitigation', data: { ...decide, dueDate: '2025-04-01', actions: [] } }, at)
      .then((events) => expect(events).toHaveLength(1));
    spec
      .given([raised, assessed])
      .when({ type: 'DecideMitigation', data: { ...decide, dueDate: '2025-03-31' } }, at)
      .thenRefused('due-date-in-past', '2025-03-31');
    spec
      .given([raised, assessed])
      .when({ type: 'DecideMitigation', data: { ...decide, actions: [{ description: 'late', dueDate: '2025-03-01' }] } }, at)
      .thenRefused('due-date-in-past', /action 0/);
  });

  it('refuses an action due after the plan', () => {
    spec
      .given([raised, assessed])
      .when({ type: 'DecideMitigation', data: { ...decide, actions: [{ description: 'audit', dueDate: '2025-07-31' }] } }, at)
      .thenRefused('action-due-after-plan');
  });
});

describe('RecordMitigationProgress', () => {
  it('records a note, and marks an action done', () => {
    spec
      .given([raised, assessed, decided])
      .when({ type: 'RecordMitigationProgress', data: { riskId, note: 'letter sent', actionIndex: 0, completed: true } }, at)
      .then([{ type: 'MitigationProgressRecorded', data: { riskId, revision: 1, note: 'letter sent', actionIndex: 0, completed: true } }]);
  });

  it('is refused without a plan, or for an action the plan does not have', () => {
    spec
      .given([raised, assessed])
      .when({ type: 'RecordMitigationProgress', data: { riskId, note: 'x' } }, at)
      .thenRefused('mitigation-not-decided');
    spec
      .given([raised, assessed, decided])
      .when({ type: 'RecordMitigationProgress', data: { riskId, note: 'x', actionIndex: 2 } }, at)
      .thenRefused('mitigation-action-unknown', /2 action\(s\)/);
  });
});

describe('EscalateOverdueMitigation', () => {
  const may = { now: '2025-05-01T00:00:00.000Z' };
  const july = { now: '2025-07-01T00:00:00.000Z' };

  it('escalates an overdue action to the risk owner', () => {
    spec
      .given([raised, assessed, owned, decided])
      .when({ type: 'EscalateOverdueMitigation', data: { riskId, revision: 1, actionIndex: 0 } }, may)
      .then([
        {
          type: 'RiskEscalated',
          data: {
            riskId,
            revision: 1,
            actionIndex: 0,
            dueDate: '2025-04-30',
            escalatedTo: 'maria',
            reason: 'Action 0 "Letter to the supplier" was due 2025-04-30 and is not done (2025-05-01)',
          },
        },
      ]);
  });

  it('escalates an overdue action to senior management when nobody owns the risk, and an overdue plan always', () => {
    spec
      .given([raised, assessed, decided])
      .when({ type: 'EscalateOverdueMitigation', data: { riskId, revision: 1, actionIndex: 0 } }, may)
      .then(([event]) => expect(event.data).toMatchObject({ escalatedTo: 'senior-management' }));
    spec
      .given([raised, assessed, owned, decided])
      .when({ type: 'EscalateOverdueMitigation', data: { riskId, revision: 1 } }, july)
      .then(([event]) => expect(event.data).toMatchObject({ dueDate: '2025-06-30', escalatedTo: 'senior-management' }));
  });

  it('is refused on or before the due date', () => {
    spec
      .given([raised, assessed, decided])
      .when({ type: 'EscalateOverdueMitigation', data: { riskId, revision: 1, actionIndex: 0 } }, { now: '2025-04-30T23:59:59.000Z' })
      .thenRefused('not-overdue');
  });

  it('escalates once per plan revision and target, and not a done action or a revised plan', () => {
    const escalated: RiskEvent = {
      type: 'RiskEscalated',
      data: { riskId, revision: 1, actionIndex: 0, dueDate: '2025-04-30', escalatedTo: 'maria', reason: 'x' },
    };
    spec
      .given([raised, assessed, decided, escalated])
      .when({ type: 'EscalateOverdueMitigation', data: { riskId, revision: 1, actionIndex: 0 } }, may)
      .thenNothing();
    const done: RiskEvent = {
      type: 'MitigationProgressRecorded',
      data: { riskId, revision: 1, note: 'sent', actionIndex: 0, completed: true },
    };
    spec
      .given([raised, assessed, decided, done])
      .when({ type: 'EscalateOverdueMitigation', data: { riskId, revision: 1, actionIndex: 0 } }, may)
      .thenNothing();
    const revised: RiskEvent = {
      type: 'MitigationDecided',
      data: {
        ...(decided.data as { revision: number }),
        riskId,
        revision: 2,
        strategy: 'disengage',
        plan: 'stop',
        dueDate: '2025-08-31',
        actions: [],
      },
    };
    spec
      .given([raised, assessed, decided, revised])
      .when({ type: 'EscalateOverdueMitigation', data: { riskId, revision: 1, actionIndex: 0 } }, may)
      .thenNothing();
  });
});

describe('CloseRisk', () => {
  it('closes a risk with the resolution and note', () => {
    spec
      .given([raised])
      .when({ type: 'CloseRisk', data: { riskId, resolution: 'moved-to-conflict-free-sources', note: 'new refiners confirmed' } }, at)
      .then([closedByPerson]);
  });

  it('closes as mitigated only with a plan, and as accepted only after an assessment', () => {
    spec
      .given([raised, assessed])
      .when({ type: 'CloseRisk', data: { riskId, resolution: 'mitigated', note: 'x' } }, at)
      .thenRefused('mitigation-not-decided');
    spec
      .given([raised])
      .when({ type: 'CloseRisk', data: { riskId, resolution: 'accepted', note: 'x' } }, at)
      .thenRefused('risk-not-assessed');
    spec
      .given([raised, assessed, decided])
      .when({ type: 'CloseRisk', data: { riskId, resolution: 'mitigated', note: 'done' } }, at)
      .then([{ type: 'RiskClosed', data: { riskId, resolution: 'mitigated', note: 'done' } }]);
    spec
      .given([raised, assessed])
      .when({ type: 'CloseRisk', data: { riskId, resolution: 'accepted', note: 'low volume' } }, at)
      .then([{ type: 'RiskClosed', data: { riskId, resolution: 'accepted', note: 'low volume' } }]);
  });
});

describe('CloseRiskAutomatically', () => {
  it('closes an open risk as resolved by a status change, citing what changed', () => {
    spec
      .given([raised, assessed, owned, decided])
      .when({ type: 'CloseRiskAutomatically', data: { riskId, reason: 'now conformant', source: statusSource } }, at)
      .then([
        { type: 'RiskClosed', data: { riskId, resolution: 'resolved-by-status-change', note: 'now conformant', source: statusSource } },
      ]);
  });

  it('closes an open risk as resolved by the withdrawal of the list that raised it', () => {
    spec
      .given([raised, assessed])
      .when(
        {
          type: 'CloseRiskAutomatically',
          data: { riskId, reason: 'the list was withdrawn', source: statusSource, resolution: 'resolved-by-list-withdrawal' },
        },
        at,
      )
      .then([
        {
          type: 'RiskClosed',
          data: { riskId, resolution: 'resolved-by-list-withdrawal', note: 'the list was withdrawn', source: statusSource },
        },
      ]);
  });
});

describe('raising a closed risk again', () => {
  it('RaiseRisk reopens it (the same entry, not a twin) with the new reason and source', () => {
    const again: RaiseRisk = {
      ...raise,
      reason: 'still sourced from CD',
      source: { kind: 'response-finding', eventId: 'evt-9', ruleIds: ['review.covered-country-sourcing'] },
    };
    spec
      .given([raised, assessed, decided, closedByPerson])
      .when({ type: 'RaiseRisk', data: again }, known)
      .then([{ type: 'RiskReopened', data: { riskId, severity: 'high', reason: 'still sourced from CD', source: again.source } }]);
  });

  it('FlagNonConflictFree reopens a closed flag', () => {
    const closedFlag: RiskEvent = {
      type: 'RiskClosed',
      data: { riskId: flagRiskId, resolution: 'moved-to-conflict-free-sources', note: 'x' },
    };
    spec
      .given([flagged, closedFlag])
      .when({ type: 'FlagNonConflictFree', data: flag }, known)
      .then([
        {
          type: 'RiskReopened',
          data: { riskId: flagRiskId, severity: 'high', reason: flag.reason, evidence: flag.evidence, source: { kind: 'flag' } },
        },
      ]);
  });

  it('a reopened risk needs a new assessment before a new plan, and keeps its owner', () => {
    const reopened: RiskEvent = { type: 'RiskReopened', data: { riskId, severity: 'high', reason: 'again', source: { kind: 'flag' } } };
    spec
      .given([raised, assessed, owned, decided, closedByPerson, reopened])
      .when({ type: 'DecideMitigation', data: { riskId, strategy: 'disengage', plan: 'x', dueDate: '2025-06-30' } }, at)
      .thenRefused('risk-not-assessed');
    spec
      .given([raised, owned, closedByPerson, reopened])
      .when({ type: 'AssignRiskOwner', data: { riskId, owner: 'maria' } }, at)
      .thenNothing();
  });

  it('a revised plan after reopening continues the revision count, so escalations of the old plan stay apart', () => {
    const reopened: RiskEvent = { type: 'RiskReopened', data: { riskId, severity: 'high', reason: 'again', source: { kind: 'flag' } } };
    spec
      .given([raised, assessed, decided, closedByPerson, reopened, assessed])
      .when({ type: 'DecideMitigation', data: { riskId, strategy: 'disengage', plan: 'stop', dueDate: '2025-06-30' } }, at)
      .then(([event]) => expect(event.data).toMatchObject({ revision: 2 }));
  });
});

describe('the severity matrix', () => {
  it('is never low for a severe impact or an almost-certain risk, and high only from likely x major or unlikely x severe up', () => {
    expect(severityOf('rare', 'severe')).toBe('medium');
    expect(severityOf('almost-certain', 'minor')).toBe('medium');
    expect(severityOf('unlikely', 'severe')).toBe('high');
    expect(severityOf('likely', 'major')).toBe('high');
    expect(severityOf('possible', 'major')).toBe('medium');
    expect(severityOf('rare', 'minor')).toBe('low');
    const all = (['rare', 'unlikely', 'possible', 'likely', 'almost-certain'] as const).flatMap((l) =>
      (['minor', 'moderate', 'major', 'severe'] as const).map((i) => severityOf(l, i)),
    );
    expect(all.filter((s) => s === 'high')).toHaveLength(7);
    expect(all.filter((s) => s === 'medium')).toHaveLength(7);
    expect(all.filter((s) => s === 'low')).toHaveLength(6);
  });
});
