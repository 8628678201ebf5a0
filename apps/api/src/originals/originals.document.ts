import { documentedResponse } from '../docs/documented-route';

const problem = (description: string) => documentedResponse({ description, problem: true });

/** GET /originals/{sha256} in the OpenAPI document (a file, not JSON, so written out here). */
export const ORIGINALS_PATH = {
  '/originals/{sha256}': {
    get: {
      operationId: 'DownloadOriginal',
      summary: 'A file a supplier sent, byte for byte as received, by the SHA-256 its response event names',
      tags: ['audit'],
      parameters: [
        {
          name: 'sha256',
          in: 'path',
          required: true,
          description: "the file's SHA-256 (ResponseRecorded source.sha256; file.sha256 of POST /cmrt-responses)",
          schema: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
        },
      ],
      responses: {
        200: {
          description: 'the file (Content-Type by its extension, Content-Disposition attachment; filename <sha256>.<ext>; ETag the hash)',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
        400: problem('not a SHA-256 (errors[].path sha256)'),
        401: problem('missing or unknown API key'),
        404: problem('no original is kept with this SHA-256 (recorded before originals were kept, or never received)'),
        500: problem('the kept file no longer hashes to its name (code original-altered)'),
      },
    },
  },
};
