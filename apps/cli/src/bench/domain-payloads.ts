import {
  evaluateDeclaration,
  inScopeMetals,
  ResponseRecorded,
  RiskRaised,
  riskIdFor,
  summariseFindings,
  type Declaration,
  type Finding,
  type Metal,
} from '@dd/domain';
import type { z } from 'zod';
import { benchDeclaration } from './cmrt-declaration';

/**
 * Event payloads in the domain's own shapes, checked once against the domain's zod schemas, so
 * the benchmarks write what the engine writes (and the projections find what they expect).
 */

const RECEIVED_AT = '2024-06-03T09:30:00.000Z';

/** A RiskRaised as the engine raises it from a red-flag finding: about 450 bytes of JSON. */
export function riskFromFindingPayload(index: number, sourceEventId: string): RiskRaised {
  const supplierId = `S${String(index % 100_000).padStart(6, '0')}`;
  const key = { period: 2021 + (index % 5), supplierId, category: 'covered-country-sourcing' as const, metal: 'tungsten' as Metal };
  return {
    riskId: riskIdFor(key),
    ...key,
    severity: 'high',
    reason:
      'Declaration!D14: tungsten: the supplier declares sourcing from the covered countries (Q3 = Yes); ' +
      'the smelters named must be checked for RMAP conformance before the filing.',
    source: { kind: 'response-finding', eventId: sourceEventId, ruleIds: ['review.covered-countries-sourcing'] },
  };
}

/** What a recorded response carries besides who and when: the declaration and what the Checker found in it. */
export interface ResponseVariant {
  declaration: Declaration;
  findings: Finding[];
  inScopeMetals: Metal[];
  followUpKinds: ResponseRecorded['followUpKinds'];
  redFlagRules: string[];
}

/** A clean response and one with red flags, each with `smelters` smelter rows, evaluated by the real Checker. */
export function responseVariants(smelters: number): { clean: ResponseVariant; redFlags: ResponseVariant } {
  const variant = (declaration: Declaration): ResponseVariant => {
    const findings = evaluateDeclaration(declaration, { receivedAt: RECEIVED_AT });
    return {
      declaration,
      findings,
      inScopeMetals: inScopeMetals(declaration),
      followUpKinds: summariseFindings(findings).followUpKinds,
      redFlagRules: [...new Set(findings.filter((finding) => finding.severity === 'red-flag').map((finding) => finding.ruleId))],
    };
  };
  return {
    clean: variant(benchDeclaration({ smelters, coveredCountrySourcing: false })),
    redFlags: variant(benchDeclaration({ smelters, coveredCountrySourcing: true })),
  };
}

/**
 * A ResponseRecorded as the survey decider records it, built through the domain schema so fields
 * with defaults (e.g. smelter matches, empty while no reference list is imported) are filled in
 * as the engine would fill them. Parsed once per variant; each event only changes who and which.
 */
export function responsePayload(
  variant: ResponseVariant,
  fields: { supplierId: string; period: number; requestNumber: number; responseNumber: number },
): ResponseRecorded {
  let template = templates.get(variant);
  if (!template) {
    template = ResponseRecorded.parse({
      ...fields,
      receivedAt: RECEIVED_AT,
      declaration: variant.declaration,
      source: { kind: 'json' },
      inScopeMetals: variant.inScopeMetals,
      findings: variant.findings,
      followUpKinds: variant.followUpKinds,
    } satisfies z.input<typeof ResponseRecorded>);
    templates.set(variant, template);
  }
  return { ...template, ...fields };
}

const templates = new WeakMap<ResponseVariant, ResponseRecorded>();

/** Throws when a payload would not pass the engine's own check before append (stream-command-executor). */
export function assertDomainShapes(payloads: { response: ResponseRecorded; risk: RiskRaised }): void {
  ResponseRecorded.parse(payloads.response);
  RiskRaised.parse(payloads.risk);
}
