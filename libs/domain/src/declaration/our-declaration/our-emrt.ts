import type { Answer } from '../declaration.schema';
import type { EmrtCompanyQuestions, EmrtDeclaration, EmrtMineralAnswers, MineRow } from '../emrt-declaration.schema';
import { normalisedAnswer } from '../metal-scope';
import { EMRT_MINERALS, type EmrtMineral } from '../template-minerals';
import type { CompanyProfile } from './company-profile';
import {
  allIdentifiedAnswer,
  allReportedAnswer,
  companyBlock,
  managementAnswers,
  recycledAnswer,
  responseBand,
  smelterListOf,
  sourcingAnswer,
  withSubTier,
  YES,
  type IdentifiedSmelterOf,
  type ManagementRecords,
  type OpenRow,
  type Said,
  type SupplierLink,
} from './declaration-rules';
import { DeclarationNotDerivable, declaredProducts, type OurProduct } from './our-cmrt';

/**
 * Our own EMRT for our customers, the twin of our CMRT (our-cmrt.ts): derived from the suppliers'
 * latest usable EMRT answers of the period, with the rules both templates share
 * (declaration-rules.ts). Pure; our-emrt.spec.ts states every rule as given/when/then.
 *
 * Which minerals: our products record the 3TG necessary to them (Rule 13p-1) and no EMRT mineral,
 * so the EMRT's minerals come from the answers: a mineral is on our EMRT when at least one relevant
 * supplier's latest usable EMRT selected it. Should products ever carry EMRT minerals, they would
 * decide Q1 as the products' metals decide the CMRT's.
 */

/** A supplier's latest usable EMRT of the period: its minerals with questions 1-7 and its Mine List. */
export interface EmrtSupplierAnswers {
  supplierId: string;
  responseNumber: number;
  minerals: readonly EmrtMineralAnswers[];
  mines: readonly MineRow[];
}

export type IdentifiedEmrtSmelter = IdentifiedSmelterOf<EmrtMineral>;

export interface OpenEmrtSmelterRow extends OpenRow {
  mineral: EmrtMineral | null;
}

export interface OurEmrtRecords {
  period: number;
  /** YYYY-MM-DD: the day the declaration is issued (D26). */
  effectiveDate: string;
  company: CompanyProfile;
  /** Every product of ours: a product-level declaration speaks for the profile's products. */
  products: readonly OurProduct[];
  suppliers: readonly SupplierLink[];
  /** Suppliers an EMRT was requested from for the period (the EMRT survey's population). */
  surveyed: readonly string[];
  answers: readonly EmrtSupplierAnswers[];
  smelters: readonly IdentifiedEmrtSmelter[];
  openSmelterRows: readonly OpenEmrtSmelterRow[];
  /** Management records, with the EMRT requests sent and responses received. */
  management: ManagementRecords;
}

const SURVEY_IN_CONFORMANCE = 'Yes, in conformance with IPC1755 (e.g. EMRT)';

export function deriveOurEmrt(records: OurEmrtRecords): EmrtDeclaration {
  const relevant = relevantEmrtSuppliers(records);
  const usable = records.answers.filter((answers) => relevant.has(answers.supplierId));
  if (usable.length === 0) {
    throw new DeclarationNotDerivable(
      'no-emrt-answers',
      `no usable EMRT answer of ${records.period} from a relevant supplier: our EMRT is made from their answers`,
    );
  }
  const allAnswered = usable.length === relevant.size;
  const coverage = `${usable.length} of ${relevant.size} relevant suppliers answered usably`;
  const clause = managementAnswers(records.management, SURVEY_IN_CONFORMANCE);

  const minerals: EmrtMineralAnswers[] = [];
  const inScope: EmrtMineral[] = [];
  for (const mineral of EMRT_MINERALS) {
    const selecting = usable.filter((answers) => answers.minerals.some((entry) => entry.mineral === mineral));
    if (selecting.length === 0) continue;
    const entry = mineralAnswers(mineral, selecting, records, { allAnswered, coverage, responded: usable.length, relevant: relevant.size });
    if (entry.q1?.answer === 'Yes' && entry.q2?.answer === 'Yes') {
      entry.C = clause.C;
      inScope.push(mineral);
    }
    minerals.push(entry);
  }
  const { A, B, D, E, F, G } = clause;
  const companyQuestions: EmrtCompanyQuestions = { A, B, D, E, F, G };
  const declaring = (mineral: EmrtMineral) => new Set(usable.filter((answers) => declares(answers, mineral)).map((a) => a.supplierId));
  return {
    company: companyBlock(records.company, records.effectiveDate),
    minerals,
    companyQuestions,
    smelters: smelterListOf(records.smelters, EMRT_MINERALS, inScope, records.company.scope === 'product' ? () => relevant : undefined),
    mines: mineList(usable, inScope, declaring),
    products:
      records.company.scope === 'product' ? productsOf(records).map((product) => ({ number: product.productId, name: product.name })) : [],
  };
}

/**
 * The relevant suppliers of our EMRT: those we asked for an EMRT for the period; for a
 * product-level declaration only those in the declared products' supply chains (their suppliers
 * and everything under them). No link ties a supplier to an EMRT mineral, so it is the survey that
 * says who is asked about them.
 */
export function relevantEmrtSuppliers(records: Pick<OurEmrtRecords, 'company' | 'products' | 'suppliers' | 'surveyed'>): Set<string> {
  const surveyed = new Set(records.surveyed);
  if (records.company.scope !== 'product') return surveyed;
  const chain = withSubTier(
    productsOf(records).flatMap((product) => product.supplierIds),
    records.suppliers,
  );
  return new Set([...surveyed].filter((id) => chain.has(id)));
}

/** The profile's products, or without a list every product (products name no EMRT mineral to select by). */
function productsOf(records: Pick<OurEmrtRecords, 'company' | 'products'>): OurProduct[] {
  if (records.company.products) return declaredProducts(records);
  if (records.products.length === 0)
    throw new DeclarationNotDerivable('no-products', 'a product-level declaration needs at least one product');
  return [...records.products];
}

function said(answers: EmrtSupplierAnswers, mineral: EmrtMineral, question: keyof EmrtMineralAnswers): string {
  const entry = answers.minerals.find((candidate) => candidate.mineral === mineral);
  const answer = entry?.[question];
  return normalisedAnswer(typeof answer === 'object' ? answer.answer : undefined);
}

/** The supplier declares the mineral in its scope: intentionally added (Q1 Yes) and remaining in the product (Q2 Yes). */
function declares(answers: EmrtSupplierAnswers, mineral: EmrtMineral): boolean {
  return said(answers, mineral, 'q1') === 'yes' && said(answers, mineral, 'q2') === 'yes';
}

interface Coverage {
  allAnswered: boolean;
  coverage: string;
  responded: number;
  relevant: number;
}

/**
 * Questions 1-7 for one mineral selected by at least one supplier:
 * - Q1 intentionally added: Yes as soon as one supplier selecting it says Yes; No when every relevant
 *   supplier answered and each selecting it says No; Unknown otherwise (Q1 not Yes stops there, as
 *   the template asks nothing more of it);
 * - Q2 remains in the product: Yes as soon as one supplier with Q1 Yes says Yes; No when every
 *   relevant supplier answered and each with Q1 Yes says No; Unknown otherwise (only Yes goes on);
 * - Q3 conflict-affected and high-risk areas, Q4 100 % recycled, Q5 response share, Q6 all
 *   processors identified, Q7 all reported: the CMRT's Q4-Q8 rules over the suppliers declaring it.
 */
function mineralAnswers(
  mineral: EmrtMineral,
  selecting: readonly EmrtSupplierAnswers[],
  records: OurEmrtRecords,
  { allAnswered, coverage, responded, relevant }: Coverage,
): EmrtMineralAnswers {
  const q1 = spread(
    selecting.map((answers) => said(answers, mineral, 'q1')),
    allAnswered,
    coverage,
  );
  if (q1.answer !== 'Yes') return { mineral, q1 };
  const added = selecting.filter((answers) => said(answers, mineral, 'q1') === 'yes');
  const q2 = spread(
    added.map((answers) => said(answers, mineral, 'q2')),
    allAnswered,
    coverage,
  );
  if (q2.answer !== 'Yes') return { mineral, q1, q2 };
  const declaring = selecting.filter((answers) => declares(answers, mineral));
  const saidOn = (question: keyof EmrtMineralAnswers): Said[] =>
    declaring.map((answers) => ({ supplierId: answers.supplierId, said: said(answers, mineral, question) }));
  const open = records.openSmelterRows.filter((row) => row.mineral === mineral);
  return {
    mineral,
    q1,
    q2,
    q3: sourcingAnswer(saidOn('q3'), allAnswered, coverage),
    q4: recycledAnswer(saidOn('q4'), allAnswered, coverage),
    q5: { answer: responseBand(responded, relevant), comment: coverage },
    q6: allIdentifiedAnswer(saidOn('q6'), allAnswered, open, coverage),
    q7: allReportedAnswer(open),
  };
}

/** Yes as soon as one says Yes; No when all answered and each says No; Unknown otherwise. */
function spread(said: readonly string[], allAnswered: boolean, coverage: string): Answer {
  if (said.includes('yes')) return YES;
  if (allAnswered && said.length > 0 && said.every((answer) => answer === 'no')) return { answer: 'No', comment: coverage };
  return { answer: 'Unknown', comment: coverage };
}

/**
 * The Mine List: the mines the suppliers declaring a mineral in our scope list on their latest usable
 * EMRT, once per (mineral, mine name, mine id, country), in the template's mineral order then by
 * name. The mine's identification and location are passed on; the supplier's contact at the mine,
 * its proposed next steps and its comments are its own dealings and stay with us.
 */
function mineList(
  usable: readonly EmrtSupplierAnswers[],
  inScope: readonly EmrtMineral[],
  declaring: (mineral: EmrtMineral) => ReadonlySet<string>,
): MineRow[] {
  const unique = new Map<string, MineRow>();
  for (const answers of usable) {
    for (const mine of answers.mines) {
      const mineral = mine.metal;
      if (!mineral || !inScope.includes(mineral) || !declaring(mineral).has(answers.supplierId) || !mine.mineName?.trim()) continue;
      const key = [mineral, mine.mineName, mine.mineId ?? '', mine.country ?? ''].map((part) => part.trim().toLowerCase()).join('|');
      if (unique.has(key)) continue;
      const { row: _row, contactName: _name, contactEmail: _email, nextSteps: _next, comments: _comments, ...passed } = mine;
      unique.set(key, passed);
    }
  }
  return [...unique.values()].sort(
    (a, b) =>
      EMRT_MINERALS.indexOf(a.metal!) - EMRT_MINERALS.indexOf(b.metal!) ||
      (a.mineName! < b.mineName! ? -1 : a.mineName! > b.mineName! ? 1 : 0),
  );
}
