import { basename } from 'node:path';
import { EntityId, Period } from '@dd/domain';
import { CMRT_MAX_FILE_BYTES } from '@dd/engine';
import type { FileInterceptor } from '@nestjs/platform-express';
import { z } from 'zod';
import { fieldProblems, invalidRequest, type FieldProblem } from '../http/problem';

/** The file part as multer's memory storage hands it over (multer ships no types of its own here). */
export interface UploadedCmrtFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export const CMRT_FILE_FIELD = 'file';

/**
 * multer keeps the file in memory (a CMRT is 1-3 MB) and stops reading at the limit; part-header
 * parameters (the file name) are read as UTF-8, as browsers send them, so Japanese or Chinese
 * file names survive.
 */
export const CMRT_UPLOAD_OPTIONS: NonNullable<Parameters<typeof FileInterceptor>[1]> = {
  limits: { fileSize: CMRT_MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 1024 },
  defParamCharset: 'utf8',
};

export const CmrtUploadFields = z
  .object({
    supplierId: EntityId,
    period: z.coerce.number<unknown>({ error: 'expected a reporting year such as 2024' }).pipe(Period),
    /** When the supplier's file arrived (business time); defaults to now. */
    receivedAt: z.iso.datetime({ offset: true, error: 'expected an ISO time with offset, e.g. 2024-06-14T09:00:00Z' }).optional(),
  })
  .strict();
export type CmrtUploadFields = z.infer<typeof CmrtUploadFields>;

/** Fields and file of a POST /cmrt-responses, checked together so one 400 names every problem. */
export function parseCmrtUpload(body: unknown, file: UploadedCmrtFile | undefined): { fields: CmrtUploadFields; file: UploadedCmrtFile } {
  const problems: FieldProblem[] = [];
  const values = body !== null && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  for (const name of ['supplierId', 'period'] as const) {
    if (values[name] === undefined) problems.push({ path: name, message: 'required' });
  }
  const parsed = CmrtUploadFields.safeParse(values);
  if (!parsed.success)
    problems.push(...fieldProblems(parsed.error).filter((problem) => !problems.some((known) => known.path === problem.path)));
  if (!file) problems.push({ path: CMRT_FILE_FIELD, message: 'required: attach the CMRT workbook (.xlsx) as the form field "file"' });
  else if (file.size === 0) problems.push({ path: CMRT_FILE_FIELD, message: 'the file is empty (0 bytes)' });
  if (problems.length || !parsed.success || !file) throw invalidRequest(problems, 'the upload is not valid');
  return { fields: parsed.data, file };
}

/** The name the supplier gave the file, without any path a client may have sent, bounded. */
export function uploadedFileName(file: UploadedCmrtFile): string {
  const name = basename(file.originalname.replace(/\\/g, '/')).trim();
  return (name || 'upload.xlsx').slice(0, 255);
}

export function fileBytes(file: UploadedCmrtFile): Uint8Array {
  return new Uint8Array(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength);
}
