import type { Answer, CompanyBlock } from '../declaration.schema';
import type { CompanyProfile } from './company-profile';

/**
 * The rules our CMRT and our EMRT answer alike (our-cmrt.ts, our-emrt.ts): the same questions stand
 * under other numbers in the two templates (CMRT Q4 conflict-affected areas = EMRT Q3; Q5 recycled =
 * Q4; Q6 response share = Q5; Q7 smelters identified = Q6; Q8 all reported = Q7; company questions
 * A, B, D-G), so each is decided here once, from what the relevant suppliers said.
 */

export const YES: Answer = { answer: 'Yes' };
export const NO: Answer = { answer: 'No' };

/** A registered supplier and the supplier it sits under (sub-tier suppliers), from the supply chain. */
export interface SupplierLink {
  supplierId: string;
  parentSupplierId: string | null;
}

/** One supplier's answer to one question ('yes', 'no', 'unknown' or '' normalised). */
export interface Said {
  supplierId: string;
  said: string;
}

/** The given suppliers and every supplier registered under them (sub-tier suppliers we survey too), each once. */
export function withSubTier(supplierIds: Iterable<string>, links: readonly SupplierLink[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const link of links) {
    if (link.parentSupplierId !== null)
      children.set(link.parentSupplierId, [...(children.get(link.parentSupplierId) ?? []), link.supplierId]);
  }
  const suppliers = new Set<string>();
  const pending = [...supplierIds];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (suppliers.has(id)) continue;
    suppliers.add(id);
    pending.push(...(children.get(id) ?? []));
  }
  return suppliers;
}

/**
 * Sourcing from covered countries or conflict-affected and high-risk areas (CMRT Q3/Q4, EMRT Q3): Yes
 * as soon as one supplier declaring the mineral says Yes (RMI: answer Yes even when those smelters are
 * conformant); No only when every relevant supplier answered usably and each one declaring it said No;
 * Unknown otherwise (a supplier did not answer, or answered Unknown or nothing).
 */
export function sourcingAnswer(said: readonly Said[], allAnswered: boolean, coverage: string): Answer {
  const yes = said.filter((answer) => answer.said === 'yes');
  if (yes.length > 0) {
    return {
      answer: 'Yes',
      comment: `Declared by ${yes.length} supplier(s): ${yes.map((answer) => answer.supplierId).join(', ')}; see the Smelter List`,
    };
  }
  if (allAnswered && said.every((answer) => answer.said === 'no')) return { answer: 'No', comment: coverage };
  return { answer: 'Unknown', comment: coverage };
}

/**
 * 100 % recycled or scrap (CMRT Q5, EMRT Q4): No as soon as one supplier declaring the mineral says No;
 * Yes only when every relevant supplier answered usably, at least one declares it, and all that do
 * say Yes; Unknown otherwise.
 */
export function recycledAnswer(said: readonly Said[], allAnswered: boolean, coverage: string): Answer {
  if (said.some((answer) => answer.said === 'no')) return { answer: 'No', comment: coverage };
  if (allAnswered && said.length > 0 && said.every((answer) => answer.said === 'yes')) return { answer: 'Yes', comment: coverage };
  return { answer: 'Unknown', comment: coverage };
}

/**
 * Share of relevant suppliers that responded (CMRT Q6, EMRT Q5): usable latest responses over the
 * relevant suppliers, in the templates' bands (a blank or another company's workbook is not a response).
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

/** An open Smelter List row of the period (smelter register): no smelter placed yet. */
export interface OpenRow {
  status: 'unresolved' | 'needs-confirmation' | 'unidentified';
}

/**
 * All smelters identified (CMRT Q7, EMRT Q6): Yes only when every relevant supplier answered usably,
 * each one declaring the mineral says it identified all its smelters, and the smelter register holds
 * no row of the period for it that is unresolved, awaiting confirmation or "not yet identified".
 */
export function allIdentifiedAnswer(said: readonly Said[], allAnswered: boolean, open: readonly OpenRow[], coverage: string): Answer {
  const notAll = said.filter((answer) => answer.said !== 'yes');
  if (allAnswered && notAll.length === 0 && open.length === 0) return YES;
  const reasons = [
    ...(allAnswered ? [] : [coverage]),
    ...(notAll.length > 0 ? [`${notAll.length} supplier(s) have not identified all their smelters`] : []),
    ...(open.length > 0 ? [`${open.length} Smelter List row(s) not identified yet`] : []),
  ];
  return { answer: 'No', comment: reasons.join('; ') };
}

/**
 * All smelter information received reported (CMRT Q8, EMRT Q7): our Smelter List holds every smelter
 * the register identified, so Yes unless a row received names a smelter we could not place yet
 * (unresolved or awaiting confirmation); a "not yet identified" row carries no smelter information.
 */
export function allReportedAnswer(open: readonly OpenRow[]): Answer {
  const unplaced = open.filter((row) => row.status !== 'unidentified').length;
  return unplaced === 0 ? YES : { answer: 'No', comment: `${unplaced} Smelter List row(s) received name a smelter not placed yet` };
}

/** Our management-system records of the period (OECD step 1) and our survey of suppliers in the family declared. */
export interface ManagementRecords {
  policy: { version: string; url: string | null; adoptedAt: string } | null;
  teamAssigned: boolean;
  /** Suppliers with our sourcing clause in their contract. */
  contractClauses: number;
  /** Requests sent for the period (of the template declared), and suppliers that answered (usable or not). */
  requestsSent: number;
  responded: number;
}

/**
 * Company questions both templates ask, for the whole company, from the management-system records:
 * - A policy: Yes iff a sourcing policy is adopted for the period;
 * - B public: Yes iff the adopted policy has a URL (written in the comment, as the template asks);
 * - C validated smelters required (the CMRT's once, the EMRT's per mineral): Yes iff our sourcing
 *   clause is in at least one supplier contract;
 * - D due diligence measures: Yes iff a team is assigned and suppliers were surveyed;
 * - E survey: the template's "in conformance with IPC1755" answer iff requests were sent for the period;
 * - F review: Yes iff responses were received (each one is reviewed against the Checker on receipt);
 * - G corrective action: as F, because the review opens a follow-up for every error it finds and
 *   risks are mitigated through plans (the process has corrective action built in).
 */
export function managementAnswers(
  management: ManagementRecords,
  surveyInConformance: string,
): Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', Answer> {
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
    E: surveyed ? { answer: surveyInConformance } : NO,
    F: reviewed ? YES : NO,
    G: reviewed ? YES : NO,
  };
}

/** The company block from the company profile and the day of issue. */
export function companyBlock(company: CompanyProfile, effectiveDate: string): CompanyBlock {
  return {
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
    effectiveDate,
  };
}

/** An identified smelter of the register for one metal or mineral. */
export interface IdentifiedSmelterOf<M extends string> {
  metal: M;
  smelterId: string;
  standardName: string;
  country: string | null;
  /** Suppliers naming it, for a mineral in their scope, in their latest response of the period. */
  namedBy: readonly string[];
}

/**
 * The Smelter List: every smelter the register identified in the period for a mineral in our scope,
 * once per (mineral, RMI id), in the template's mineral order and then by id, named by its RMI
 * standard name with its country ("Unknown" when the register has none). With `relevant`, only the
 * smelters the relevant suppliers of the mineral name (a product-level declaration).
 */
export function smelterListOf<M extends string>(
  smelters: readonly IdentifiedSmelterOf<M>[],
  order: readonly M[],
  inScope: readonly M[],
  relevant?: (mineral: M) => ReadonlySet<string>,
): Array<{ metal: M; lookupName: string; name: string; country: string; smelterId: string }> {
  const unique = new Map<string, IdentifiedSmelterOf<M>>();
  const relevantByMineral = new Map(inScope.map((mineral) => [mineral, relevant?.(mineral)]));
  for (const smelter of smelters) {
    if (!inScope.includes(smelter.metal)) continue;
    const suppliers = relevantByMineral.get(smelter.metal);
    if (suppliers && !smelter.namedBy.some((id) => suppliers.has(id))) continue;
    unique.set(`${smelter.metal}|${smelter.smelterId}`, smelter);
  }
  return [...unique.values()]
    .sort((a, b) => order.indexOf(a.metal) - order.indexOf(b.metal) || (a.smelterId < b.smelterId ? -1 : a.smelterId > b.smelterId ? 1 : 0))
    .map((smelter) => ({
      metal: smelter.metal,
      lookupName: smelter.standardName,
      name: smelter.standardName,
      country: smelter.country ?? 'Unknown',
      smelterId: smelter.smelterId,
    }));
}
