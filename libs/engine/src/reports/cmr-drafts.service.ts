import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@dd/event-store';
import { allProjections, type ReadModelDb } from '@dd/projections';
import {
  CMR_DRAFT_FORMATS,
  documentOf,
  htmlToPdf,
  renderCmrDraft,
  type CmrDraftFormat,
  type CmrDraftModel,
  type RenderedDocument,
} from '@dd/reports';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { EngineConfig } from '../config/engine-config';
import { ReadSide } from '../read-side';
import type { AsOfSource } from '../reads/as-of-answers';
import { readModelsOver } from '../reads/read-query';
import { CLOCK, ENGINE_CONFIG, EVENT_STORE, READ_MODEL_DB, type Clock } from '../tokens';
import { cmrDraftModelFrom } from './cmr-draft-model';
import type { ReportAsOf } from './risk-report-model';
import { RiskReportParams } from './risk-report-params';
import { atPastAsOf, readModelFileOf, type ReportAnswer } from './risk-report-scan';
import type { RiskReportRequest } from './risk-reports.service';

/** What a caller asks for (query string, CLI options): a period, optionally an as-of (as the risk report's), a format. */
export const CmrDraftParams = z
  .object({
    period: RiskReportParams.shape.period,
    asOf: RiskReportParams.shape.asOf,
    format: z.enum(CMR_DRAFT_FORMATS, { error: `expected one of ${CMR_DRAFT_FORMATS.join(', ')}` }).default('html'),
  })
  .strict();
export type CmrDraftParams = z.output<typeof CmrDraftParams>;

export interface CmrDraftDocument extends RenderedDocument {
  model: CmrDraftModel;
  /** e.g. cmr-draft-2024-as-of-249.md */
  fileName: string;
  /** Asked as of a past cut: how its read models were had (the X-As-Of-Source header); none for now. */
  source?: AsOfSource;
}

/**
 * The Conflict Minerals Report draft of a period, as of now, a log position or a business time (as
 * the risk report: live read models settled to the head for now, a replay of the log otherwise).
 * A draft is not recorded: it is a working document the company completes; what it files (and
 * publishes, PublishReport) is the record.
 */
@Injectable()
export class CmrDrafts {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly readSide: ReadSide,
  ) {}

  /**
   * The draft's figures and tables. The same position (or time) always gives the same model. As of a
   * past cut, also how its read models were had (from history, or a replay and why).
   */
  async model(request: RiskReportRequest): Promise<ReportAnswer<CmrDraftModel>> {
    const { period, asOf } = request;
    const company = this.config.declarations?.company?.name ?? null;
    const head = await this.store.headPosition();
    if (asOf === undefined) {
      // Now: the live read models, settled to the head, and the engine clock's time.
      await this.readSide.settled(allProjections.map((projection) => projection.name));
      return { model: await this.assemble(this.db, period, { position: head, time: this.clock.now().toISOString() }, company) };
    }
    const { answer, source } = await atPastAsOf(
      this.store,
      period,
      asOf,
      (db, at) => this.assemble(db, period, at, company),
      readModelFileOf(this.db),
    );
    return { model: answer, source };
  }

  /** The draft rendered: Markdown and HTML are byte-deterministic; PDF is printed from the HTML. */
  async render(request: RiskReportRequest, format: CmrDraftFormat): Promise<CmrDraftDocument> {
    const { model, source } = await this.model(request);
    const rendered =
      format === 'pdf'
        ? documentOf(await htmlToPdf(renderCmrDraft(model, 'html').bytes.toString('utf8')), 'pdf')
        : renderCmrDraft(model, format);
    return {
      ...rendered,
      model,
      fileName: `cmr-draft-${model.period}-as-of-${model.asOf.position}.${rendered.extension}`,
      ...(source === undefined ? {} : { source }),
    };
  }

  private assemble(db: ReadModelDb | Database, period: number, asOf: ReportAsOf, company: string | null): Promise<CmrDraftModel> {
    return cmrDraftModelFrom(readModelsOver(db, this.store, { now: () => new Date(asOf.time) }), period, asOf, company);
  }
}
