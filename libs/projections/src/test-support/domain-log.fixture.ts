import {
  eventSchemaFor,
  foldState,
  type Decider,
  type DomainEvent,
  CMRTSent,
  Declaration,
  evaluateDeclaration,
  inScopeMetals,
  ReminderSent,
  ResponseRecorded,
  riskIdFor,
  RiskRaised,
  streams,
  summariseFindings,
  SupplierRegistered,
  type DeclarationInput,
  type Finding,
  type ResponseSource,
  type RiskCategory,
  type RiskSeverity,
  type RiskSource,
  type Metal,
} from '@dd/domain';
import { completeDeclaration } from '@dd/domain/testing';
import type { AppendResult, EventStore } from '@dd/event-store';

/**
 * Appends real domain events (payloads parsed by the domain's zod schemas) to a store, the way the
 * engine's command handlers would, for projection specs and benchmarks.
 */
export interface Appended {
  eventId: string;
  position: number;
}

export interface AppendContext {
  actor?: string;
  occurredAt?: string;
}

let logs = 0;

export class DomainLog {
  /** Keeps command ids apart when several DomainLogs write to one store. */
  private readonly instance = ++logs;
  private commands = 0;

  constructor(
    readonly store: EventStore,
    private readonly defaultActor = 'compliance.officer@example.com',
  ) {}

  registerSupplier(
    data: { supplierId: string; name?: string; tier?: 'direct' | 'indirect'; country?: string; parentSupplierId?: string },
    context?: AppendContext,
  ): Promise<Appended> {
    const payload = SupplierRegistered.parse({ name: `Supplier ${data.supplierId}`, tier: 'direct', ...data });
    return this.append(streams.supplier(payload.supplierId), 'SupplierRegistered', payload, context);
  }

  sendCmrt(
    data: { supplierId: string; period: number; dueDate: string; requestNumber?: number; templateVersion?: string },
    context?: AppendContext,
  ): Promise<Appended> {
    const payload = CMRTSent.parse({ requestNumber: 1, ...data });
    return this.append(streams.survey(payload.period, payload.supplierId), 'CMRTSent', payload, context);
  }

  sendReminder(
    data: { supplierId: string; period: number; requestNumber?: number; reminderNumber?: number; overdue?: boolean },
    context?: AppendContext,
  ): Promise<Appended> {
    const payload = ReminderSent.parse({ requestNumber: 1, reminderNumber: 1, overdue: false, ...data });
    return this.append(streams.survey(payload.period, payload.supplierId), 'ReminderSent', payload, context);
  }

  /**
   * Records a response as the survey decider would: findings from evaluateDeclaration unless given.
   * `declaration` defaults to the domain's complete declaration (no error, no red flag).
   */
  recordResponse(
    data: {
      supplierId: string;
      period: number;
      requestNumber?: number;
      responseNumber?: number;
      receivedAt?: string;
      declaration?: DeclarationInput;
      findings?: Finding[];
      source?: ResponseSource;
    },
    context?: AppendContext,
  ): Promise<Appended> {
    const declaration = data.declaration === undefined ? completeDeclaration() : Declaration.parse(data.declaration);
    const receivedAt = data.receivedAt ?? '2024-06-03T09:30:00.000Z';
    const findings = data.findings ?? evaluateDeclaration(declaration, { receivedAt });
    const payload = ResponseRecorded.parse({
      supplierId: data.supplierId,
      period: data.period,
      requestNumber: data.requestNumber ?? 1,
      responseNumber: data.responseNumber ?? 1,
      receivedAt,
      declaration,
      source: data.source ?? { kind: 'json' },
      inScopeMetals: inScopeMetals(declaration),
      findings,
      followUpKinds: summariseFindings(findings).followUpKinds,
    });
    return this.append(streams.survey(payload.period, payload.supplierId), 'ResponseRecorded', payload, context);
  }

  /** A RiskRaised as the risk decider emits it; the id is derived as the decider derives it. */
  raiseRisk(
    data: {
      supplierId: string;
      period: number;
      category: RiskCategory;
      severity?: RiskSeverity;
      metal?: Metal;
      smelterId?: string;
      reason?: string;
      evidence?: string;
      source?: RiskSource;
    },
    context?: AppendContext,
  ): Promise<Appended & { riskId: string }> {
    const riskId = riskIdFor(data);
    const payload = RiskRaised.parse({
      riskId,
      severity: 'high',
      reason: `${data.category} at ${data.supplierId}`,
      source: { kind: 'flag' },
      ...data,
    });
    return this.append(streams.risk(riskId), 'RiskRaised', payload, context).then((appended) => ({ ...appended, riskId }));
  }

  /**
   * Lets a real decider decide on a stream as a command handler would (fold, decide, append), so a
   * spec's log holds exactly what the engine would write. Returns the appended events' ids.
   */
  async decide<Command, Event extends DomainEvent, State, Context>(
    streamId: string,
    decider: Decider<Command, Event, State, Context>,
    command: Command,
    context: Context,
    appendContext: AppendContext = {},
  ): Promise<Appended[]> {
    const state = foldState(decider, (await this.store.readStream(streamId)) as unknown as Event[]);
    const events = decider.decide(command, state, context);
    if (events.length === 0) return [];
    for (const event of events) eventSchemaFor(event.type)!.parse(event.data);
    const result = await this.store.appendToStream(streamId, events, {
      commandId: `cmd-${this.instance}-${++this.commands}-${events[0].type}`,
      actor: appendContext.actor ?? this.defaultActor,
      occurredAt: appendContext.occurredAt,
    });
    return result.eventIds.map((eventId, index) => ({ eventId, position: result.globalPositions[index] }));
  }

  private async append(streamId: string, type: string, data: unknown, context: AppendContext = {}): Promise<Appended> {
    const result: AppendResult = await this.store.appendToStream(streamId, [{ type, data }], {
      commandId: `cmd-${this.instance}-${++this.commands}-${type}`,
      actor: context.actor ?? this.defaultActor,
      occurredAt: context.occurredAt,
    });
    return { eventId: result.eventIds[0], position: result.globalPositions[0] };
  }
}

/** The complete declaration with covered-country sourcing declared for tungsten (Q3 = Yes): red flags. */
export function coveredCountryDeclaration(): Declaration {
  const declaration = completeDeclaration();
  declaration.minerals.tungsten.q3 = { answer: 'Yes', comment: 'Some ore from Rwanda' };
  return declaration;
}

export const SCENARIO_PERIOD = 2024;

/**
 * A small but complete year: three suppliers (one a sub-tier of another), surveys, a reminder, a
 * clean response, a response with red flags and the engine's risk for it, a person's flag, and a
 * re-survey answered again. Returns the ids the specs look at.
 */
export async function seedScenario(log: DomainLog) {
  const period = SCENARIO_PERIOD;
  const acme = await log.registerSupplier({ supplierId: 'acme', name: 'Acme Components GmbH', tier: 'direct', country: 'DE' });
  const bolt = await log.registerSupplier({
    supplierId: 'bolt',
    name: 'Bolt Metals',
    tier: 'indirect',
    country: 'CN',
    parentSupplierId: 'acme',
  });
  const cobra = await log.registerSupplier({ supplierId: 'cobra', name: 'Cobra Tin Ltd', tier: 'direct', country: 'MY' });
  const surveys = {
    acme: await log.sendCmrt({ supplierId: 'acme', period, dueDate: '2024-05-31', templateVersion: '6.4' }),
    bolt: await log.sendCmrt({ supplierId: 'bolt', period, dueDate: '2024-05-31' }),
    cobra: await log.sendCmrt({ supplierId: 'cobra', period, dueDate: '2024-05-31' }),
  };
  const reminder = await log.sendReminder({ supplierId: 'bolt', period, overdue: true }, { actor: 'scheduler' });
  const acmeResponse = await log.recordResponse({ supplierId: 'acme', period, receivedAt: '2024-05-20T08:00:00.000Z' });
  const cobraDeclaration = coveredCountryDeclaration();
  const cobraFindings = evaluateDeclaration(cobraDeclaration, { receivedAt: '2024-05-28T08:00:00.000Z' });
  const cobraResponse = await log.recordResponse({
    supplierId: 'cobra',
    period,
    receivedAt: '2024-05-28T08:00:00.000Z',
    declaration: cobraDeclaration,
    findings: cobraFindings,
  });
  const redFlagRules = [...new Set(cobraFindings.filter((f) => f.severity === 'red-flag').map((f) => f.ruleId))];
  const cobraRisk = await log.raiseRisk(
    {
      supplierId: 'cobra',
      period,
      metal: 'tungsten',
      category: 'covered-country-sourcing',
      severity: 'high',
      reason: 'Tungsten smelters source from the covered countries (Q3 = Yes)',
      source: { kind: 'response-finding', eventId: cobraResponse.eventId, ruleIds: redFlagRules },
    },
    { actor: 'engine' },
  );
  const acmeFlag = await log.raiseRisk(
    {
      supplierId: 'acme',
      period,
      metal: 'tungsten',
      smelterId: 'CID002494',
      category: 'non-conflict-free-smelter',
      severity: 'medium',
      reason: 'Smelter lost its RMAP conformance',
      evidence: 'RMI notice 2024-07',
    },
    { actor: 'auditor@example.com', occurredAt: '2024-07-02T10:00:00.000Z' },
  );
  const cobraResurvey = await log.sendCmrt({ supplierId: 'cobra', period, dueDate: '2024-09-30', requestNumber: 2 });
  const cobraSecondResponse = await log.recordResponse({
    supplierId: 'cobra',
    period,
    requestNumber: 2,
    responseNumber: 2,
    receivedAt: '2024-08-15T08:00:00.000Z',
    declaration: cobraDeclaration,
    findings: cobraFindings,
  });
  return {
    period,
    suppliers: { acme, bolt, cobra },
    surveys,
    reminder,
    acmeResponse,
    cobraResponse,
    cobraFindings,
    cobraRisk,
    acmeFlag,
    cobraResurvey,
    cobraSecondResponse,
  };
}
