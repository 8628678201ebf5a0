import { CmrDraftParams } from '@dd/engine';
import { reportHeadersDocument } from '../docs/as-of-headers.document';
import { jsonSchema, problemSchema } from '../docs/documented-route';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: jsonSchema(problemSchema) } } });
const shape = CmrDraftParams.shape;

/** GET /reports/cmr in the OpenAPI document: query parameters from the same zod schema the route validates with. */
export const CMR_DRAFT_PATH = {
  '/reports/cmr': {
    get: {
      operationId: 'GetCmrDraft',
      summary: 'The Conflict Minerals Report draft of a period, as of now, a business date/time or a log position',
      description:
        "Sections of a filed Conflict Minerals Report (company, products, supply chain, reasonable country of origin inquiry, due diligence by OECD step, efforts to determine origin, conclusions per product, improvements) and an annex of smelters by metal. Every figure is read from the log and cites its read and the as-of position (Annex B); the company's own prose is left as [[COMPANY TO WRITE: …]] placeholders. " +
        'Markdown, HTML (self-contained, print CSS) or PDF (printed from the HTML by headless Chromium). The same asOf gives the same bytes for md and html; X-Content-SHA256 states their SHA-256. Nothing is recorded.',
      tags: ['reports'],
      parameters: (['period', 'asOf', 'format'] as const).map((name) => ({
        name,
        in: 'query',
        required: name === 'period',
        schema: jsonSchema(shape[name], 'input'),
      })),
      responses: {
        200: {
          headers: reportHeadersDocument(),
          description: 'the draft (Content-Disposition names the file: cmr-draft-<period>-as-of-<position>.<ext>)',
          content: {
            'text/markdown': { schema: { type: 'string' } },
            'text/html': { schema: { type: 'string' } },
            'application/pdf': { schema: { type: 'string', format: 'binary' } },
          },
        },
        400: problem("an invalid parameter (each is named), or a position past the log's head"),
        401: problem('missing or unknown API key'),
        503: problem('PDF unavailable: chromium not found (code pdf-unavailable; md and html still work), or a read model unavailable'),
      },
    },
  },
};
