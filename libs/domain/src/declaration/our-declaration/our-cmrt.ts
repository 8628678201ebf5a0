import { METALS, type Metal } from '../../shared/metals';
import type { CompanyQuestions, Declaration, MineralAnswers, ProductRow, SmelterRow } from '../declaration.schema';
import { isMetalInScope, normalisedAnswer } from '../metal-scope';
import type { CompanyProfile } from './company-profile';
import {
  allIdentifiedAnswer,
  allReportedAnswer,
  companyBlock,
  managementAnswers,
  NO,
  recycledAnswer,
  responseBand,
  smelterListOf,
  sourcingAnswer,
  withSubTier,
  YES,
  type IdentifiedSmelterOf,
  type ManagementRecords,
  type SupplierLink,
} from './declaration-rules';

/**
 * Our own CMRT for our customers, derived from our records: what we ask of our suppliers, answered
 * for us. Pure: the engine gathers the records from the read models (supply chain, surveys, smelter
 * register, management systems) and this decides every answer. Each rule below says where its
 * answer comes from; our-cmrt.spec.ts states them as given/when/then.
 */

/** A product of ours, with the 3TG necessary to it (Rule 13p-1) and the suppliers of its parts. */
export interface OurProduct {
  productId: string;
  name: string;
  metalsNecessary: readonly Metal[];
  supplierIds: readonly string[];
}

/** A supplier's latest usable response of the period (response-usability.ts): its questions 1-8. */
export interface SupplierAnswers {
  supplierId: string;
  responseNumber: number;
  minerals: Declaration['minerals'];
}

/** A smelter the smelter register identified (matched) in the period's responses. */
export type IdentifiedSmelter = IdentifiedSmelterOf<Metal>;

/** A Smelter List row of a period's response that names no smelter we could place (smelter register). */
export interface OpenSmelterRow {
  metal: Metal | null;
  status: 'unresolved' | 'needs-confirmation' | 'unidentified';
}

export interface OurDeclarationRecords {
  period: number;
  /** YYYY-MM-DD: the day the declaration is issued (D22). */
  effectiveDate: string;
  company: CompanyProfile;
  /** Every product of ours (supply-chain read model). */
  products: readonly OurProduct[];
  answers: readonly SupplierAnswers[];
  /** Every registered supplier with its parent: a product's supply chain is its suppliers and everything under them. */
  suppliers: readonly SupplierLink[];
  smelters: readonly IdentifiedSmelter[];
  openSmelterRows: readonly OpenSmelterRow[];
  management: ManagementRecords;
}

/** The declaration cannot be made from these records; `code` says why. */
export class DeclarationNotDerivable extends Error {
  constructor(
    readonly code: 'unknown-products' | 'no-products' | 'no-emrt-answers',
    message: string,
  ) {
    super(message);
    this.name = 'DeclarationNotDerivable';
  }
}

const SURVEY_IN_CONFORMANCE = 'Yes, in conformance with IPC1755 (e.g., CMRT)';

export function deriveOurCmrt(records: OurDeclarationRecords): Declaration {
  const products = declaredProducts(records);
  const minerals = {} as Declaration['minerals'];
  const inScope: Metal[] = [];
  for (const metal of METALS) {
    minerals[metal] = mineralAnswers(metal, products, records);
    if (minerals[metal].q1?.answer === 'Yes' && minerals[metal].q2?.answer === 'Yes') inScope.push(metal);
  }
  const { company } = records;
  return {
    company: companyBlock(company, records.effectiveDate),
    minerals,
    companyQuestions: companyQuestions(records),
    smelters: smelterList(
      records.smelters,
      inScope,
      company.scope === 'product' ? (metal) => relevantSuppliers(metal, products, records.suppliers) : undefined,
    ),
    products: company.scope === 'product' ? productList(products) : [],
  };
}

/**
 * Which products the declaration speaks for: scope A (company) every product of ours; scope B the
 * products the company profile lists, or without a list every product with a 3TG necessary. An
 * unknown product id in the profile is an error, never silently left out.
 */
export function declaredProducts(records: Pick<OurDeclarationRecords, 'company' | 'products'>): OurProduct[] {
  const { company, products } = records;
  if (company.scope === 'company') return [...products];
  if (!company.products) return products.filter((product) => product.metalsNecessary.length > 0);
  const byId = new Map(products.map((product) => [product.productId, product]));
  const unknown = company.products.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    throw new DeclarationNotDerivable(
      'unknown-products',
      `the company profile lists products that are not registered: ${unknown.join(', ')}`,
    );
  }
  return company.products.map((id) => byId.get(id)!);
}

function productList(products: readonly OurProduct[]): ProductRow[] {
  if (products.length === 0) throw new DeclarationNotDerivable('no-products', 'a product-level declaration needs at least one product');
  return products.map((product) => ({ number: product.productId, name: product.name }));
}

/**
 * The relevant suppliers for a metal: the suppliers of the declared products that need it, and every
 * supplier registered under them (sub-tier suppliers we survey too), each once.
 */
export function relevantSuppliers(metal: Metal, products: readonly OurProduct[], links: readonly SupplierLink[]): Set<string> {
  return withSubTier(
    products.filter((product) => product.metalsNecessary.includes(metal)).flatMap((product) => product.supplierIds),
    links,
  );
}

function answerOf(answers: SupplierAnswers, metal: Metal, question: keyof MineralAnswers): string {
  return normalisedAnswer(answers.minerals[metal][question]?.answer);
}

function mineralAnswers(metal: Metal, products: readonly OurProduct[], records: OurDeclarationRecords): MineralAnswers {
  // Q1: Yes iff a declared product has the metal necessary to its functionality or production (our
  // Rule 13p-1 determination, recorded per product).
  const necessary = products.some((product) => product.metalsNecessary.includes(metal));
  // Q2 is asked only while Q1 is not No (the template's Checker); a metal we do not use stops at Q1.
  if (!necessary) return { q1: NO };
  // Q2: Yes whenever Q1 is: our determination says the metal is necessary to the product, which the
  // records do not split into "added in production only" and "remains in the product"; declaring it
  // present is the reading that never understates.
  const relevant = relevantSuppliers(metal, products, records.suppliers);
  const usable = records.answers.filter((answers) => relevant.has(answers.supplierId));
  const allAnswered = relevant.size > 0 && usable.length === relevant.size;
  // Suppliers that declare the metal in their own scope (their Q1 = Q2 = Yes) speak to Q3-Q8 for it.
  const declaring = usable.filter((answers) => isMetalInScope({ minerals: answers.minerals } as Declaration, metal));
  const coverage = `${usable.length} of ${relevant.size} relevant suppliers answered usably`;
  const open = records.openSmelterRows.filter((row) => row.metal === metal);
  const said = (question: keyof MineralAnswers) =>
    declaring.map((answers) => ({ supplierId: answers.supplierId, said: answerOf(answers, metal, question) }));

  return {
    q1: YES,
    q2: YES,
    q3: sourcingAnswer(said('q3'), allAnswered, coverage),
    q4: sourcingAnswer(said('q4'), allAnswered, coverage),
    q5: recycledAnswer(said('q5'), allAnswered, coverage),
    q6: { answer: responseBand(usable.length, relevant.size), comment: coverage },
    q7: allIdentifiedAnswer(said('q7'), allAnswered, open, coverage),
    q8: allReportedAnswer(open),
  };
}

// Q3/Q4 sourcingAnswer, Q5 recycledAnswer, Q6 responseBand, Q7 allIdentifiedAnswer, Q8 allReportedAnswer:
// declaration-rules.ts (the same rules answer our EMRT).

/**
 * Company questions A-H, for the whole company (not the declaration scope), from the management-system
 * records of the period:
 * - A policy: Yes iff a sourcing policy is adopted for the period;
 * - B public: Yes iff the adopted policy has a URL (written in the comment, as the template asks);
 * - C validated smelters required: Yes iff our sourcing clause is in at least one supplier contract;
 * - D due diligence measures: Yes iff a team is assigned and suppliers were surveyed;
 * - E survey: "in conformance with IPC1755 (e.g., CMRT)" iff CMRT requests were sent for the period;
 * - F review: Yes iff responses were received (each one is reviewed against the Checker on receipt);
 * - G corrective action: as F, because the review opens a follow-up for every error it finds and
 *   risks are mitigated through plans (the process has corrective action built in);
 * - H annual disclosure: the company profile's legal status.
 */
function companyQuestions(records: OurDeclarationRecords): CompanyQuestions {
  return { ...managementAnswers(records.management, SURVEY_IN_CONFORMANCE), H: { answer: records.company.annualDisclosure } };
}

/**
 * The Smelter List: every smelter the register identified in the period for a metal in our scope,
 * once per (metal, RMI id), by metal in the template's order and then id, named by its RMI standard
 * name (the look-up value RMI's own list offers for it) with its country ("Unknown" when the register
 * has none). The writer places each on the template: by id when the template's look-up has it.
 * A product-level declaration lists only the smelters its products' relevant suppliers name; a
 * company-level one every smelter identified for the metal (the whole company's supply chain).
 */
function smelterList(
  smelters: readonly IdentifiedSmelter[],
  inScope: readonly Metal[],
  relevant?: (metal: Metal) => ReadonlySet<string>,
): SmelterRow[] {
  return smelterListOf(smelters, METALS, inScope, relevant);
}
