/** GET and POST /s/{token} in the OpenAPI document: HTML pages for people, so written out here. */
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const token = {
  name: 'token',
  in: 'path',
  required: true,
  description: "the signed token of the supplier's link (<DD_PUBLIC_URL>/s/<token>, in every request, reminder and follow-up message)",
  schema: { type: 'string', maxLength: 2048 },
};
const lang = {
  name: 'lang',
  in: 'query',
  required: false,
  description: "the page's language (default: the supplier contact's)",
  schema: { type: 'string', enum: ['en', 'zh', 'ja', 'de', 'es'] },
};
const closed = {
  404: html('forged, altered or unknown link (the same page whatever the reason)'),
  410: html(
    'expired (after the due date plus DD_LINK_GRACE_DAYS) or revoked (RevokeSupplierLink) link (the same page as 404, another status)',
  ),
  429: html('too many requests for this link or from this address; Retry-After says how many seconds to wait'),
};

export const SUPPLIER_PAGE_PATH = {
  '/s/{token}': {
    get: {
      operationId: 'SupplierAnswerPage',
      summary:
        "The supplier's answer page: what is asked and the latest answer's findings, cell by cell (no API key: the token is the credential)",
      tags: ['supplier page'],
      security: [],
      parameters: [token, lang],
      responses: { 200: html('the page, in the supplier contact language'), ...closed },
    },
    post: {
      operationId: 'SupplierAnswerUpload',
      summary: "Record a workbook as the supplier's response, by supplier:<id>, and answer the page with its findings (no API key)",
      tags: ['supplier page'],
      security: [],
      parameters: [token, lang],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file'],
              properties: {
                file: { type: 'string', format: 'binary', description: 'the CMRT or EMRT (.xlsx) the link asks for, up to 20 MB' },
              },
            },
          },
        },
      },
      responses: {
        200: html('recorded (or the same file already was): the page with its findings'),
        400: html('no file, or not a multipart body: the page with the reason'),
        413: html('larger than 20 MB, or too large to process once unpacked (a zip bomb)'),
        422: html(
          'not a readable workbook, the other template family, or a refusal (a closed year): the page with the reason; nothing recorded',
        ),
        ...closed,
      },
    },
  },
};
