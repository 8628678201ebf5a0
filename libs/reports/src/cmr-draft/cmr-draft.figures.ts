import { METAL_LABELS, METALS, PRODUCT_CONCLUSIONS } from '@dd/domain';

/*
 * Every figure the draft states, by id, with what it counts: the engine must give each one with its
 * source (the model refuses a draft that lacks one), and the renderers place them by id.
 */

type Unit = 'count' | 'ratio';
const count = (label: string) => ({ label, unit: 'count' as Unit });
const ratio = (label: string) => ({ label, unit: 'ratio' as Unit });

const perTier = (what: string) => ({
  total: count(`${what}: all suppliers`),
  direct: count(`${what}: direct suppliers`),
  indirect: count(`${what}: indirect suppliers`),
});

const catalogue = {
  'products.registered': count('Products registered'),
  'products.inScope': count('Covered products (a Conflict Mineral necessary)'),
  'suppliers.active.direct': count('Active direct suppliers'),
  'suppliers.active.indirect': count('Active indirect suppliers'),
  ...Object.fromEntries(
    (['sent', 'responded', 'usable'] as const).flatMap((kind) =>
      Object.entries(perTier({ sent: 'Suppliers surveyed (CMRT)', responded: 'Responses received', usable: 'Usable responses' }[kind])).map(
        ([tier, figure]) => [`survey.${kind}.${tier}`, figure],
      ),
    ),
  ),
  'survey.responseRate': ratio('Response rate (received per supplier surveyed)'),
  'survey.usableRate': ratio('Usable response rate (usable per supplier surveyed)'),
  'survey.remindersSent': count('Reminders sent'),
  'survey.escalations': count('Non-responses escalated'),
  'survey.awaiting': count('Suppliers not yet answered'),
  'survey.overdue': count('Suppliers not answered by the due date'),
  'survey.scope.company': count('Latest declarations at company level'),
  'survey.scope.product': count('Latest declarations at product level'),
  'followUps.requested': count('Follow-ups asked of suppliers'),
  'followUps.resolved': count('Follow-ups resolved'),
  'followUps.open': count('Follow-ups open'),
  'program.communications.suppliers': count('Policy communications to suppliers'),
  'program.communications.customers': count('Policy communications to customers'),
  'program.contractClauses': count('Suppliers with Conflict Minerals contract terms'),
  'program.grievances': count('Grievances received'),
  'program.managementReports': count('Reports to senior management'),
  ...Object.fromEntries(
    METALS.flatMap((metal) => [
      [`smelters.${metal}.identified`, count(`${METAL_LABELS[metal]} smelters identified`)],
      [`smelters.${metal}.conformant`, count(`${METAL_LABELS[metal]} smelters RMAP conformant (or cross-recognized)`)],
      [`smelters.${metal}.active`, count(`${METAL_LABELS[metal]} smelters RMAP active`)],
      [`smelters.${metal}.other`, count(`${METAL_LABELS[metal]} smelters with another or no RMAP status`)],
    ]),
  ),
  'smelters.unresolvedRows': count('Smelter List rows naming no smelter we could place'),
  ...Object.fromEntries(
    METALS.map((metal) => [
      `coveredCountry.${metal}`,
      count(`Suppliers declaring ${METAL_LABELS[metal].toLowerCase()} may come from the Covered Countries`),
    ]),
  ),
  ...Object.fromEntries(
    PRODUCT_CONCLUSIONS.map((conclusion) => [`conclusions.${conclusion}`, count(`Products concluded "${conclusion}"`)]),
  ),
  'risks.open': count('Risks open'),
  'risks.withMitigation': count('Open risks with a mitigation plan'),
  'risks.closed': count('Risks closed'),
} as Record<string, { label: string; unit: Unit }>;

/** The figures of a draft, in the order the Figures table lists them. */
export const CMR_FIGURES: Readonly<Record<string, { label: string; unit: Unit }>> = catalogue;
export const CMR_FIGURE_IDS: readonly string[] = Object.keys(catalogue);
