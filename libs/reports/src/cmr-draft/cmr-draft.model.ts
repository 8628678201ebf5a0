import { METALS, PRODUCT_CONCLUSIONS } from '@dd/domain';
import { z } from 'zod';
import { CMR_FIGURE_IDS, CMR_FIGURES } from './cmr-draft.figures';

/*
 * The Conflict Minerals Report draft as data: the engine assembles it from the read endpoints' own
 * queries as of a log position (libs/engine cmr-draft-model), the renderers here turn it into Markdown,
 * HTML and (through the HTML) PDF. Every figure carries the read it came from; the company's own
 * prose is not data and is never here: the renderers leave it as marked placeholders.
 */

const count = z.number().int().min(0);
const isoTime = z.iso.datetime();
const Metal = z.enum(METALS);

export const CMR_DRAFT_FORMATS = ['md', 'html', 'pdf'] as const;
export const CmrDraftFormat = z.enum(CMR_DRAFT_FORMATS);
export type CmrDraftFormat = z.infer<typeof CmrDraftFormat>;

/** A read of the engine's read side, as a reader would ask for it over HTTP. */
const Source = z
  .object({
    /** S1, S2, ...: how figures and tables cite it. */
    id: z.string().regex(/^S\d+$/),
    /** The read's operationId, e.g. GetCampaignFigures. */
    read: z.string(),
    /** The same read over HTTP, e.g. GET /campaigns?period=2024. */
    request: z.string().startsWith('GET /'),
  })
  .strict();

/** One figure of the draft: its value, and where in which read's answer it stands. */
const Figure = z
  .object({
    /** One of CMR_FIGURE_IDS (cmr-draft.figures.ts, which says what it counts), e.g. survey.sent.direct. */
    id: z.string(),
    /** null: a ratio with nothing to divide by. */
    value: z.number().min(0).nullable(),
    /** The id of the source it was read from. */
    source: z.string(),
    /** How the figure is read from the source's answer (a JSON path, or a count over it). */
    field: z.string(),
  })
  .strict();

const Product = z
  .object({
    productId: z.string(),
    name: z.string(),
    productLine: z.string(),
    metalsNecessary: z.array(Metal),
    inScope: z.boolean(),
    determination: z.string(),
  })
  .strict();

const OecdCriterion = z
  .object({ description: z.string(), met: z.boolean(), evidenceCount: count, missing: z.string().nullable() })
  .strict();
const OecdStep = z
  .object({
    step: z.number().int().min(1).max(5),
    name: z.string(),
    status: z.enum(['met', 'in-progress', 'not-started']),
    criteria: z.array(OecdCriterion),
  })
  .strict();

/** Management systems (OECD step 1) as the log records them: facts, not prose. */
const ManagementSystems = z
  .object({
    policy: z.object({ version: z.string(), url: z.string(), adoptedAt: isoTime }).strict().nullable(),
    team: z.object({ sponsor: z.string(), members: count }).strict().nullable(),
    grievanceMechanism: z.object({ description: z.string(), url: z.string().nullable() }).strict().nullable(),
  })
  .strict();

const SmelterCountry = z.object({ country: z.string(), metal: Metal, smelters: count }).strict();

const ProductConclusion = z
  .object({
    productId: z.string(),
    name: z.string(),
    productLine: z.string(),
    conclusion: z.enum(PRODUCT_CONCLUSIONS),
    reasons: z.array(z.string()),
  })
  .strict();

const AnnexSmelter = z
  .object({
    metal: Metal,
    smelterId: z.string(),
    name: z.string(),
    country: z.string().nullable(),
    /** An RMAP status, "not enrolled" (not on the status list), or "no status list" (none imported). */
    rmapStatus: z.string(),
  })
  .strict();

/** A table of the draft and the read it came from. */
const sourced = <T extends z.ZodType>(rows: T) => z.object({ source: z.string(), rows: z.array(rows) }).strict();

export const CmrDraftModel = z
  .object({
    period: z.number().int(),
    asOf: z
      .object({
        /** Global log position every read stands at (0: an empty log). */
        position: z.number().int().min(0),
        /** Business time (engine clock) of that position. */
        time: isoTime,
      })
      .strict(),
    /** The company's legal name from its profile (DD_COMPANY_FILE); null: left to the company. */
    companyName: z.string().nullable(),
    sources: z.array(Source).min(1),
    figures: z.array(Figure),
    products: sourced(Product),
    oecdSteps: sourced(OecdStep),
    managementSystems: z.object({ source: z.string(), facts: ManagementSystems }).strict(),
    smelterCountries: sourced(SmelterCountry),
    conclusions: sourced(ProductConclusion),
    annex: sourced(AnnexSmelter),
  })
  .strict()
  .superRefine((model, context) => {
    // Every citation names a source of this draft, and every figure id is given once.
    const sources = new Set(model.sources.map((source) => source.id));
    const cited: Array<[string, Array<string | number>]> = [
      ...model.figures.map((figure, index): [string, Array<string | number>] => [figure.source, ['figures', index, 'source']]),
      ...(['products', 'oecdSteps', 'managementSystems', 'smelterCountries', 'conclusions', 'annex'] as const).map(
        (table): [string, Array<string | number>] => [model[table].source, [table, 'source']],
      ),
    ];
    for (const [source, path] of cited) {
      if (!sources.has(source)) context.addIssue({ code: 'custom', path, message: `cites ${source}, which is not among the sources` });
    }
    // Every figure the draft states is given once, and nothing else.
    const seen = new Set<string>();
    model.figures.forEach((figure, index) => {
      if (!(figure.id in CMR_FIGURES))
        context.addIssue({ code: 'custom', path: ['figures', index, 'id'], message: `no such figure ${figure.id}` });
      if (seen.has(figure.id))
        context.addIssue({ code: 'custom', path: ['figures', index, 'id'], message: `figure ${figure.id} given twice` });
      seen.add(figure.id);
    });
    const missing = CMR_FIGURE_IDS.filter((id) => !seen.has(id));
    if (missing.length > 0) context.addIssue({ code: 'custom', path: ['figures'], message: `lacks figures ${missing.join(', ')}` });
  });
export type CmrDraftModel = z.infer<typeof CmrDraftModel>;
export type CmrDraftFigure = z.infer<typeof Figure>;
export type CmrDraftSource = z.infer<typeof Source>;
