import { evaluateDeclaration } from '../declaration/checker';
import { completeDeclaration, FIXTURE_RECEIVED_AT } from '../declaration/checker/declaration.fixture';
import type { Declaration } from '../declaration/declaration.schema';
import { inScopeMetals } from '../declaration/metal-scope';
import type { RmapStatus } from '../smelter/rmap-status';
import type { SmelterMatch } from '../smelter/smelter-match';
import type { RmapStatusLookup } from '../smelter/smelter-risk.policy';
import type { ResponseRecorded } from '../survey/survey.events';

/** A covered-country "Yes" and the status lists it is judged against (covered-country-risk.policy.ts, risk-from-findings.workflow.ts). */
export const SEADRAGON = 'CID002494';
export const XIAMEN = 'CID002082';

/** A status list as of 2025-01-02 with these statuses (null: no list imported at all). */
export const statusList = (statuses: Record<string, RmapStatus> | null, asOf = '2025-01-02'): RmapStatusLookup => ({
  asOf: statuses === null ? null : asOf,
  statusOf: (_metal, smelterId) => statuses?.[smelterId] ?? null,
});

/**
 * The sample answer with Q3 = Yes for tungsten (its only metal in scope). Rows 5 and 6 name Seadragon and
 * Xiamen, matched by CID; row 7 (a recycler "not listed") is left out unless `unidentifiedRow` keeps it.
 */
export function tungstenYes(options: { unidentifiedRow?: boolean } = {}): ResponseRecorded {
  const declaration: Declaration = completeDeclaration();
  declaration.minerals.tungsten.q3 = { answer: 'Yes', comment: 'Seadragon sources wolframite from Rwanda' };
  if (!options.unidentifiedRow) declaration.smelters = declaration.smelters.slice(0, 2);
  const matches: SmelterMatch[] = declaration.smelters.map((row, index) => ({
    index,
    row: row.row!,
    metal: 'tungsten',
    ...(row.smelterId?.startsWith('CID')
      ? { status: 'matched' as const, method: 'cid' as const, smelterId: row.smelterId }
      : { status: 'unresolved' as const }),
    candidates: [],
    problems: [],
  }));
  const findings = evaluateDeclaration(declaration, { receivedAt: FIXTURE_RECEIVED_AT });
  return {
    supplierId: 'acme',
    period: 2024,
    requestNumber: 1,
    responseNumber: 1,
    receivedAt: FIXTURE_RECEIVED_AT,
    declaration,
    source: { kind: 'json' },
    inScopeMetals: inScopeMetals(declaration),
    findings,
    followUpKinds: [],
    smelterMatches: matches,
    referenceListAsOf: '2024-12-31',
  };
}
