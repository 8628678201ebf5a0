import type { z } from 'zod';
import { formatFieldPath, textLeaves } from './shared/text-leaves.fixture';
import { isPublicCommandName, PUBLIC_COMMAND_NAMES, publicCommands, type PublicCommandName } from './command-catalogue';
import { commandTable } from './command-table';

/** The well-formed example of each public command, from its row; each case below breaks exactly one thing in it. */
const valid = Object.fromEntries(
  Object.entries(commandTable)
    .filter(([name]) => isPublicCommandName(name))
    .map(([name, row]) => [name, row.example ?? {}]),
) as Record<PublicCommandName, Record<string, unknown>>;

type Path = (string | number)[];

function issuesOf(name: PublicCommandName, change: Record<string, unknown>): z.core.$ZodIssue[] {
  const result = (publicCommands[name].schema as z.ZodType).safeParse({ ...valid[name], ...change });
  if (result.success) throw new Error(`${name} accepted ${JSON.stringify(change)}`);
  return result.error.issues;
}

/** The schema refuses the change and names the offending field, so the API can point at it. */
function expectRejected(name: PublicCommandName, change: Record<string, unknown>, path: Path, code?: string) {
  expect(issuesOf(name, change)).toContainEqual(expect.objectContaining(code ? { path, code } : { path }));
}

describe('public command catalogue', () => {
  it('lists the commands people may post, not those the engine issues to itself', () => {
    // Every public row comes with a well-formed example for the cases below.
    expect(PUBLIC_COMMAND_NAMES.filter((name) => commandTable[name].example === undefined)).toEqual([]);
    expect(PUBLIC_COMMAND_NAMES).toEqual(expect.arrayContaining(['RegisterSupplier', 'RecordResponse', 'CloseRisk']));
    expect(isPublicCommandName('RaiseRisk')).toBe(false);
    expect(isPublicCommandName('CloseRiskAutomatically')).toBe(false);
    expect(isPublicCommandName('EscalateOverdueMitigation')).toBe(false);
    expect(isPublicCommandName('toString')).toBe(false);
  });
});

// A grievance may name no supplier, so it is left out of the required-supplierId checks.
const SUPPLIER_COMMANDS = PUBLIC_COMMAND_NAMES.filter((name) => 'supplierId' in valid[name] && name !== 'RecordGrievance');

describe.each(PUBLIC_COMMAND_NAMES)('%s schema', (name) => {
  it('accepts the well-formed example', () => {
    expect(publicCommands[name].schema.safeParse(valid[name]).success).toBe(true);
  });

  it('rejects an unknown field and names it', () => {
    const issues = issuesOf(name, { priority: 'urgent' });
    expect(issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: ['priority'], path: [] }));
  });
});

describe.each(SUPPLIER_COMMANDS)('%s schema', (name) => {
  it('rejects a supplierId of the wrong type or shape', () => {
    expectRejected(name, { supplierId: 42 }, ['supplierId'], 'invalid_type');
    expectRejected(name, { supplierId: '../acme' }, ['supplierId']);
    expectRejected(name, { supplierId: undefined }, ['supplierId'], 'invalid_type');
  });
});

describe.each(PUBLIC_COMMAND_NAMES.filter((name) => 'period' in valid[name]))('%s schema', (name) => {
  it('rejects a period that is not a calendar year', () => {
    expectRejected(name, { period: '2024' }, ['period'], 'invalid_type');
    expectRejected(name, { period: 2024.5 }, ['period']);
    expectRejected(name, { period: 2009 }, ['period'], 'too_small');
  });
});

describe('RegisterSupplier schema', () => {
  it.each(['XX', 'cn', 'Cn', '', 'CHN', 'C', 'ZZ', 'UK', 'EU', 'SU'])('rejects the country code %j', (country) => {
    expectRejected('RegisterSupplier', { country }, ['country']);
  });

  it('rejects a tier other than direct or indirect, and a blank name', () => {
    expectRejected('RegisterSupplier', { tier: 'tier-3' }, ['tier'], 'invalid_value');
    expectRejected('RegisterSupplier', { name: '   ' }, ['name'], 'too_small');
    expectRejected('RegisterSupplier', { parentSupplierId: 7 }, ['parentSupplierId'], 'invalid_type');
  });
});

describe('SendCMRT schema', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '31/03/2025', '2025-03-31T00:00:00Z'])('rejects the due date %j', (dueDate) => {
    expectRejected('SendCMRT', { dueDate }, ['dueDate']);
  });

  it('accepts a leap day', () => {
    expect(publicCommands.SendCMRT.schema.safeParse({ ...valid.SendCMRT, dueDate: '2024-02-29' }).success).toBe(true);
  });

  it('rejects a template version that is not a CMRT revision', () => {
    expectRejected('SendCMRT', { templateVersion: 6.5 }, ['templateVersion'], 'invalid_type');
    expectRejected('SendCMRT', { templateVersion: 'Revision 6.5' }, ['templateVersion']);
  });
});

describe('RecordResponse schema', () => {
  it.each(['2024-02-30T10:00:00Z', '2025-03-01T10:00:00', '2025-03-01', 'yesterday'])('rejects receivedAt %j', (receivedAt) => {
    expectRejected('RecordResponse', { receivedAt }, ['receivedAt']);
  });

  it('rejects an unknown field inside the declaration and names where it is', () => {
    const declaration = { company: { name: 'Acme', vatNumber: 'DE123' } };
    expect(issuesOf('RecordResponse', { declaration })).toContainEqual(
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['vatNumber'], path: ['declaration', 'company'] }),
    );
  });

  it('reports the full path of a wrongly typed answer deep in the declaration', () => {
    expectRejected(
      'RecordResponse',
      { declaration: { minerals: { tin: { q1: { answer: true } } } } },
      ['declaration', 'minerals', 'tin', 'q1', 'answer'],
      'invalid_type',
    );
    expectRejected(
      'RecordResponse',
      { declaration: { smelters: [{}, { metal: 'iron' }] } },
      ['declaration', 'smelters', 1, 'metal'],
      'invalid_value',
    );
    expectRejected('RecordResponse', { declaration: 'all yes' }, ['declaration'], 'invalid_type');
  });
});

describe('FlagNonConflictFree schema', () => {
  it.each(['CID12', 'cid002494', 'CID0024940', 'CID-002494', '002494'])('rejects the smelter id %j', (smelterId) => {
    expectRejected('FlagNonConflictFree', { smelterId }, ['smelterId']);
  });

  it('rejects a metal outside 3TG and a blank reason', () => {
    expectRejected('FlagNonConflictFree', { metal: 'cobalt' }, ['metal'], 'invalid_value');
    expectRejected('FlagNonConflictFree', { reason: ' ' }, ['reason'], 'too_small');
  });

  it('accepts a flag without a smelter id (the supplier could not name it)', () => {
    const { smelterId: _omitted, ...flag } = valid.FlagNonConflictFree;
    expect(publicCommands.FlagNonConflictFree.schema.safeParse(flag).success).toBe(true);
  });
});

describe('AssessRisk schema', () => {
  it('takes likelihood and impact by name or by score, and gives the names', () => {
    expect(publicCommands.AssessRisk.schema.parse({ ...valid.AssessRisk, likelihood: 4, impact: 3 })).toMatchObject({
      likelihood: 'likely',
      impact: 'major',
    });
    expect(publicCommands.AssessRisk.schema.parse({ ...valid.AssessRisk, likelihood: 1, impact: 4 })).toMatchObject({
      likelihood: 'rare',
      impact: 'severe',
    });
  });

  it.each([0, 6, 2.5, 'probable', 'LIKELY'])('rejects the likelihood %j', (likelihood) => {
    expectRejected('AssessRisk', { likelihood }, ['likelihood']);
  });

  it.each([0, 5, 'catastrophic'])('rejects the impact %j', (impact) => {
    expectRejected('AssessRisk', { impact }, ['impact']);
  });

  it('rejects a blank rationale and a risk id that cannot name a stream', () => {
    expectRejected('AssessRisk', { rationale: '  ' }, ['rationale'], 'too_small');
    expectRejected('AssessRisk', { riskId: '../risk' }, ['riskId']);
  });
});

describe('DecideMitigation schema', () => {
  it('rejects a strategy the OECD guidance does not name', () => {
    expectRejected('DecideMitigation', { strategy: 'ignore' }, ['strategy'], 'invalid_value');
  });

  it('rejects bad due dates on the plan and its actions', () => {
    expectRejected('DecideMitigation', { dueDate: '2025-02-30' }, ['dueDate']);
    expectRejected('DecideMitigation', { actions: [{ description: 'x', dueDate: 'soon' }] }, ['actions', 0, 'dueDate']);
    expectRejected(
      'DecideMitigation',
      { actions: [{ description: ' ', dueDate: '2025-04-30' }] },
      ['actions', 0, 'description'],
      'too_small',
    );
  });

  it('accepts a plan without actions', () => {
    const { actions: _omitted, ...plan } = valid.DecideMitigation;
    expect(publicCommands.DecideMitigation.schema.safeParse(plan).success).toBe(true);
  });
});

describe('RecordMitigationProgress and CloseRisk schemas', () => {
  it('rejects a negative action index and a completed flag that is not a boolean', () => {
    expectRejected('RecordMitigationProgress', { actionIndex: -1 }, ['actionIndex'], 'too_small');
    expectRejected('RecordMitigationProgress', { completed: 'yes' }, ['completed'], 'invalid_type');
  });

  it("does not let a person close a risk as the engine's status change", () => {
    expectRejected('CloseRisk', { resolution: 'resolved-by-status-change' }, ['resolution'], 'invalid_value');
    expectRejected('CloseRisk', { note: '' }, ['note'], 'too_small');
  });
});

describe('LaunchCampaign schema', () => {
  it('takes an empty selection as "all active suppliers"', () => {
    expect(publicCommands.LaunchCampaign.schema.parse({ campaignId: 'c-1', period: 2024 })).toEqual({
      campaignId: 'c-1',
      period: 2024,
      selection: {},
    });
  });

  it('rejects an unknown tier, an unknown selection criterion and a campaign id that cannot name a stream', () => {
    expectRejected('LaunchCampaign', { selection: { tier: 'tier-3' } }, ['selection', 'tier'], 'invalid_value');
    expect(issuesOf('LaunchCampaign', { selection: { country: 'CN' } })).toContainEqual(
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['country'], path: ['selection'] }),
    );
    expectRejected('LaunchCampaign', { campaignId: '../c' }, ['campaignId']);
    expectRejected('LaunchCampaign', { dueDate: '2025-02-30' }, ['dueDate']);
  });
});

describe('free text in every command', () => {
  // What a supplier wrote in its CMRT is its content, not our command's text: sanitised and flagged as a finding instead.
  const SUPPLIER_CONTENT = /^declaration\./;
  const leaves = PUBLIC_COMMAND_NAMES.flatMap((name) =>
    textLeaves(publicCommands[name].schema as z.ZodType)
      .filter((leaf) => !SUPPLIER_CONTENT.test(formatFieldPath(leaf.path)))
      .map((leaf) => [`${name}.${formatFieldPath(leaf.path)}`, leaf.schema] as const),
  );

  it('finds the text fields to check', () => {
    expect(leaves.map(([path]) => path)).toEqual(
      expect.arrayContaining(['RegisterSupplier.name', 'AddSupplierContact.name', 'AssessRisk.rationale', 'ReopenPeriod.reason']),
    );
  });

  it.each(leaves)('%s refuses NUL, ESC and the right-to-left override', (_path, schema) => {
    for (const text of ['Acme\u0000', '\u001b[2J', 'Acme \u202Egnp.exe']) expect(schema.safeParse(text).success).toBe(false);
  });

  it('names the path of the offending text, also deep in arrays', () => {
    expectRejected('RegisterSupplier', { name: 'Acme\u202E GmbH' }, ['name'], 'custom');
    expectRejected(
      'AssignTeam',
      {
        members: [
          { name: 'Kim', role: 'lead' },
          { name: 'Lee\u0000', role: 'x' },
        ],
      },
      ['members', 1, 'name'],
      'custom',
    );
    expectRejected('RequestFollowUp', { findings: ['fine', 'bell\u0007'] }, ['findings', 1], 'custom');
    expectRejected(
      'ImportRmapStatusList',
      { entries: [{ metal: 'tin', smelterId: 'CID002309', status: 'conformant', name: 'Fenix\u001b' }] },
      ['entries', 0, 'name'],
      'custom',
    );
  });

  it('keeps line feeds and tabs in multi-line text, not in names', () => {
    expect(
      publicCommands.DecideMitigation.schema.safeParse({ ...valid.DecideMitigation, plan: 'Step 1:\n\tletter\r\nStep 2' }).success,
    ).toBe(true);
    expectRejected('RegisterSupplier', { name: 'Acme\nGmbH' }, ['name'], 'custom');
  });
});
