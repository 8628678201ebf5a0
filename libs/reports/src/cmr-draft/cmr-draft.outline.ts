import { METAL_LABELS, METALS, PRODUCT_CONCLUSIONS, type Metal } from '@dd/domain';
import { longDate } from '../risk-report/risk-report.text';
import { CMR_FIGURE_IDS, CMR_FIGURES } from './cmr-draft.figures';
import type { CmrDraftFigure, CmrDraftModel } from './cmr-draft.model';

/*
 * The draft's text, once, as blocks both renderers (Markdown, HTML) serialise: the same words and
 * figures in both. Sections follow a filed Conflict Minerals Report (company overview, products,
 * supply chain, compliance process with the reasonable country of origin inquiry and the five OECD
 * steps, efforts to determine origin, conclusions, improvements) and add the smelter annex and the
 * sources. Figures come from the model only; what only the company can say is a placeholder.
 */

/** Marks the company's own prose. Renderers keep the brackets so that a search finds every one left. */
export const PLACEHOLDER_OPEN = '[[COMPANY TO WRITE: ';
export const PLACEHOLDER_CLOSE = ']]';

export type Inline =
  | string
  /** A figure of the model, by id: its value and a citation of its source. */
  | { fig: string }
  /** The company's prose, to be written. */
  | { todo: string }
  /** A citation of a source, by id. */
  | { cite: string }
  | { code: string }
  | { strong: string };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; id?: string }
  | { kind: 'paragraph'; parts: Inline[] }
  | { kind: 'notice'; parts: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | {
      kind: 'table';
      headers: Array<{ label: string; numeric?: boolean }>;
      rows: Inline[][];
      source?: string;
      caption?: string;
      /** Anchors for the rows (the sources table: citations link to them). */
      rowIds?: string[];
    }
  | { kind: 'none'; text: string };

export const CMR_TITLE = 'Conflict Minerals Report';

/** The conclusions a covered product can reach (the fourth, no 3TG necessary, is not a covered product's). */
const COVERED_CONCLUSIONS = PRODUCT_CONCLUSIONS.filter((conclusion) => conclusion !== 'no 3TG necessary');

const COVERED_COUNTRIES_TEXT =
  'the Democratic Republic of the Congo, the Republic of the Congo, the Central African Republic, South Sudan, Uganda, Rwanda, Burundi, Tanzania, Zambia and Angola';

const p = (...parts: Inline[]): Block => ({ kind: 'paragraph', parts });
const todo = (text: string): Block => ({ kind: 'paragraph', parts: [{ todo: text }] });
const h = (level: 1 | 2 | 3, text: string, id?: string): Block => ({ kind: 'heading', level, text, ...(id ? { id } : {}) });
const fig = (id: string): Inline => ({ fig: id });
const num = (label: string) => ({ label, numeric: true });
const col = (label: string) => ({ label });

export function titleOf(model: CmrDraftModel): string {
  return `${model.companyName ?? 'The Company'} ${CMR_TITLE} for the year ended December 31, ${model.period}`;
}

export function asOfLine(model: CmrDraftModel): string {
  return `log position ${model.asOf.position}, ${longDate(model.asOf.time)} (business time)`;
}

/** The figure by id; a renderer asking for one the model lacks is a bug, said loudly. */
export function figureOf(model: CmrDraftModel, id: string): CmrDraftFigure {
  const figure = model.figures.find((candidate) => candidate.id === id);
  if (!figure) throw new Error(`CMR draft: no figure ${id} in the model`);
  return figure;
}

export function figureText(figure: CmrDraftFigure): string {
  if (figure.value === null) return '—';
  // A non-breaking space: "95.6 %" never splits over two lines.
  return CMR_FIGURES[figure.id].unit === 'ratio' ? `${(Math.round(figure.value * 1000) / 10).toFixed(1)}\u00a0%` : String(figure.value);
}

export function cmrDraftOutline(model: CmrDraftModel): Block[] {
  const company: Inline = model.companyName ?? { todo: "the company's legal name" };
  const period = model.period;
  return [
    h(1, titleOf(model)),
    {
      kind: 'notice',
      parts: [
        { strong: 'Draft.' },
        ` Assembled from the due-diligence log as of ${asOfLine(model)}. Every figure cites the read it came from (see Sources); `,
        'highlighted text in double brackets marked "COMPANY TO WRITE" is the company\'s to write. Not for filing while one is left.',
      ],
    },
    p(
      'This Conflict Minerals Report (the "Report") of ',
      company,
      ` (the "Company," "we," "our," or "us") has been prepared pursuant to Rule 13p-1 and Form SD (the "Rule") promulgated under the Securities Exchange Act of 1934 for the reporting period January 1, ${period} to December 31, ${period}.`,
    ),
    p(
      'The Rule requires disclosure of certain information when a company manufactures or contracts to manufacture products for which the minerals specified in the Rule are necessary to the functionality or production of those products. ' +
        'The specified minerals ("Conflict Minerals") are gold, columbite-tantalite (coltan), cassiterite and wolframite, including their derivatives, which are limited to tantalum, tin and tungsten. ' +
        `The "Covered Countries" are ${COVERED_COUNTRIES_TEXT}.`,
    ),

    h(2, '1. Company Overview', 'company-overview'),
    todo('what the company does, its markets and customers (one or two paragraphs)'),

    h(2, '2. Products Overview', 'products'),
    todo('the product lines and how they are marketed, sold and deployed'),
    p(
      'The product register holds ',
      fig('products.registered'),
      ' products; for ',
      fig('products.inScope'),
      ' of them a Conflict Mineral is necessary to their functionality or production (the covered products):',
    ),
    productsTable(model),

    h(2, '3. Supply Chain Overview', 'supply-chain'),
    todo(
      'how the products are made (own plants, contract manufacturers, where) and why the company relies on its suppliers for the origin of the minerals',
    ),
    p(
      'The supplier register holds ',
      fig('suppliers.active.direct'),
      ' active direct suppliers and ',
      fig('suppliers.active.indirect'),
      ' active indirect (sub-tier) suppliers. We do not purchase Conflict Minerals directly from mines, smelters or refiners.',
    ),

    h(2, '4. Conflict Minerals Compliance Process', 'compliance-process'),
    todo(
      "that the reasonable country of origin inquiry and due diligence were designed to conform with the OECD Due Diligence Guidance, in the company's words",
    ),
    h(3, 'Reasonable Country of Origin Inquiry', 'rcoi'),
    todo('how the inquiry was designed (which suppliers were asked, and why)'),
    p(
      `For ${period} we sent the Conflict Minerals Reporting Template (CMRT) to `,
      fig('survey.sent.total'),
      ' suppliers: ',
      fig('survey.sent.direct'),
      ' direct and ',
      fig('survey.sent.indirect'),
      ' indirect. ',
      fig('survey.responded.total'),
      ' answered (',
      fig('survey.responseRate'),
      ' of those asked); ',
      fig('survey.usable.total'),
      ' answers were usable (',
      fig('survey.usableRate'),
      "): neither a blank template nor another company's file.",
    ),
    {
      kind: 'table',
      caption: 'Suppliers surveyed by tier',
      headers: [col('Tier'), num('Surveyed'), num('Responses received'), num('Usable responses')],
      rows: [
        ['Direct', fig('survey.sent.direct'), fig('survey.responded.direct'), fig('survey.usable.direct')],
        ['Indirect', fig('survey.sent.indirect'), fig('survey.responded.indirect'), fig('survey.usable.indirect')],
        ['All suppliers', fig('survey.sent.total'), fig('survey.responded.total'), fig('survey.usable.total')],
      ],
    },
    p(
      'We sent ',
      fig('survey.remindersSent'),
      ' reminders to suppliers who had not answered and escalated ',
      fig('survey.escalations'),
      ' non-responses to their owners in purchasing; ',
      fig('survey.awaiting'),
      ' suppliers had not answered (',
      fig('survey.overdue'),
      ' past the due date). We reviewed every response and asked ',
      fig('followUps.requested'),
      ' follow-ups on incomplete, inconsistent or inaccurate answers; ',
      fig('followUps.resolved'),
      ' were resolved and ',
      fig('followUps.open'),
      ' remain open.',
    ),

    h(3, 'Due Diligence by OECD Step', 'due-diligence'),
    p(
      'The log holds the following for each of the five steps of the OECD Due Diligence Guidance: which criteria are met, how many recorded events show it, and what is missing.',
    ),
    ...model.oecdSteps.rows.flatMap((step) => oecdStep(model, step)),

    h(2, '5. Efforts to Determine Mine or Location of Origin', 'origin'),
    todo(
      'why asking suppliers for their smelters and refiners is the most reasonable effort the company can make to determine the mines or locations of origin',
    ),
    p(
      'Of the suppliers that answered, ',
      fig('survey.scope.company'),
      " declared at company level in their latest response (all of the supplier's products, not only those it supplies to us) and ",
      fig('survey.scope.product'),
      ' at product level. The suppliers named the following smelters and refiners, identified against the RMI reference list and judged by the RMAP status list:',
    ),
    {
      kind: 'table',
      caption: 'Smelters and refiners identified, by metal',
      headers: [col('Metal'), num('Identified'), num('RMAP conformant'), num('RMAP active'), num('Other')],
      rows: METALS.map((metal) => [
        METAL_LABELS[metal],
        fig(`smelters.${metal}.identified`),
        fig(`smelters.${metal}.conformant`),
        fig(`smelters.${metal}.active`),
        fig(`smelters.${metal}.other`),
      ]),
    },
    p(
      fig('smelters.unresolvedRows'),
      ' Smelter List rows of the latest responses name no smelter we could place (unresolved, awaiting confirmation or not yet identified). Annex A lists every identified smelter.',
    ),
    h(3, 'Countries of origin', 'countries'),
    p(
      'Suppliers declared that the following metals may come from the Covered Countries (CMRT question 3 answered Yes or Unknown, as recorded in the risk register): ',
      ...METALS.flatMap((metal, index): Inline[] => [
        `${METAL_LABELS[metal].toLowerCase()} `,
        fig(`coveredCountry.${metal}`),
        index === METALS.length - 1 ? ' suppliers.' : ', ',
      ]),
    ),
    smelterCountriesTable(model),
    p(
      'The log records where the smelters and refiners are located, not the mines their minerals come from: the countries of origin of the minerals are not known from it.',
    ),
    todo(
      'the countries of origin of the Conflict Minerals, where known from other sources (e.g. RMI country-of-origin data), or that they could not be determined',
    ),

    h(2, '6. Conclusions', 'conclusions'),
    p(
      "Each covered product's conclusion, from its suppliers' latest answers and the RMAP status of the smelters they name: ",
      ...COVERED_CONCLUSIONS.flatMap((conclusion, index): Inline[] => [
        `"${conclusion}" `,
        fig(`conclusions.${conclusion}`),
        index === COVERED_CONCLUSIONS.length - 1 ? '. ' : '; ',
      ]),
      fig('conclusions.no 3TG necessary'),
      ' registered products need no Conflict Mineral and are outside the Rule.',
    ),
    conclusionsTable(model),
    todo('the conclusion statement the company files for its covered products, in its own words'),

    h(2, '7. Steps to Improve Due Diligence', 'improvements'),
    p(
      'As of this draft ',
      fig('risks.open'),
      ' risks were open in the risk register, ',
      fig('risks.withMitigation'),
      ' of them with a mitigation plan; ',
      fig('risks.closed'),
      ' have been closed.',
    ),
    todo(
      'the steps the company will take to improve its due diligence and mitigate the risk that its Conflict Minerals benefit armed groups',
    ),

    h(2, 'Annex A. Smelters and Refiners by Metal', 'annex-smelters'),
    ...annex(model),

    h(2, 'Annex B. Sources', 'sources'),
    p(
      `Each source is the query behind a read endpoint, asked of the read models as they stood at ${asOfLine(model)}. ` +
        `While the log's head is at that position the endpoint gives the same answer; later, this draft asked again as of position ${model.asOf.position} ` +
        `(GET /reports/cmr?period=${model.period}&asOf=${model.asOf.position}) gives the same figures, byte for byte.`,
    ),
    {
      kind: 'table',
      headers: [col('Source'), col('Read'), col('Request'), num('As of position')],
      rowIds: model.sources.map((source) => source.id),
      rows: model.sources.map((source) => [source.id, source.read, { code: source.request }, String(model.asOf.position)]),
    },
    h(3, 'Figures and their sources', 'figures'),
    {
      kind: 'table',
      headers: [col('Figure'), num('Value'), col('Source'), col('Read from the answer')],
      rows: CMR_FIGURE_IDS.map((id) => figureOf(model, id)).map((figure) => [
        CMR_FIGURES[figure.id].label,
        figureText(figure),
        { cite: figure.source },
        { code: figure.field },
      ]),
    },
  ];
}

function productsTable(model: CmrDraftModel): Block {
  const covered = model.products.rows.filter((product) => product.inScope);
  if (covered.length === 0) return { kind: 'none', text: 'No covered product is registered.' };
  return {
    kind: 'table',
    caption: 'Covered products',
    source: model.products.source,
    headers: [col('Product'), col('Product line'), col('Conflict Minerals necessary'), col('Where')],
    rows: covered.map((product) => [
      product.name,
      product.productLine,
      product.metalsNecessary.map((metal) => METAL_LABELS[metal].toLowerCase()).join(', '),
      product.determination,
    ]),
  };
}

const STEP_PROSE: Record<number, string> = {
  1: "the management systems in the company's words: policy, internal team, supplier engagement and contract terms, records, grievance mechanism",
  2: 'how the company identifies and assesses risk in its supply chain',
  3: 'the strategy for responding to risks and how findings are reported to senior management',
  4: 'how the company relies on independent third-party audits of smelters and refiners (RMAP)',
  5: 'where this Report is published (its URL)',
};

function oecdStep(model: CmrDraftModel, step: CmrDraftModel['oecdSteps']['rows'][number]): Block[] {
  const met = step.criteria.filter((criterion) => criterion.met).length;
  const blocks: Block[] = [
    p(
      { strong: `Step ${step.step}. ${step.name}` },
      ` — ${step.status.replace('-', ' ')}, ${met} of ${step.criteria.length} criteria met `,
      {
        cite: model.oecdSteps.source,
      },
    ),
    {
      kind: 'table',
      headers: [col('Criterion'), col('Met'), num('Events'), col('What is missing')],
      rows: step.criteria.map((criterion) => [
        criterion.description,
        criterion.met ? 'yes' : 'no',
        String(criterion.evidenceCount),
        criterion.missing ?? '—',
      ]),
    },
  ];
  if (step.step === 1) blocks.push(...managementSystems(model));
  if (step.step === 3) {
    blocks.push(p('Reports to senior management recorded in the period: ', fig('program.managementReports'), '.'));
  }
  blocks.push(todo(STEP_PROSE[step.step] ?? `step ${step.step} in the company's words`));
  return blocks;
}

function managementSystems(model: CmrDraftModel): Block[] {
  const { facts, source } = model.managementSystems;
  const cite: Inline = { cite: source };
  const items: Inline[][] = [
    facts.policy
      ? [
          'Conflict Minerals policy version ',
          { code: facts.policy.version },
          ` adopted ${longDate(facts.policy.adoptedAt)}, published at `,
          { code: facts.policy.url },
          ' ',
          cite,
        ]
      : ['No Conflict Minerals policy is recorded for the period ', cite],
    facts.team
      ? [`Internal team of ${facts.team.members} with ${facts.team.sponsor} as senior sponsor `, cite]
      : ['No internal team is recorded ', cite],
    [
      'Policy communicated to suppliers ',
      fig('program.communications.suppliers'),
      ' times and to customers ',
      fig('program.communications.customers'),
      ' times',
    ],
    ['Conflict Minerals terms in the contracts of ', fig('program.contractClauses'), ' suppliers'],
    facts.grievanceMechanism
      ? [
          'Grievance mechanism: ',
          facts.grievanceMechanism.description,
          ...(facts.grievanceMechanism.url ? [' (', { code: facts.grievanceMechanism.url }, ')'] : []),
          ' ',
          cite,
        ]
      : ['No grievance mechanism is recorded ', cite],
    ['Grievances received in the period: ', fig('program.grievances')],
  ];
  return [p('Management systems recorded in the log:'), { kind: 'list', items }];
}

function smelterCountriesTable(model: CmrDraftModel): Block {
  const rows = model.smelterCountries.rows;
  if (rows.length === 0) return { kind: 'none', text: 'No smelter or refiner is identified, so no location is known.' };
  const countries = [...new Set(rows.map((row) => row.country))];
  const count = (country: string, metal: Metal) => rows.find((row) => row.country === country && row.metal === metal)?.smelters ?? 0;
  return {
    kind: 'table',
    caption: 'Where the identified smelters and refiners are located',
    source: model.smelterCountries.source,
    headers: [col('Country'), ...METALS.map((metal) => num(METAL_LABELS[metal]))],
    rows: countries.map((country) => [country, ...METALS.map((metal) => String(count(country, metal)))]),
  };
}

function conclusionsTable(model: CmrDraftModel): Block {
  if (model.conclusions.rows.length === 0) return { kind: 'none', text: 'No product is registered.' };
  return {
    kind: 'table',
    caption: 'Conclusion per product',
    source: model.conclusions.source,
    headers: [col('Product'), col('Product line'), col('Conclusion'), col('Why')],
    rows: model.conclusions.rows.map((product) => [
      product.name,
      product.productLine,
      { strong: product.conclusion },
      product.reasons.join('; ') || '—',
    ]),
  };
}

function annex(model: CmrDraftModel): Block[] {
  const blocks: Block[] = [];
  for (const metal of METALS) {
    const rows = model.annex.rows.filter((row) => row.metal === metal);
    blocks.push(h(3, METAL_LABELS[metal], `annex-${metal}`));
    blocks.push(
      rows.length === 0
        ? { kind: 'none', text: `No ${METAL_LABELS[metal].toLowerCase()} smelter or refiner is identified.` }
        : {
            kind: 'table',
            source: model.annex.source,
            headers: [col('RMI smelter id'), col('Name'), col('Country'), col('RMAP status')],
            rows: rows.map((row) => [{ code: row.smelterId }, row.name, row.country ?? '—', row.rmapStatus]),
          },
    );
  }
  return blocks;
}

/** Every placeholder the outline leaves, in order: the company's to-do list. */
export function placeholdersOf(blocks: readonly Block[]): string[] {
  const found: string[] = [];
  const visit = (parts: readonly Inline[]) => {
    for (const part of parts) if (typeof part === 'object' && 'todo' in part) found.push(part.todo);
  };
  for (const block of blocks) {
    if (block.kind === 'paragraph' || block.kind === 'notice') visit(block.parts);
    if (block.kind === 'list') block.items.forEach(visit);
    if (block.kind === 'table') block.rows.forEach(visit);
  }
  return found;
}
