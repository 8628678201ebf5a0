import { IMPORT_ROW_STATUSES, SUPPLIER_COLUMNS, SUPPLIER_FILE_MAX_ROWS } from '@dd/engine';
import { z } from 'zod';
import { documentedResponse, jsonSchema } from '../docs/documented-route';

export const SupplierImportAnswerBody = z.object({
  dryRun: z.boolean(),
  imported: z.boolean().describe('true when the suppliers were written (never for a dry run or a file with errors)'),
  file: z.object({ name: z.string(), format: z.enum(['csv', 'xlsx']), sha256: z.string(), rows: z.number().int() }),
  counts: z.object(Object.fromEntries(IMPORT_ROW_STATUSES.map((status) => [status, z.number().int()]))),
  rows: z.array(
    z.object({
      row: z.number().int().describe('the row in the spreadsheet (or line of the CSV); the header is row 1'),
      supplierId: z.string().optional(),
      status: z
        .enum(IMPORT_ROW_STATUSES)
        .describe(
          'new: registered; unchanged: nothing to do; renamed: its name differs (and maybe owner/contact); updated: owner or a new contact; error: see errors',
        ),
      commands: z.array(z.string()).describe('the commands the row means (dry run) or ran'),
      errors: z.array(z.object({ field: z.enum(SUPPLIER_COLUMNS.map((column) => column.key)), message: z.string() })),
      eventIds: z.array(z.string()).optional().describe('after an import: the events the row appended'),
    }),
  ),
});

const columns = SUPPLIER_COLUMNS.map((column) => column.key).join(', ');

export const SUPPLIER_IMPORT_PATH = {
  '/suppliers/import': {
    post: {
      operationId: 'importSuppliers',
      summary: 'Import suppliers from a CSV or XLSX list: a preview (dryRun=true) or all rows or none',
      description: `multipart/form-data with the list as the field "file": an .xlsx (first sheet) or a UTF-8 CSV (comma or semicolon), header row first, columns ${columns} (supplierId, name and tier required; header spelling is lenient, unknown columns are refused), at most ${SUPPLIER_FILE_MAX_ROWS} rows. Every row is validated with the commands' own schemas (RegisterSupplier, RenameSupplier, AssignSupplierOwner, AddSupplierContact) and against the suppliers as registered. dryRun=true answers the preview; otherwise a list with any error row writes nothing (400 with the rows), and a clean one runs each row's commands through the same dispatcher as POST /commands, with command ids derived from the file's hash: posting the same file again appends nothing twice.`,
      tags: ['commands'],
      parameters: [
        {
          name: 'dryRun',
          in: 'query',
          required: false,
          description: 'true: validate and answer the preview, write nothing (default false)',
          schema: { type: 'boolean' },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
          },
        },
      },
      responses: {
        200: documentedResponse({ description: 'the preview, or the import done', schema: SupplierImportAnswerBody }),
        400: {
          description:
            'not a supplier list (errors name the file), or a real import with error rows: nothing written, the rows and counts are in the problem',
          content: {
            'application/problem+json': {
              schema: jsonSchema(z.object({ type: z.string(), title: z.string(), status: z.number() }).loose()),
            },
          },
        },
        401: documentedResponse({ description: 'missing or unknown API key or session', problem: true }),
        403: documentedResponse({ description: 'the principal may not post commands (auditor)', problem: true }),
        405: documentedResponse({ description: 'this server is a read-only replica (DD_READ_ONLY=1)', problem: true }),
      },
    },
  },
};
