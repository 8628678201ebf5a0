import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IssueRiskReport } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import { allProjections, type ReadModelDb } from '@dd/projections';
import { documentOf, htmlToPdf, renderRiskReport, type RenderedDocument, type ReportFormat, type RiskReportModel } from '@dd/reports';
import type { Database } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import type { CommandResult } from '../commands/command-metadata';
import type { EngineConfig } from '../config/engine-config';
import { ReadSide } from '../read-side';
import type { AsOfSource } from '../reads/as-of-answers';
import { readModelsOver } from '../reads/read-query';
import { CLOCK, ENGINE_CONFIG, EVENT_STORE, READ_MODEL_DB, type Clock } from '../tokens';
import { riskReportModelFrom, type ReportAsOf } from './risk-report-model';
import { allReadModelsAt, asOfSourceOfAll, atPastAsOf, readModelFileOf, scanLog, type ReportAnswer } from './risk-report-scan';

/** Where issued reports are kept, under the data directory, by content: reports/<sha256>.<ext>. */
export const REPORTS_DIRECTORY = 'reports';

/** A report asked for as of a log position or a business time (engine clock); neither: now. */
export interface RiskReportRequest {
  period: number;
  asOf?: { position: number } | { time: string };
}

export { RiskReportAsOfInvalid } from './risk-report-scan';

export interface RiskReportDocument extends RenderedDocument {
  model: RiskReportModel;
  /** e.g. risk-report-2026-as-of-1234.html */
  fileName: string;
  /** Asked as of a past cut: how its read models were had (the X-As-Of-Source header); none for now. */
  source?: AsOfSource;
}

export interface IssuedRiskReport {
  document: RiskReportDocument;
  /** Relative to the data directory. */
  file: string;
  result: CommandResult;
}

/**
 * The management risk report: figures from the read models as of a position or time (the live read
 * models for "now", a replay of the log otherwise), rendered by @dd/reports, and recorded when issued
 * (IssueRiskReport → RiskReportIssued, the document kept under <data dir>/reports by its SHA-256).
 */
@Injectable()
export class RiskReports {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly readSide: ReadSide,
    private readonly commands: CommandDispatcher,
  ) {}

  /** DD_RISK_REPORT_RECIPIENTS. */
  configuredRecipients(): string[] {
    return this.config.riskReports?.recipients ?? [];
  }

  /**
   * The report's figures. The same position (or time) always gives the same model. As of a past cut,
   * also how its read models were had: from history only when both the cut's and the previous
   * report's (for "what changed") were, else the replay and its reason.
   */
  async model(request: RiskReportRequest): Promise<ReportAnswer<RiskReportModel>> {
    const { period } = request;
    const asOf = request.asOf;
    if (asOf === undefined) {
      // Now: the live read models, settled to the head, and the engine clock's time.
      const position = await this.store.headPosition();
      await this.readSide.settled(allProjections.map((projection) => projection.name));
      const time = this.clock.now().toISOString();
      const scan = await scanLog(this.store, period, { maxPosition: position });
      return { model: (await this.assemble(this.db, period, { position, time }, scan.timeline, scan.previous)).model };
    }
    const { answer, source } = await atPastAsOf(
      this.store,
      period,
      asOf,
      (db, at, scan) => this.assemble(db, period, at, scan.timeline, scan.previous),
      readModelFileOf(this.db),
    );
    return { model: answer.model, source: asOfSourceOfAll([source, answer.previousSource]) };
  }

  /** The report rendered: HTML, Markdown and JSON are byte-deterministic; PDF is printed from the HTML. */
  async render(request: RiskReportRequest, format: ReportFormat): Promise<RiskReportDocument> {
    const { model, source } = await this.model(request);
    const rendered =
      format === 'pdf'
        ? documentOf(await htmlToPdf(renderRiskReport(model, 'html').bytes.toString('utf8')), 'pdf')
        : renderRiskReport(model, format);
    return {
      ...rendered,
      model,
      fileName: `risk-report-${model.period}-as-of-${model.asOf.position}.${rendered.extension}`,
      ...(source === undefined ? {} : { source }),
    };
  }

  /**
   * Renders, keeps the document under <data dir>/reports/<sha256>.<ext> (written aside, then renamed:
   * never half a file) and records RiskReportIssued. The report id makes it idempotent: a report id
   * already recorded appends nothing.
   */
  async issue(
    request: RiskReportRequest & {
      format: ReportFormat;
      recipients: string[];
      reportId?: string;
      trigger: 'schedule' | 'on-demand';
      actor: string;
    },
  ): Promise<IssuedRiskReport> {
    const document = await this.render(request, request.format);
    const file = `${REPORTS_DIRECTORY}/${document.sha256}.${document.extension}`;
    const directory = join(this.config.dataDir, REPORTS_DIRECTORY);
    mkdirSync(directory, { recursive: true });
    const aside = join(directory, `.${document.sha256}.${randomUUID()}.tmp`);
    writeFileSync(aside, document.bytes);
    renameSync(aside, join(this.config.dataDir, file));
    const reportId = request.reportId ?? `on-demand-${document.model.asOf.position}-${document.sha256.slice(0, 16)}`;
    const data: IssueRiskReport = {
      reportId,
      period: request.period,
      asOfPosition: document.model.asOf.position,
      asOfTime: document.model.asOf.time,
      format: request.format,
      sha256: document.sha256,
      byteLength: document.bytes.length,
      recipients: request.recipients,
      trigger: request.trigger,
      file,
    };
    const result = await this.commands.dispatch('IssueRiskReport', data, {
      commandId: `risk-report:${request.period}:${reportId}`,
      actor: request.actor,
    });
    return { document, file, result };
  }

  private async assemble(
    db: ReadModelDb | Database,
    period: number,
    asOf: ReportAsOf,
    timeline: RiskReportModel['campaign']['timeline'],
    previous: Awaited<ReturnType<typeof scanLog>>['previous'],
  ): Promise<{ model: RiskReportModel; previousSource?: AsOfSource }> {
    const at = { now: () => new Date(asOf.time) };
    let before: { report: NonNullable<typeof previous>; model: RiskReportModel } | null = null;
    let previousSource: AsOfSource | undefined;
    if (previous !== null) {
      // The previous report's figures, for "what changed": the read models at its own position.
      const { db: earlier, source } = await allReadModelsAt(this.store, readModelFileOf(this.db), { maxPosition: previous.asOfPosition });
      previousSource = source;
      try {
        const models = readModelsOver(earlier, this.store, { now: () => new Date(previous.asOfTime) });
        before = {
          report: previous,
          model: riskReportModelFrom(models, period, { position: previous.asOfPosition, time: previous.asOfTime }, [], null),
        };
      } finally {
        earlier.close();
      }
    }
    return { model: riskReportModelFrom(readModelsOver(db, this.store, at), period, asOf, timeline, before), previousSource };
  }
}
