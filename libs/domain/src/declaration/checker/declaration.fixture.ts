import type { Declaration } from '../declaration.schema';
import { sampleDeclaration } from '../sample-declaration';
import type { Finding } from '../finding';
import { evaluateDeclaration, type EvaluationContext } from './evaluate-declaration';

/**
 * Test fixtures shared by the specs of this and other modules. `completeDeclaration()` is the
 * domain's sample answer (sample-declaration.ts): fully valid, no error and no red flag. Each call
 * returns a fresh object, so a spec may change it freely.
 */

/** Received three weeks after the fixture's effective date. */
export const FIXTURE_RECEIVED_AT = '2024-06-03T09:30:00Z';

export function fixtureContext(overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return { receivedAt: FIXTURE_RECEIVED_AT, ...overrides };
}

export function completeDeclaration(): Declaration {
  return sampleDeclaration();
}

/** Given the complete declaration changed by `arrange`, when evaluated: the findings. */
export function evaluateCompleteDeclarationWith(
  arrange: (declaration: Declaration) => void = () => undefined,
  context: EvaluationContext = fixtureContext(),
): Finding[] {
  const declaration = completeDeclaration();
  arrange(declaration);
  return evaluateDeclaration(declaration, context);
}

export function findingsWithRule(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((finding) => finding.ruleId === ruleId);
}

/**
 * One rule example for table-driven specs: `arrange` breaks the complete declaration so that exactly
 * one finding of `expected.ruleId` appears; `fix` (applied after `arrange`) makes it disappear again.
 */
export interface RuleCase {
  given: string;
  arrange: (declaration: Declaration) => void;
  expected: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity' | 'field' | 'cell'>;
  fix: (declaration: Declaration) => void;
}
