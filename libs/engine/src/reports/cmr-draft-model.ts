import { METALS, PRODUCT_CONCLUSIONS, type Metal } from '@dd/domain';
import type { CmrDraftFigure, CmrDraftModel, CmrDraftSource } from '@dd/reports';
import type { z } from 'zod';
import {
  campaignFiguresRead,
  oecdStatusRead,
  productConclusionsRead,
  productsRead,
  programRead,
  riskRegisterRead,
  smelterConformanceRead,
  smeltersRead,
  supplierProfilesRead,
  surveyStatusRead,
  unresolvedSmelterRowsRead,
} from '../reads';
import type { ReadModels, ReadParams, ReadQuery } from '../reads/read-query';
import type { ReportAsOf } from './risk-report-model';

/**
 * Asks the read endpoints' own queries (the same objects GET /campaigns, /smelters, ... answer from)
 * and notes each ask as a source, S1, S2, ... in the order asked, with the request a reader would
 * send over HTTP. Figures of the draft are taken from these answers only, so they are the
 * endpoints' figures and each can say where it was read.
 */
class SourceBook {
  readonly sources: CmrDraftSource[] = [];
  readonly figures: CmrDraftFigure[] = [];

  constructor(private readonly models: ReadModels) {}

  async ask<Params extends ReadParams, Answer>(
    query: ReadQuery<Params, z.ZodType, Answer>,
    params: z.input<Params>,
  ): Promise<{ answer: Answer; source: string }> {
    const parsed = query.params.parse(params);
    const id = `S${this.sources.length + 1}`;
    const search = Object.entries(params as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
      .join('&');
    this.sources.push({ id, read: query.name, request: `GET ${query.path}${search ? `?${search}` : ''}` });
    return { answer: await query.answer(parsed, this.models), source: id };
  }

  figure(id: string, value: number | null, source: string, field: string): void {
    this.figures.push({ id, value, source, field });
  }
}

const RMAP_LABEL_NONE = 'not enrolled';
const NO_STATUS_LIST = 'no status list';

/**
 * The Conflict Minerals Report draft's figures and tables, read from read models that stand at `asOf`
 * (the live ones for "now", a replay otherwise). Every list is sorted, so the same position gives the
 * same model. The company's name is the only thing not from the log: its profile (DD_COMPANY_FILE), or
 * null for a placeholder.
 */
export async function cmrDraftModelFrom(
  models: ReadModels,
  period: number,
  asOf: ReportAsOf,
  companyName: string | null,
): Promise<CmrDraftModel> {
  const book = new SourceBook(models);
  const fig = book.figure.bind(book);

  // 2. Products.
  const products = await book.ask(productsRead, {});
  const productRows = [...products.answer].sort(
    (a, b) => a.productLine.localeCompare(b.productLine) || a.name.localeCompare(b.name) || a.productId.localeCompare(b.productId),
  );
  fig('products.registered', productRows.length, products.source, 'length');
  fig('products.inScope', productRows.filter((product) => product.inScope).length, products.source, 'count where inScope');

  // 3. Supply chain.
  const suppliers = await book.ask(supplierProfilesRead, { status: 'active' });
  for (const tier of ['direct', 'indirect'] as const) {
    fig(
      `suppliers.active.${tier}`,
      suppliers.answer.filter((supplier) => supplier.tier === tier).length,
      suppliers.source,
      `count where tier = ${tier}`,
    );
  }

  // 4. Reasonable country of origin inquiry.
  const campaign = await book.ask(campaignFiguresRead, { period });
  const survey = campaign.answer;
  const field = (path: string) => [campaign.source, path] as const;
  for (const [kind, key] of [
    ['sent', 'requestsSent'],
    ['responded', 'responded'],
    ['usable', 'usable'],
  ] as const) {
    fig(`survey.${kind}.total`, survey[key], ...field(key));
    fig(`survey.${kind}.direct`, survey.byTier.direct[key], ...field(`byTier.direct.${key}`));
    fig(`survey.${kind}.indirect`, survey.byTier.indirect[key], ...field(`byTier.indirect.${key}`));
  }
  fig('survey.responseRate', survey.responseRate, ...field('responseRate'));
  fig('survey.usableRate', survey.usableRate, ...field('usableRate'));
  fig('survey.remindersSent', survey.remindersSent, ...field('remindersSent'));
  fig('survey.escalations', survey.escalations, ...field('escalations'));
  fig('survey.awaiting', survey.awaitingResponse, ...field('awaitingResponse'));
  fig('survey.overdue', survey.overdue, ...field('overdue'));
  fig('survey.scope.company', survey.scopes.company.count, ...field('scopes.company.count'));
  fig('survey.scope.product', survey.scopes.product.count, ...field('scopes.product.count'));

  const surveys = await book.ask(surveyStatusRead, { period });
  const followUps = surveys.answer.flatMap((supplier) => supplier.followUps);
  fig('followUps.requested', followUps.length, surveys.source, 'count of [].followUps[]');
  fig(
    'followUps.resolved',
    followUps.filter((item) => item.resolution !== null).length,
    surveys.source,
    'count of [].followUps[] where resolution',
  );
  fig(
    'followUps.open',
    followUps.filter((item) => item.resolution === null).length,
    surveys.source,
    'count of [].followUps[] where no resolution',
  );

  // Due diligence by OECD step: management systems, then the five steps.
  const program = await book.ask(programRead, { period });
  const systems = program.answer;
  fig('program.communications.suppliers', systems.communications.totals.suppliers, program.source, 'communications.totals.suppliers');
  fig('program.communications.customers', systems.communications.totals.customers, program.source, 'communications.totals.customers');
  fig('program.contractClauses', systems.contractClauses.count, program.source, 'contractClauses.count');
  fig('program.grievances', systems.grievances.count, program.source, 'grievances.count');
  fig('program.managementReports', systems.managementReports.length, program.source, 'managementReports.length');

  const oecd = await book.ask(oecdStatusRead, { period });

  // 5. Efforts to determine the mine or location of origin.
  const conformance = await book.ask(smelterConformanceRead, { period });
  for (const metal of METALS) {
    const row = conformance.answer.find((candidate) => candidate.metal === metal);
    for (const key of ['identified', 'conformant', 'active', 'other'] as const) {
      fig(`smelters.${metal}.${key}`, row?.[key] ?? 0, conformance.source, `[metal = ${metal}].${key}`);
    }
  }
  const unresolved = await book.ask(unresolvedSmelterRowsRead, { period });
  fig('smelters.unresolvedRows', unresolved.answer.length, unresolved.source, 'length');

  const covered = await book.ask(riskRegisterRead, { period, category: 'covered-country-sourcing' });
  for (const metal of METALS) {
    const declaring = new Set(
      covered.answer.filter((risk) => risk.metal === metal && risk.supplierId !== null).map((risk) => risk.supplierId),
    );
    fig(`coveredCountry.${metal}`, declaring.size, covered.source, `distinct supplierId where metal = ${metal}`);
  }

  // The smelters identified for an in-scope metal: the annex, and where they are located.
  const smelters = await book.ask(smeltersRead, { period });
  const identified = smelters.answer
    .filter((smelter): smelter is typeof smelter & { metal: Metal } => (METALS as readonly string[]).includes(smelter.metal))
    .filter((smelter) => smelter.namedInScope)
    .sort((a, b) => METALS.indexOf(a.metal) - METALS.indexOf(b.metal) || a.smelterId.localeCompare(b.smelterId));
  const locations = new Map<string, { country: string; metal: Metal; smelters: number }>();
  for (const smelter of identified) {
    const country = smelter.country ?? 'unknown';
    const key = `${country}\u0000${smelter.metal}`;
    locations.set(key, { country, metal: smelter.metal, smelters: (locations.get(key)?.smelters ?? 0) + 1 });
  }

  // 6. Conclusions per product.
  const conclusions = await book.ask(productConclusionsRead, { period });
  for (const conclusion of PRODUCT_CONCLUSIONS) {
    fig(
      `conclusions.${conclusion}`,
      conclusions.answer.summary.byConclusion[conclusion] ?? 0,
      conclusions.source,
      `summary.byConclusion["${conclusion}"]`,
    );
  }

  // 7. Steps to improve: where the risk register stands.
  const risks = await book.ask(riskRegisterRead, { period });
  const open = risks.answer.filter((risk) => risk.status !== 'closed');
  fig('risks.open', open.length, risks.source, 'count where status ≠ closed');
  fig(
    'risks.withMitigation',
    open.filter((risk) => risk.mitigation !== null).length,
    risks.source,
    'count where status ≠ closed and mitigation',
  );
  fig('risks.closed', risks.answer.length - open.length, risks.source, 'count where status = closed');

  return {
    period,
    asOf,
    companyName,
    sources: book.sources,
    figures: book.figures,
    products: {
      source: products.source,
      rows: productRows.map((product) => ({
        productId: product.productId,
        name: product.name,
        productLine: product.productLine,
        metalsNecessary: [...product.metalsNecessary].sort((a, b) => METALS.indexOf(a) - METALS.indexOf(b)),
        inScope: product.inScope,
        determination: product.determination,
      })),
    },
    oecdSteps: {
      source: oecd.source,
      rows: oecd.answer.steps.map((step) => ({
        step: step.step,
        name: step.name,
        status: step.status,
        criteria: step.criteria.map((criterion) => ({
          description: criterion.description,
          met: criterion.met,
          evidenceCount: criterion.evidenceCount,
          missing: criterion.missing ?? null,
        })),
      })),
    },
    managementSystems: {
      source: program.source,
      facts: {
        policy: systems.policy && { version: systems.policy.version, url: systems.policy.url, adoptedAt: systems.policy.adoptedAt },
        team: systems.team && { sponsor: systems.team.sponsor, members: systems.team.members.length },
        grievanceMechanism: systems.grievanceMechanism && {
          description: systems.grievanceMechanism.description,
          url: systems.grievanceMechanism.url,
        },
      },
    },
    smelterCountries: {
      source: smelters.source,
      rows: [...locations.values()].sort((a, b) => a.country.localeCompare(b.country) || METALS.indexOf(a.metal) - METALS.indexOf(b.metal)),
    },
    conclusions: {
      source: conclusions.source,
      rows: [...conclusions.answer.products]
        .filter((product) => product.conclusion !== 'no 3TG necessary')
        .sort(
          (a, b) => a.productLine.localeCompare(b.productLine) || a.name.localeCompare(b.name) || a.productId.localeCompare(b.productId),
        )
        .map((product) => ({
          productId: product.productId,
          name: product.name,
          productLine: product.productLine,
          conclusion: product.conclusion,
          // A reason given per metal reads the same for each: once is enough.
          reasons: [...new Set(product.reasons.map((reason) => reason.message))],
        })),
    },
    annex: {
      source: smelters.source,
      rows: identified.map((smelter) => ({
        metal: smelter.metal,
        smelterId: smelter.smelterId,
        name: smelter.standardName,
        country: smelter.country,
        rmapStatus: smelter.rmapStatus ?? (smelter.statusListAsOf === null ? NO_STATUS_LIST : RMAP_LABEL_NONE),
      })),
    },
  };
}
