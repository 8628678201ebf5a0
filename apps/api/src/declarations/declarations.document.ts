import { XLSX_CONTENT_TYPE } from '@dd/engine';
import { documentedResponse } from '../docs/documented-route';

const problem = (description: string) => documentedResponse({ description, problem: true });

export const CMRT_DECLARATION_PATH = '/declarations/cmrt';

/** GET /declarations/cmrt in the OpenAPI document: a query parameter and an .xlsx download. */
export const CMRT_DECLARATION_DOCUMENT = {
  get: {
    operationId: 'IssueCmrtDeclaration',
    summary: "Our own CMRT for our customers: a reporting year's records written into RMI's blank CMRT, its SHA-256 recorded",
    description:
      'Each call issues a declaration: the workbook is derived from the records as they stand, and CustomerDeclarationIssued ' +
      '(period, SHA-256, size, template version, smelter count, who asked) is appended before the file is sent. ' +
      'The blank is DD_CMRT_TEMPLATE; the company block comes from DD_COMPANY_FILE.',
    tags: ['declarations'],
    parameters: [
      {
        name: 'period',
        in: 'query',
        required: true,
        description: 'the reporting year, e.g. 2026',
        schema: { type: 'integer', minimum: 2010, maximum: 2100 },
      },
    ],
    responses: {
      200: {
        description:
          'the workbook (Content-Disposition names it); headers X-Declaration-SHA256 and X-Event-Id give its digest and the CustomerDeclarationIssued event',
        content: { [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } },
      },
      400: problem('period missing or not a year'),
      401: problem('missing or unknown API key'),
      403: problem('the principal may not issue declarations (auditor)'),
      405: problem('this server is a read-only replica (DD_READ_ONLY=1); code read-only-replica'),
      409: problem(
        'not configured: company-profile-missing (DD_COMPANY_FILE), declaration-template-missing or declaration-template-unreadable (DD_CMRT_TEMPLATE)',
      ),
      422: problem(
        'no declaration can be made: declaration-no-products, declaration-no-survey (no CMRT requested for the year), unknown-products, declaration-does-not-fit (more smelters or products than the template has rows), or the configured template is not a blank CMRT 6.x (template-unreadable, template-not-cmrt, template-version-not-writable, template-not-blank)',
      ),
      503: problem('a read model the declaration needs is unavailable (Retry-After)'),
    },
  },
};

export const EMRT_DECLARATION_PATH = '/declarations/emrt';

/** GET /declarations/emrt in the OpenAPI document: as the CMRT's, from the suppliers' EMRT answers. */
export const EMRT_DECLARATION_DOCUMENT = {
  get: {
    ...CMRT_DECLARATION_DOCUMENT.get,
    operationId: 'IssueEmrtDeclaration',
    summary: "Our own EMRT for our customers: a reporting year's EMRT answers written into RMI's blank EMRT, its SHA-256 recorded",
    description:
      "Each call issues a declaration: the workbook is derived from the suppliers' latest usable EMRT answers and the records as they stand, " +
      'and CustomerDeclarationIssued (family emrt, period, SHA-256, size, template version, minerals in scope, smelter count, who asked) ' +
      'is appended before the file is sent. The blank is DD_EMRT_TEMPLATE; the company block comes from DD_COMPANY_FILE.',
    responses: {
      ...CMRT_DECLARATION_DOCUMENT.get.responses,
      409: problem(
        'not configured: company-profile-missing (DD_COMPANY_FILE), declaration-template-missing or declaration-template-unreadable (DD_EMRT_TEMPLATE)',
      ),
      422: problem(
        'no declaration can be made: declaration-no-survey (no EMRT requested for the year), declaration-no-emrt-answers (no usable EMRT answer from a relevant supplier), declaration-no-products, unknown-products, declaration-does-not-fit, or the configured template is not a blank EMRT 2.x (template-unreadable, template-not-emrt, template-version-not-writable, template-not-blank)',
      ),
    },
  },
};
