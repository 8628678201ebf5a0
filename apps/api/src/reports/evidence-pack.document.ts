import { jsonSchema, problemSchema } from '../docs/documented-route';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: jsonSchema(problemSchema) } } });

/** GET /reports/evidence-pack in the OpenAPI document: its parameter from the schema the route validates with. */
export const EVIDENCE_PACK_PATH = {
  '/reports/evidence-pack': {
    get: {
      operationId: 'GetEvidencePack',
      summary: "The auditor's evidence pack of a period as one zip (as `audit pack --period <year>`)",
      description:
        "The period's events (JSONL), the original files and issued reports they name, the verify result and a seal of the head, with SHA256SUMS and a README on checking it with unzip, sha256sum and openssl. " +
        'With DD_SEAL_KEY_FILE set the head is sealed first (LogSealed recorded, the principal as actor; a read-only replica only verifies). ' +
        'It verifies the whole log, so at scale it takes as long as `audit verify`. The zip is made in full before the first byte is sent. ' +
        'Headers: X-Log-Head-Position (everything is as of it), X-Log-Verified (intact | broken: the pack then holds the verify result and no seal), X-Log-Sealed (yes | no).',
      tags: ['reports'],
      parameters: [
        { name: 'period', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{4}$' }, description: 'reporting year' },
      ],
      responses: {
        200: {
          description: 'the zip (Content-Disposition: attachment; filename="evidence-<period>.zip")',
          content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
        },
        400: problem('period missing or not a reporting year (named in errors)'),
        401: problem('missing or unknown API key'),
        503: problem('DD_SEAL_KEY_FILE is set but cannot be read as an Ed25519 private key (code seal-key-unusable)'),
      },
    },
  },
};
