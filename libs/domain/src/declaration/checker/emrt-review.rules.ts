import { sortTemplateFindings } from './evaluate-template-declaration';
import { checkEmrtDeclaration } from './emrt-checker.rules';
import { checkCompanyIdentity } from './company-identity.rules';
import { finding } from './rule-catalogue';
import { quoted } from './text';
import { calendarDay, parseEffectiveDate } from './value-formats';
import { forbiddenCharacterMessage, sanitiseText } from '../../shared/text';
import type { EmrtDeclaration, EmrtMineralAnswers } from '../emrt-declaration.schema';
import type { Finding } from '../finding';
import { normalisedAnswer } from '../metal-scope';
import { EMRT_MINERAL_LABELS, type EmrtMineral } from '../template-minerals';
import { emrtMineralCell } from '../emrt-cell-map';

export interface EmrtReviewContext {
  /** The registered name of the supplier the response is recorded for; a different D8 makes the response unusable. */
  expectedCompanyName?: string;
  /** When the response was received (ISO time). */
  receivedAt?: string;
  /** The reporting period asked about: an effective date before it is outdated. */
  period?: number;
  /** The day the EMRT was requested (YYYY-MM-DD): an effective date more than twelve months before it is outdated. */
  requestedOn?: string;
}

/**
 * The review of an EMRT response: the EMRT Checker rules (domain.md §1.10) and the two review checks
 * that decide whether it is an answer at all, as for a CMRT (response-usability.ts): a blank template
 * (`review.declaration-blank`) and a workbook naming another company in D8 (`review.company-name-mismatch`).
 */
export function reviewEmrtDeclaration(declaration: EmrtDeclaration, context: EmrtReviewContext): Finding[] {
  const blank = isBlankEmrtDeclaration(declaration)
    ? [
        finding('review.declaration-blank', {
          field: 'declaration',
          cell: 'Declaration!D8',
          message:
            'The Declaration tab is blank (no company information, no answer to questions 1-7 or A-G): fill in the EMRT and send it again.',
        }),
      ]
    : [];
  return sortTemplateFindings([
    ...blank,
    ...checkCompanyIdentity(declaration, context.expectedCompanyName),
    ...checkEmrtDeclaration(declaration),
    ...cahraSourcing(declaration),
    ...outdatedEffectiveDate(declaration, context),
  ]);
}

/**
 * As for a CMRT (company-block.rules.ts, issue 9 item 3): an EMRT dated before the reporting period, or
 * more than twelve months before we asked, describes an older supply chain: an `outdated` finding at
 * D26 and a follow-up. A date that cannot be read is left to the EMRT Checker's own rule.
 */
function outdatedEffectiveDate(declaration: EmrtDeclaration, context: EmrtReviewContext): Finding[] {
  const date = declaration.company.effectiveDate === undefined ? undefined : parseEffectiveDate(declaration.company.effectiveDate);
  if (date === undefined) return [];
  const received = context.receivedAt === undefined ? undefined : calendarDay(context.receivedAt);
  const asked =
    context.requestedOn !== undefined && received !== undefined && received < context.requestedOn ? received : context.requestedOn;
  let why: string | undefined;
  if (context.period !== undefined && date < `${context.period}-01-01`) why = `before the reporting period ${context.period}`;
  else if (asked !== undefined && date < `${Number(asked.slice(0, 4)) - 1}${asked.slice(4)}`) {
    why = `more than twelve months before the request of ${asked}`;
  }
  if (why === undefined) return [];
  return [
    finding('review.effective-date-outdated', {
      field: 'company.effectiveDate',
      cell: 'Declaration!D26',
      message: `Send a current declaration: the effective date on the Declaration tab cell D26 (${date}) is ${why}.`,
    }),
  ];
}

/**
 * The EMRT's question 3 (domain.md §1.10) asks whether an in-scope mineral is sourced from
 * conflict-affected and high-risk areas: "Yes" (or "Unknown") is a red flag about that mineral, which
 * the risk register takes up as for a 3TG metal (risks-from-findings.policy.ts: cahra-sourcing).
 */
function cahraSourcing(declaration: EmrtDeclaration): Finding[] {
  return declaration.minerals.flatMap((entry, index) => {
    if (!isMineralInScope(entry)) return [];
    const answer = normalisedAnswer(entry.q3?.answer);
    if (answer !== 'yes' && answer !== 'unknown') return [];
    const label = EMRT_MINERAL_LABELS[entry.mineral];
    const comment = entry.q3?.comment?.trim();
    return [
      finding(answer === 'yes' ? 'review.emrt-cahra-sourcing' : 'review.emrt-cahra-unknown', {
        field: `minerals[${index}].q3.answer`,
        cell: emrtMineralCell('q3', entry.slot ?? index),
        metal: entry.mineral,
        message:
          answer === 'yes'
            ? `${label} is sourced from conflict-affected and high-risk areas (question 3 = Yes)${comment ? `: ${comment}` : ''}.`
            : `Whether ${label} is sourced from conflict-affected and high-risk areas is not known (question 3 = Unknown).`,
      }),
    ];
  });
}

/**
 * Blank as a CMRT is blank (blank-declaration.ts): nothing a supplier types. The preset mineral
 * selection of the template (all six) is not an answer, so the minerals count only by their answers.
 */
export function isBlankEmrtDeclaration(declaration: Pick<EmrtDeclaration, 'company' | 'minerals' | 'companyQuestions'>): boolean {
  return (
    !filled(declaration.company) &&
    declaration.minerals.every(({ mineral: _mineral, slot: _slot, ...answers }) => !filled(answers)) &&
    !filled(declaration.companyQuestions)
  );
}

/** An EMRT mineral is in scope when Q1 = Yes and Q2 = Yes for it, as a CMRT metal (metal-scope.ts). */
export function inScopeMinerals(declaration: Pick<EmrtDeclaration, 'minerals'>): EmrtMineral[] {
  return declaration.minerals.filter((entry) => isMineralInScope(entry)).map((entry) => entry.mineral);
}

function isMineralInScope(entry: EmrtMineralAnswers): boolean {
  return normalisedAnswer(entry.q1?.answer) === 'yes' && normalisedAnswer(entry.q2?.answer) === 'yes';
}

function filled(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value === 'object') return Object.values(value).some(filled);
  return true;
}

/**
 * As for a CMRT (text-characters.rules.ts): a cell holding a control or direction character is the
 * supplier's content, recorded with each such character replaced and a warning naming the field.
 */
export function sanitiseTemplateText<T>(value: T): { declaration: T; findings: Finding[] } {
  const findings: Finding[] = [];
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      const problem = forbiddenCharacterMessage(node.replace(/\r\n?/g, '\n'), { multiLine: true });
      if (problem === null) return node;
      const sanitised = sanitiseText(node, { multiLine: true });
      findings.push(
        finding('review.text-control-characters', {
          field: path,
          cell: '',
          message: `The value ${problem.replace(/;.*$/, '')}; it was recorded as ${quoted(sanitised)}. Remove control and direction characters from the cell.`,
        }),
      );
      return sanitised;
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${path}[${index}]`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, path ? `${path}.${key}` : key)]));
    }
    return node;
  };
  return { declaration: walk(value, '') as T, findings };
}
