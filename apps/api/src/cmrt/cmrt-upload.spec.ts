import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { CmrtRejected } from '@dd/cmrt';
import { Problem } from '../http/problem';
import { parseCmrtUpload, uploadedFileName, type UploadedCmrtFile } from './cmrt-upload';
import { uploadProblem } from './cmrt-upload.filter';

const file = (originalname: string, size = 10): UploadedCmrtFile => ({
  fieldname: 'file',
  originalname,
  mimetype: 'application/octet-stream',
  size,
  buffer: Buffer.alloc(size),
});

function problemOf(run: () => unknown): Problem {
  try {
    run();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected a Problem');
}

describe('the CMRT upload request', () => {
  it('reads the text fields of a multipart body (a null-prototype object), coercing the period', () => {
    const body = Object.assign(Object.create(null), { supplierId: 'jx-1', period: '2024', receivedAt: '2024-06-14T09:00:00+09:00' });
    expect(parseCmrtUpload(body, file('a.xlsx')).fields).toEqual({
      supplierId: 'jx-1',
      period: 2024,
      receivedAt: '2024-06-14T09:00:00+09:00',
    });
  });

  it('names every missing or invalid field and the file in one 400', () => {
    const problem = problemOf(() => parseCmrtUpload({ period: '20x4', extra: '1' }, undefined));
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([
      { path: 'supplierId', message: 'required' },
      { path: 'period', message: 'expected a reporting year such as 2024' },
      { path: 'extra', message: 'unknown field' },
      { path: 'file', message: 'required: attach the CMRT workbook (.xlsx) as the form field "file"' },
    ]);
    expect(problemOf(() => parseCmrtUpload({ supplierId: 'a', period: '2009' }, file('a.xlsx', 0))).errors).toEqual([
      { path: 'period', message: expect.stringMatching(/>=2010/) },
      { path: 'file', message: 'the file is empty (0 bytes)' },
    ]);
  });

  it('keeps the file name without any path a client sent, bounded', () => {
    expect(uploadedFileName(file('C:\\Users\\buyer\\Desktop\\CMRT 回答.xlsx'))).toBe('CMRT 回答.xlsx');
    expect(uploadedFileName(file('../../etc/passwd'))).toBe('passwd');
    expect(uploadedFileName(file('   '))).toBe('upload.xlsx');
    expect(uploadedFileName(file(`${'x'.repeat(400)}.xlsx`))).toHaveLength(255);
  });
});

describe('upload problems', () => {
  it('maps multer and busboy errors, kept by Nest as the cause, to 413 and 400 problems', () => {
    const tooLarge = uploadProblem(new PayloadTooLargeException('File too large', { cause: { code: 'LIMIT_FILE_SIZE', field: 'file' } }));
    expect(tooLarge).toMatchObject({
      status: 413,
      errors: [{ path: 'file', message: 'larger than 20 MB' }],
      extra: { code: 'upload-too-large' },
    });
    const unexpected = uploadProblem(
      new BadRequestException('Unexpected file field - attachment', { cause: { code: 'LIMIT_UNEXPECTED_FILE', field: 'attachment' } }),
    );
    expect(unexpected).toMatchObject({
      status: 400,
      errors: [{ path: 'attachment', message: 'unexpected file field; send the workbook as the field "file"' }],
    });
    expect(uploadProblem(new BadRequestException('Too many files', { cause: { code: 'LIMIT_FILE_COUNT' } }))).toMatchObject({
      status: 400,
      errors: [{ path: '(body)', message: 'only one file per upload' }],
    });
    expect(uploadProblem(new UnsupportedMediaTypeException('Unsupported content type'))).toMatchObject({
      status: 400,
      detail: 'expected a multipart/form-data body',
    });
  });

  it('maps a rejected CMRT to 422 with its code, and too-large to 413', () => {
    expect(uploadProblem(new CmrtRejected('legacy-xls', 'old format', { fileName: 'a.xls' }))).toMatchObject({
      status: 422,
      detail: 'old format',
      extra: { code: 'legacy-xls', fileName: 'a.xls' },
    });
    expect(uploadProblem(new CmrtRejected('too-large', 'too large', { declaredBytes: 5, limitBytes: 4 }))).toMatchObject({
      status: 413,
      extra: { code: 'too-large', declaredBytes: 5, limitBytes: 4 },
    });
  });

  it('leaves every other error to the API-wide filter', () => {
    expect(uploadProblem(new Error('boom'))).toBeUndefined();
    expect(uploadProblem(new BadRequestException('plain'))).toBeUndefined();
  });
});
