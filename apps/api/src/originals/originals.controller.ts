import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ORIGINALS_STORE, OriginalAltered, originalContentType, SHA256_HEX, type OriginalsStore } from '@dd/engine';
import type { Response } from 'express';
import { invalidRequest, Problem } from '../http/problem';

/**
 * GET /originals/:sha256: a file a supplier sent, byte for byte as received, by the SHA-256 the
 * response event names (ResponseRecorded source.sha256, `file.sha256` of the upload's answer). Every
 * principal may read it (auditors included). Content-addressed, so it never changes: immutable, with
 * the hash as its ETag.
 */
@Controller('originals')
export class OriginalsController {
  constructor(@Inject(ORIGINALS_STORE) private readonly originals: OriginalsStore) {}

  @Get(':sha256')
  async download(@Param('sha256') raw: string, @Res() response: Response): Promise<void> {
    const sha256 = raw.toLowerCase();
    if (!SHA256_HEX.test(sha256)) {
      throw invalidRequest([{ path: 'sha256', message: 'expected a SHA-256: 64 hex digits' }], 'invalid path parameter');
    }
    let file;
    try {
      file = await this.originals.get(sha256);
    } catch (error) {
      if (error instanceof OriginalAltered)
        throw new Problem(500, 'Original altered', error.message, undefined, { code: 'original-altered' });
      throw error;
    }
    if (!file) throw new Problem(404, 'Not found', `no original file is kept with SHA-256 ${sha256}`);
    response
      .status(200)
      .set({
        'Content-Type': originalContentType(file.extension),
        'Content-Length': String(file.size),
        'Content-Disposition': `attachment; filename="${sha256}.${file.extension}"`,
        ETag: `"${sha256}"`,
        'Cache-Control': 'private, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
      })
      .end(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  }
}
