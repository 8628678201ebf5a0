import {
  evaluateDeclaration,
  inScopeMetals,
  riskIdFor,
  streams,
  summariseFindings,
  type CMRTSent,
  type Declaration,
  type ReminderSent,
  type ResponseRecorded,
  type RiskRaised,
  type SupplierRegistered,
} from '@dd/domain';
import { completeDeclaration } from '@dd/domain/testing';
import type { EventStore, NewEvent } from '@dd/event-store';
import { coveredCountryDeclaration } from './domain-log.fixture';

export interface SyntheticLogOptions {
  /** Stop after about this many events. */
  events: number;
  /** Smelter rows per declaration (real CMRTs list from a handful to hundreds); default 12. */
  smeltersPerResponse?: number;
  seed?: number;
}

/** Deterministic pseudo-random numbers (mulberry32), so two runs build the same log. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function withSmelters(declaration: Declaration, count: number): Declaration {
  const template = declaration.smelters[1];
  declaration.smelters = Array.from({ length: count }, (_, index) => ({
    ...template,
    row: 5 + index,
    smelterId: `CID${String(2000 + index).padStart(6, '0')}`,
    smelterIdInput: `CID${String(2000 + index).padStart(6, '0')}`,
  }));
  return declaration;
}

/**
 * Appends a realistic mix for benchmarks: per supplier a registration, then per period a CMRT
 * request, reminders for about half, a response for most (a fifth of them with a red flag, which
 * the engine turns into a risk, and some with Checker errors), some re-submissions and a few
 * people's flags. Payloads are the
 * domain's own types. Returns the number of events appended.
 */
export async function appendSyntheticLog(store: EventStore, options: SyntheticLogOptions): Promise<number> {
  const next = random(options.seed ?? 42);
  const smelters = options.smeltersPerResponse ?? 12;
  const receivedAt = '2024-06-03T09:30:00.000Z';
  // Clean answers, answers with Checker errors, and answers with a sourcing red flag.
  const incomplete = completeDeclaration();
  incomplete.company.contactEmail = 'maria.keller at acme-components';
  delete incomplete.company.effectiveDate;
  const variants = [completeDeclaration(), incomplete, coveredCountryDeclaration()]
    .map((declaration) => withSmelters(declaration, smelters))
    .map((declaration) => {
      const findings = evaluateDeclaration(declaration, { receivedAt });
      return {
        declaration,
        findings,
        inScopeMetals: inScopeMetals(declaration),
        followUpKinds: summariseFindings(findings).followUpKinds,
        redFlagRules: [...new Set(findings.filter((finding) => finding.severity === 'red-flag').map((finding) => finding.ruleId))],
      };
    });
  const periods = [2021, 2022, 2023, 2024, 2025];
  let appended = 0;
  let commands = 0;
  const append = async (streamId: string, events: NewEvent[], actor = 'compliance.officer@example.com') => {
    await store.appendToStream(streamId, events, { commandId: `synthetic-${++commands}`, actor });
    appended += events.length;
  };

  for (let supplier = 0; appended < options.events; supplier++) {
    const supplierId = `S${String(supplier).padStart(6, '0')}`;
    const registered: SupplierRegistered = {
      supplierId,
      name: `Supplier ${supplier} Manufacturing Co., Ltd.`,
      tier: supplier % 4 === 0 ? 'direct' : 'indirect',
      country: ['CN', 'DE', 'MY', 'US', 'JP'][supplier % 5],
      ...(supplier % 4 === 0 ? {} : { parentSupplierId: `S${String(supplier - (supplier % 4)).padStart(6, '0')}` }),
    };
    await append(streams.supplier(supplierId), [{ type: 'SupplierRegistered', data: registered }]);
    for (const period of periods) {
      if (appended >= options.events) break;
      const stream = streams.survey(period, supplierId);
      const sent: CMRTSent = { supplierId, period, dueDate: `${period}-05-31`, templateVersion: '6.4', requestNumber: 1 };
      await append(stream, [{ type: 'CMRTSent', data: sent }]);
      const reminders = next() < 0.5 ? 1 + Math.floor(next() * 2) : 0;
      for (let reminder = 1; reminder <= reminders; reminder++) {
        const data: ReminderSent = { supplierId, period, requestNumber: 1, reminderNumber: reminder, overdue: reminder > 1 };
        await append(stream, [{ type: 'ReminderSent', data }], 'scheduler');
      }
      if (next() < 0.15) continue;
      const responses = next() < 0.1 ? 2 : 1;
      for (let responseNumber = 1; responseNumber <= responses; responseNumber++) {
        const draw = next();
        const variant = variants[draw < 0.2 ? 2 : draw < 0.35 ? 1 : 0];
        const response: ResponseRecorded = {
          supplierId,
          period,
          requestNumber: 1,
          responseNumber,
          receivedAt,
          declaration: variant.declaration,
          source: { kind: 'json' },
          inScopeMetals: variant.inScopeMetals,
          findings: variant.findings,
          followUpKinds: variant.followUpKinds,
          smelterMatches: [],
          referenceListAsOf: null,
        };
        await append(stream, [{ type: 'ResponseRecorded', data: response }]);
        if (variant.redFlagRules.length > 0 && responseNumber === 1) {
          const key = { period, supplierId, category: 'covered-country-sourcing' as const, metal: 'tungsten' as const };
          const risk: RiskRaised = {
            riskId: riskIdFor(key),
            ...key,
            severity: 'high',
            reason: 'Smelters source from the covered countries',
            source: { kind: 'response-finding', eventId: `response-of-${supplierId}-${period}`, ruleIds: variant.redFlagRules },
          };
          await append(streams.risk(risk.riskId), [{ type: 'RiskRaised', data: risk }], 'engine');
        }
      }
      if (next() < 0.03) {
        const key = {
          period,
          supplierId,
          category: 'non-conflict-free-smelter' as const,
          metal: 'tungsten' as const,
          smelterId: 'CID002082',
        };
        const flag: RiskRaised = {
          riskId: riskIdFor(key),
          ...key,
          severity: 'high',
          reason: 'Lost RMAP conformance',
          source: { kind: 'flag' },
        };
        await append(streams.risk(flag.riskId), [{ type: 'RiskRaised', data: flag }], 'auditor@example.com');
      }
    }
  }
  return appended;
}
