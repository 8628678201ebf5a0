import {
  evaluateDeclaration,
  inScopeMetals,
  matchSmelterRows,
  ResponseRecorded,
  RiskRaised,
  riskIdFor,
  summariseFindings,
  type Declaration,
  type Finding,
  type Metal,
  type SmelterMatch,
} from '@dd/domain';
import type { z } from 'zod';
import { benchDeclaration } from './cmrt-declaration';
import type { SyntheticSmelterLists } from './smelter-lists';

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

/** What a recorded response carries besides who and when: the declaration, what the Checker found in it, and its smelters matched. */
export interface ResponseVariant {
  declaration: Declaration;
  findings: Finding[];
  inScopeMetals: Metal[];
  followUpKinds: ResponseRecorded['followUpKinds'];
  redFlagRules: string[];
  smelterMatches: SmelterMatch[];
  referenceListAsOf: string | null;
}

/** Declarations that name different smelters: so many suppliers name so many of the list's smelters. */
export const SMELTER_SETS = 8;

/**
 * Clean responses and responses with red flags, SMELTER_SETS of each, each naming `smelters` tungsten
 * smelters of the lists (consecutive ones from its own offset, so the sets overlap as real supply chains
 * do), evaluated by the real Checker and matched against the reference list by the real matcher.
 */
export function responseVariants(
  smelters: number,
  lists: SyntheticSmelterLists,
): { clean: ResponseVariant[]; redFlags: ResponseVariant[] } {
  const named = (set: number) =>
    Array.from({ length: smelters }, (_, index) => lists.tungsten[(set * smelters + index) % lists.tungsten.length]);
  const variant = (declaration: Declaration): ResponseVariant => {
    const findings = evaluateDeclaration(declaration, { receivedAt: RECEIVED_AT });
    return {
      declaration,
      findings,
      inScopeMetals: inScopeMetals(declaration),
      followUpKinds: summariseFindings(findings).followUpKinds,
      redFlagRules: [...new Set(findings.filter((finding) => finding.severity === 'red-flag').map((finding) => finding.ruleId))],
      smelterMatches: matchSmelterRows(declaration.smelters, lists.index),
      referenceListAsOf: lists.index.asOf,
    };
  };
  const sets = Array.from({ length: SMELTER_SETS }, (_, set) => set);
  return {
    clean: sets.map((set) => variant(benchDeclaration({ smelters: named(set), coveredCountrySourcing: false }))),
    redFlags: sets.map((set) => variant(benchDeclaration({ smelters: named(set), coveredCountrySourcing: true }))),
  };
}

/**
 * A ResponseRecorded as the survey decider records it, built through the domain schema so fields
 * with defaults are filled in as the engine would fill them. Parsed once per variant; each event only
 * changes who and which.
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
      smelterMatches: variant.smelterMatches,
      referenceListAsOf: variant.referenceListAsOf,
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
