import { RiskReportParams } from '@dd/engine';
import { reportHeadersDocument } from '../docs/as-of-headers.document';
import { jsonSchema, problemSchema } from '../docs/documented-route';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: jsonSchema(problemSchema) } } });
const shape = RiskReportParams.shape;

/** GET /reports/risk in the OpenAPI document: query parameters from the same zod schema the route validates with. */
export const RISK_REPORT_PATH = {
  '/reports/risk': {
    get: {
      operationId: 'GetRiskReport',
      summary: 'The risk report for senior management of a period, as of now, a business date/time or a log position',
      description:
        'HTML (self-contained, inline SVG charts, print CSS), Markdown, JSON (the report model) or PDF (printed from the HTML by headless Chromium). ' +
        "The same asOf gives the same bytes for html, md and json; X-Content-SHA256 states their SHA-256. Nothing is recorded: issued reports are the schedule's (RiskReportIssued).",
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
          description: 'the report (Content-Disposition names the file: risk-report-<period>-as-of-<position>.<ext>)',
          content: {
            'text/html': { schema: { type: 'string' } },
            'text/markdown': { schema: { type: 'string' } },
            'application/json': { schema: { type: 'object' } },
            'application/pdf': { schema: { type: 'string', format: 'binary' } },
          },
        },
        400: problem("an invalid parameter (each is named), or a position past the log's head"),
        401: problem('missing or unknown API key'),
        503: problem(
          'PDF unavailable: chromium not found (code pdf-unavailable; html, md and json still work), or a read model unavailable',
        ),
      },
    },
  },
};
