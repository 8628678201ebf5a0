import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { publicCommands, type PublicCommandName } from '@dd/domain';
import {
  campaignFiguresRead,
  CommandDispatcher,
  oecdStatusRead,
  productConclusionsRead,
  ReadQueries,
  riskRegisterRead,
  ReadSide,
  ReminderSchedulerProcessManager,
  type CommandResult,
  type SettableClock,
} from '@dd/engine';
import type { OecdPeriodStatus, PeriodCampaignFigures, ProductConclusionSummary, RiskEntry } from '@dd/projections';
import {
  DEMO_PRODUCTS,
  DEMO_SMELTERS,
  demoReferenceRows,
  demoSuppliers,
  INCOMPLETE_FIRST,
  NON_CONFORMANT_SMELTER,
  NON_RESPONDERS,
  PRODUCT_LEVEL,
  SAMPLE,
  type DemoSupplier,
} from './demo-data';
import { demoAnswerFor, demoDeclaration } from './demo-declarations';

export const DEMO_ACTOR = 'demo-seed';

export interface DemoYearSummary {
  period: number;
  suppliers: { direct: number; indirect: number };
  products: number;
  campaign: PeriodCampaignFigures;
  oecd: OecdPeriodStatus;
  conclusions: ProductConclusionSummary;
  risks: RiskEntry[];
}

/** The year's dates: the survey of reporting year P runs in the first months of P+1, before the Form SD deadline. */
function calendar(period: number) {
  const y = period + 1;
  const day = (monthDay: string, time = '09:00') => `${y}-${monthDay}T${time}:00.000Z`;
  return {
    setUp: day('01-06'),
    launch: day('01-08'),
    /** 14 and 28 days after the launch: the period policy's reminder days. */
    firstReminders: day('01-22', '08:00'),
    secondReminders: day('02-05', '08:00'),
    dueDate: `${y}-03-14`,
    escalations: day('03-17', '08:00'),
    riskWork: day('03-20'),
    progress: day('04-10'),
    grievance: day('03-25'),
    managementReport: day('04-15'),
    mitigationDue: `${y}-06-30`,
    actionDue: [`${y}-04-30`, `${y}-06-15`],
    /** Response n of a wave of `count` arriving between two dates. */
    between: (from: string, to: string, n: number, count: number) => {
      const start = Date.parse(`${y}-${from}T10:00:00.000Z`);
      const end = Date.parse(`${y}-${to}T10:00:00.000Z`);
      return new Date(start + Math.round(((end - start) * n) / Math.max(1, count - 1) / 3_600_000) * 3_600_000).toISOString();
    },
  };
}

/**
 * Writes the sample year through the command dispatcher, as people and the engine's own process managers
 * would over a few months: period and management systems, suppliers and products, smelter lists, a
 * CMRT campaign with reminders, responses (most at company level, a few incomplete and followed up,
 * one naming a non-conformant smelter), the risk work on that smelter, a grievance and a report to
 * management. Every command is the demo's (actor `demo-seed`, commandIds `demo/<period>/...`), so a
 * second run appends nothing. The clock is moved through the year as it goes.
 */
export async function seedDemoYear(
  engine: INestApplicationContext,
  clock: SettableClock,
  period: number,
  log: (line: string) => void = () => undefined,
): Promise<DemoYearSummary> {
  const commands = engine.get(CommandDispatcher);
  const reads = engine.get(ReadQueries);
  const when = calendar(period);
  const send = (name: PublicCommandName, id: string, data: unknown): Promise<CommandResult> =>
    commands.dispatch(name, publicCommands[name].schema.parse(data) as never, { commandId: `demo/${period}/${id}`, actor: DEMO_ACTOR });
  const settle = () => engine.get(ReadSide).settled();
  const tick = async (at: string) => {
    clock.set(at);
    const result = await engine.get(ReminderSchedulerProcessManager).tick();
    log(
      `${at.slice(0, 10)}  reminder pass: ${result.reminders} reminder(s), ${result.escalations} escalation(s), ${result.risks} non-response risk(s)`,
    );
  };
  const suppliers = demoSuppliers();

  // --- January: the programme for the year (OECD step 1), the supply chain, the lists -----------------
  clock.set(when.setUp);
  await send('OpenPeriod', 'open-period', {
    period,
    policy: { reminderDays: [14, 28], defaultDueDate: when.dueDate, oldestAcceptedTemplateVersion: '6.1' },
  });
  await send('AdoptPolicy', 'policy', { period, version: `${period}-1`, url: 'https://example.com/demo/conflict-minerals-policy.pdf' });
  await send('AssignTeam', 'team', {
    period,
    members: [
      { name: `Sample Compliance Lead ${SAMPLE}`, role: 'Programme lead' },
      { name: `Sample Supplier Quality Engineer ${SAMPLE}`, role: 'Supplier outreach' },
      { name: `Sample Legal Counsel ${SAMPLE}`, role: 'Contracts and Form SD' },
    ],
    sponsor: `Chief Financial Officer ${SAMPLE}`,
  });
  await send('DeclareGrievanceMechanism', 'grievance-mechanism', {
    period,
    description: `Company whistleblower line, open to employees, suppliers and the public, covering conflict-minerals sourcing ${SAMPLE}`,
    url: 'https://example.com/demo/speak-up',
  });
  const rows = demoReferenceRows();
  await send('ImportReferenceList', 'reference-list', {
    asOf: `${period + 1}-01-02`,
    source: listSource('demo-reference-list.csv', rows),
    rows,
  });
  const entries = DEMO_SMELTERS.map(({ metal, smelterId, name, status }) => ({ metal, smelterId, name, status }));
  await send('ImportRmapStatusList', 'rmap-status-list', {
    asOf: `${period + 1}-01-02`,
    source: listSource('demo-rmap-status.csv', entries),
    entries,
  });
  for (const supplier of suppliers) {
    const { owner, ...registration } = supplier;
    await send('RegisterSupplier', `supplier/${supplier.supplierId}`, registration);
    await send('AssignSupplierOwner', `owner/${supplier.supplierId}`, { supplierId: supplier.supplierId, owner });
    if (supplier.tier === 'direct') {
      await send('RecordContractClause', `clause/${supplier.supplierId}`, {
        period,
        supplierId: supplier.supplierId,
        clause: `Master supply agreement §14 "Responsible minerals" ${SAMPLE}`,
      });
    }
  }
  await send('CommunicatePolicy', 'communicate/suppliers', {
    period,
    audience: 'suppliers',
    count: suppliers.length,
    channel: 'supplier portal and CMRT request e-mail',
  });
  await send('CommunicatePolicy', 'communicate/customers', {
    period,
    audience: 'customers',
    count: 12,
    channel: 'website and customer newsletter',
  });
  for (const product of DEMO_PRODUCTS) {
    const { suppliers: linked, ...registration } = product;
    await send('RegisterProduct', `product/${product.productId}`, registration);
    for (const supplierId of linked)
      await send('LinkProductSupplier', `link/${product.productId}/${supplierId}`, { productId: product.productId, supplierId });
  }
  log(
    `${when.setUp.slice(0, 10)}  period ${period} opened; policy, team, grievance mechanism; ${suppliers.length} suppliers, ${DEMO_PRODUCTS.length} products; smelter lists imported`,
  );

  // --- The CMRT campaign: every supplier at once; the dispatcher sends one request each ---------------
  clock.set(when.launch);
  await send('LaunchCampaign', 'campaign', { campaignId: `demo-cmrt-${period}`, period, selection: {}, templateVersion: '6.4' });
  await settle();
  log(`${when.launch.slice(0, 10)}  CMRT campaign launched to ${suppliers.length} suppliers, due ${when.dueDate}`);

  // --- Answers come in over two months, chased by the reminder scheduler ------------------------------
  const responders = suppliers.filter((supplier) => !NON_RESPONDERS.includes(supplier.supplierId));
  const waves = [
    { from: '01-13', to: '01-21', suppliers: responders.slice(0, 25) },
    { from: '01-27', to: '02-03', suppliers: responders.slice(25, 37) },
    { from: '02-12', to: '03-07', suppliers: responders.slice(37) },
  ];
  const respond = async (supplier: DemoSupplier, at: string, attempt: number, incomplete: boolean) => {
    clock.set(at);
    const answer = { ...demoAnswerFor(supplier.supplierId, PRODUCT_LEVEL), incomplete };
    await send('RecordResponse', `response/${supplier.supplierId}/${attempt}`, {
      supplierId: supplier.supplierId,
      period,
      receivedAt: at,
      declaration: demoDeclaration(supplier, answer, at),
    });
  };
  const resubmissions = INCOMPLETE_FIRST.slice(0, -1);
  for (const [index, wave] of waves.entries()) {
    for (const [n, supplier] of wave.suppliers.entries())
      await respond(
        supplier,
        when.between(wave.from, wave.to, n, wave.suppliers.length),
        1,
        INCOMPLETE_FIRST.includes(supplier.supplierId),
      );
    log(`${period + 1}-${wave.to}  ${wave.suppliers.length} responses recorded (wave ${index + 1})`);
    if (index === 0) await tick(when.firstReminders);
    if (index === 1) {
      // Two of the incomplete answers come back corrected; the third stays open.
      for (const [n, supplierId] of resubmissions.entries()) {
        await respond(
          suppliers.find((supplier) => supplier.supplierId === supplierId)!,
          when.between('02-03', '02-04', n, resubmissions.length),
          2,
          false,
        );
      }
      log(`${period + 1}-02-04  ${resubmissions.length} corrected responses resubmitted after follow-up`);
      await tick(when.secondReminders);
    }
  }
  await tick(when.escalations);

  // --- OECD step 3: the non-conformant smelter is assessed, owned and mitigated -----------------------
  clock.set(when.riskWork);
  const [smelterRisk] = await reads.ask(riskRegisterRead, { period, category: 'non-conformant-smelter' });
  if (smelterRisk) {
    const riskId = smelterRisk.riskId;
    await send('AssessRisk', `risk/${riskId}/assess`, {
      riskId,
      likelihood: 'likely',
      impact: 'major',
      rationale: `${NON_CONFORMANT_SMELTER.name} failed its RMAP assessment and the supplier reports covered-country sourcing for tin`,
    });
    await send('AssignRiskOwner', `risk/${riskId}/owner`, { riskId, owner: 'anna.buyer@demo.example' });
    await send('DecideMitigation', `risk/${riskId}/mitigation`, {
      riskId,
      strategy: 'continue-trade-during-mitigation',
      plan: `Ask ${smelterRisk.supplierId} to move tin volumes to an RMAP-conformant smelter and confirm it in a new CMRT ${SAMPLE}`,
      dueDate: when.mitigationDue,
      actions: [
        { description: 'Supplier confirms an alternative conformant tin smelter', dueDate: when.actionDue[0] },
        { description: 'Supplier resubmits its CMRT without the non-conformant smelter', dueDate: when.actionDue[1] },
      ],
    });
    log(`${when.riskWork.slice(0, 10)}  non-conformant smelter risk ${riskId} assessed, owned, mitigation decided`);
  }

  clock.set(when.grievance);
  await send('RecordGrievance', 'grievance/demo-g-1', {
    period,
    grievanceId: 'demo-g-1',
    description: `An anonymous caller says a tin smelter in our chain buys ore from mines controlled by an armed group ${SAMPLE}`,
    metal: 'tin',
  });
  log(`${when.grievance.slice(0, 10)}  anonymous grievance recorded (it raises a risk)`);

  if (smelterRisk) {
    clock.set(when.progress);
    await send('RecordMitigationProgress', `risk/${smelterRisk.riskId}/progress-1`, {
      riskId: smelterRisk.riskId,
      note: 'Supplier named Demo Tin Smelter Alpha as the alternative',
      actionIndex: 0,
      completed: true,
    });
  }

  clock.set(when.managementReport);
  const register = await reads.ask(riskRegisterRead, { period });
  const open = register.filter((risk) => risk.status !== 'closed');
  await send('ReportToManagement', 'management-report/1', {
    period,
    recipient: `Chief Financial Officer ${SAMPLE}`,
    summary: `${register.length} risks in the register, ${open.length} open (${open.filter((risk) => risk.severity === 'high').length} high): ${[...new Set(open.map((risk) => risk.category))].join(', ')}`,
  });
  log(`${when.managementReport.slice(0, 10)}  risk report to senior management`);
  await settle();

  const [campaign, oecd, conclusions, risks] = await Promise.all([
    reads.ask(campaignFiguresRead, { period }),
    reads.ask(oecdStatusRead, { period }),
    reads.ask(productConclusionsRead, { period }),
    reads.ask(riskRegisterRead, { period }),
  ]);
  return {
    period,
    suppliers: {
      direct: suppliers.filter((s) => s.tier === 'direct').length,
      indirect: suppliers.filter((s) => s.tier === 'indirect').length,
    },
    products: DEMO_PRODUCTS.length,
    campaign,
    oecd,
    conclusions: conclusions.summary,
    risks,
  };
}

/** A list's provenance: the demo's own file names, fingerprinted by their content. */
function listSource(fileName: string, content: unknown) {
  return { kind: 'csv' as const, fileName, sha256: createHash('sha256').update(JSON.stringify(content)).digest('hex') };
}
