import { METALS, type Metal } from '../../shared/metals';
import type { Answer, CompanyQuestions, Declaration, MineralAnswers, ProductRow, SmelterRow } from '../declaration.schema';
import { isMetalInScope, normalisedAnswer } from '../metal-scope';
import type { CompanyProfile } from './company-profile';

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
export interface IdentifiedSmelter {
  metal: Metal;
  smelterId: string;
  standardName: string;
  country: string | null;
  /** Suppliers naming it, for a metal in their scope, in their latest response of the period. */
  namedBy: readonly string[];
}

/** A registered supplier and the supplier it sits under (sub-tier suppliers), from the supply chain. */
export interface SupplierLink {
  supplierId: string;
  parentSupplierId: string | null;
}

/** A Smelter List row of a period's response that names no smelter we could place (smelter register). */
export interface OpenSmelterRow {
  metal: Metal | null;
  status: 'unresolved' | 'needs-confirmation' | 'unidentified';
}

/** Our management-system records of the period (OECD step 1) and our survey of suppliers. */
export interface ManagementRecords {
  policy: { version: string; url: string | null; adoptedAt: string } | null;
  teamAssigned: boolean;
  /** Suppliers with our sourcing clause in their contract. */
  contractClauses: number;
  /** CMRT requests sent for the period, and suppliers that answered (usable or not). */
  requestsSent: number;
  responded: number;
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
    readonly code: 'unknown-products' | 'no-products',
    message: string,
  ) {
    super(message);
    this.name = 'DeclarationNotDerivable';
  }
}

const YES: Answer = { answer: 'Yes' };
const NO: Answer = { answer: 'No' };
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
    company: {
      name: company.name,
      scope: company.scope,
      ...(company.uniqueId !== undefined ? { uniqueId: company.uniqueId } : {}),
      ...(company.uniqueIdAuthority !== undefined ? { uniqueIdAuthority: company.uniqueIdAuthority } : {}),
      ...(company.address !== undefined ? { address: company.address } : {}),
      contactName: company.contact.name,
      contactEmail: company.contact.email,
      contactPhone: company.contact.phone,
      authorizer: company.authorizer.name,
      ...(company.authorizer.title !== undefined ? { authorizerTitle: company.authorizer.title } : {}),
      authorizerEmail: company.authorizer.email,
      ...(company.authorizer.phone !== undefined ? { authorizerPhone: company.authorizer.phone } : {}),
      effectiveDate: records.effectiveDate,
    },
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
  const children = new Map<string, string[]>();
  for (const link of links) {
    if (link.parentSupplierId !== null)
      children.set(link.parentSupplierId, [...(children.get(link.parentSupplierId) ?? []), link.supplierId]);
  }
  const suppliers = new Set<string>();
  const pending = products.filter((product) => product.metalsNecessary.includes(metal)).flatMap((product) => product.supplierIds);
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (suppliers.has(id)) continue;
    suppliers.add(id);
    pending.push(...(children.get(id) ?? []));
  }
  return suppliers;
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

  return {
    q1: YES,
    q2: YES,
    q3: sourcing(metal, 'q3', declaring, allAnswered, coverage),
    q4: sourcing(metal, 'q4', declaring, allAnswered, coverage),
    q5: recycled(metal, declaring, allAnswered, coverage),
    q6: { answer: responseBand(usable.length, relevant.size), comment: coverage },
    q7: allIdentified(metal, declaring, allAnswered, open, coverage),
    q8: allReported(open),
  };
}

/**
 * Q3 (covered countries) and Q4 (conflict-affected and high-risk areas): Yes as soon as one supplier
 * declaring the metal says Yes (RMI: answer Yes even when those smelters are RMAP conformant); No
 * only when every relevant supplier answered usably and each one declaring the metal said No;
 * Unknown otherwise (a supplier did not answer, or answered Unknown or nothing).
 */
function sourcing(
  metal: Metal,
  question: 'q3' | 'q4',
  declaring: readonly SupplierAnswers[],
  allAnswered: boolean,
  coverage: string,
): Answer {
  const yes = declaring.filter((answers) => answerOf(answers, metal, question) === 'yes');
  if (yes.length > 0) {
    return {
      answer: 'Yes',
      comment: `Declared by ${yes.length} supplier(s): ${yes.map((answers) => answers.supplierId).join(', ')}; see the Smelter List`,
    };
  }
  if (allAnswered && declaring.every((answers) => answerOf(answers, metal, question) === 'no')) return { answer: 'No', comment: coverage };
  return { answer: 'Unknown', comment: coverage };
}

/**
 * Q5 (100 % recycled or scrap): No as soon as one supplier declaring the metal says No; Yes only when
 * every relevant supplier answered usably, at least one declares the metal, and all that do say Yes;
 * Unknown otherwise.
 */
function recycled(metal: Metal, declaring: readonly SupplierAnswers[], allAnswered: boolean, coverage: string): Answer {
  const said = declaring.map((answers) => answerOf(answers, metal, 'q5'));
  if (said.includes('no')) return { answer: 'No', comment: coverage };
  if (allAnswered && said.length > 0 && said.every((answer) => answer === 'yes')) return { answer: 'Yes', comment: coverage };
  return { answer: 'Unknown', comment: coverage };
}

/**
 * Q6 (share of relevant suppliers that responded): usable latest responses over the suppliers of the
 * products that need the metal, in the template's bands (a blank or another company's workbook is
 * not a response).
 */
export function responseBand(responded: number, relevant: number): string {
  if (relevant === 0 || responded === 0) return 'None';
  if (responded >= relevant) return '100%';
  const share = responded / relevant;
  if (share > 0.9) return 'Greater than 90%';
  if (share > 0.75) return 'Greater than 75%';
  if (share > 0.5) return 'Greater than 50%';
  return '50% or less';
}

/**
 * Q7 (all smelters identified): Yes only when every relevant supplier answered usably, each one
 * declaring the metal says it identified all its smelters, and the smelter register holds no row of
 * the period for the metal that is unresolved, awaiting confirmation or "not yet identified".
 */
function allIdentified(
  metal: Metal,
  declaring: readonly SupplierAnswers[],
  allAnswered: boolean,
  open: readonly OpenSmelterRow[],
  coverage: string,
): Answer {
  const notAll = declaring.filter((answers) => answerOf(answers, metal, 'q7') !== 'yes');
  if (allAnswered && notAll.length === 0 && open.length === 0) return YES;
  const reasons = [
    ...(allAnswered ? [] : [coverage]),
    ...(notAll.length > 0 ? [`${notAll.length} supplier(s) have not identified all their smelters`] : []),
    ...(open.length > 0 ? [`${open.length} Smelter List row(s) not identified yet`] : []),
  ];
  return { answer: 'No', comment: reasons.join('; ') };
}

/**
 * Q8 (all smelter information received reported): our Smelter List holds every smelter the register
 * identified, so Yes unless a row received names a smelter we could not place yet (unresolved or
 * awaiting confirmation); a "not yet identified" row carries no smelter information to report.
 */
function allReported(open: readonly OpenSmelterRow[]): Answer {
  const unplaced = open.filter((row) => row.status !== 'unidentified').length;
  return unplaced === 0 ? YES : { answer: 'No', comment: `${unplaced} Smelter List row(s) received name a smelter not placed yet` };
}

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
  const { management } = records;
  const surveyed = management.requestsSent > 0;
  const reviewed = management.responded > 0;
  const policy = management.policy;
  return {
    A: policy ? { answer: 'Yes', comment: `Policy ${policy.version} adopted ${policy.adoptedAt.slice(0, 10)}` } : NO,
    B: policy?.url ? { answer: 'Yes', comment: policy.url } : NO,
    C:
      management.contractClauses > 0
        ? { answer: 'Yes', comment: `Sourcing clause in ${management.contractClauses} supplier contract(s)` }
        : NO,
    D: management.teamAssigned && surveyed ? YES : NO,
    E: surveyed ? { answer: SURVEY_IN_CONFORMANCE } : NO,
    F: reviewed ? YES : NO,
    G: reviewed ? YES : NO,
    H: { answer: records.company.annualDisclosure },
  };
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
  const unique = new Map<string, IdentifiedSmelter>();
  const relevantByMetal = new Map(inScope.map((metal) => [metal, relevant?.(metal)]));
  for (const smelter of smelters) {
    if (!inScope.includes(smelter.metal)) continue;
    const suppliers = relevantByMetal.get(smelter.metal);
    if (suppliers && !smelter.namedBy.some((id) => suppliers.has(id))) continue;
    unique.set(`${smelter.metal}|${smelter.smelterId}`, smelter);
  }
  return [...unique.values()]
    .sort(
      (a, b) => METALS.indexOf(a.metal) - METALS.indexOf(b.metal) || (a.smelterId < b.smelterId ? -1 : a.smelterId > b.smelterId ? 1 : 0),
    )
    .map((smelter) => ({
      metal: smelter.metal,
      lookupName: smelter.standardName,
      name: smelter.standardName,
      country: smelter.country ?? 'Unknown',
      smelterId: smelter.smelterId,
    }));
}
