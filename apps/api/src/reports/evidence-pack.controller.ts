import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { z } from 'zod';
import { Period } from '@dd/domain';
import {
  assembleEvidencePack,
  CommandDispatcher,
  ENGINE_CONFIG,
  EVENT_STORE,
  ORIGINALS_STORE,
  type EngineConfig,
  type OriginalsStore,
  type Principal,
} from '@dd/engine';
import { loadSealKey, SealError, type EventStore, type SealKey } from '@dd/event-store';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../http/principal';
import { fieldProblems, invalidRequest, Problem } from '../http/problem';

export const EvidencePackParams = z.object({
  period: z
    .string({ error: 'expected a reporting year, e.g. 2025' })
    .regex(/^\d{4}$/, 'expected a reporting year, e.g. 2025')
    .transform(Number)
    .pipe(Period),
});

/**
 * GET /reports/evidence-pack?period=<year>: the auditor's evidence pack, the same zip as
 * `audit pack --period <year>` (one assembly, assembleEvidencePack). With DD_SEAL_KEY_FILE the head is
 * sealed first (LogSealed recorded as the principal), as the CLI does; a read-only replica records
 * nothing, so its pack is verified, not sealed. The zip is made in a temp file and only then sent:
 * whole or nothing.
 */
@Controller('reports')
export class EvidencePackController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @Inject(ORIGINALS_STORE) private readonly originals: OriginalsStore,
    private readonly dispatcher: CommandDispatcher,
  ) {}

  @Get('evidence-pack')
  @Roles('compliance', 'admin', 'auditor')
  async pack(@Query() search: Record<string, unknown>, @CurrentPrincipal() principal: Principal, @Res() response: Response): Promise<void> {
    const parsed = EvidencePackParams.safeParse(search);
    if (!parsed.success) throw invalidRequest(fieldProblems(parsed.error), 'invalid query parameters');
    const { period } = parsed.data;
    const keyFile = this.config.readOnly ? undefined : this.config.seal?.keyFile;
    let key: SealKey | undefined;
    try {
      key = keyFile ? loadSealKey(keyFile) : undefined;
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      throw new Problem(503, 'Seal key unusable', error.message, undefined, { code: 'seal-key-unusable' });
    }
    const folder = mkdtempSync(join(tmpdir(), 'dd-evidence-pack-'));
    const out = join(folder, `evidence-${period}.zip`);
    const removeFolder = () => rmSync(folder, { recursive: true, force: true });
    try {
      const manifest = await assembleEvidencePack({
        period,
        out,
        store: this.store,
        dataDir: this.config.dataDir,
        originals: this.originals,
        ...(key ? { key } : {}),
        actor: principal.name,
        dispatcher: this.dispatcher,
      });
      response.status(200).set({
        'Content-Type': 'application/zip',
        'Content-Length': String(statSync(out).size),
        'Content-Disposition': `attachment; filename="evidence-${period}.zip"`,
        'Cache-Control': 'no-store',
        'X-Log-Head-Position': String(manifest.head.position),
        'X-Log-Verified': manifest.verify.intact ? 'intact' : 'broken',
        'X-Log-Sealed': manifest.seal.sealed ? 'yes' : 'no',
      });
    } catch (error) {
      removeFolder();
      throw error;
    }
    const stream = createReadStream(out);
    stream.on('close', removeFolder);
    stream.on('error', (error) => response.destroy(error));
    stream.pipe(response);
  }
}
