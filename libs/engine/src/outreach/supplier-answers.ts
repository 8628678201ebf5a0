import { Inject, Injectable } from '@nestjs/common';
import {
  CommandRefused,
  DEFAULT_MESSAGE_LANGUAGE,
  MESSAGE_LANGUAGES,
  periodDecider,
  streams,
  SURVEY_FAMILY_LABELS,
  type CMRTSent,
  type EmrtResponseRecorded,
  type Finding,
  type MessageLanguage,
  type ResponseRecorded,
  type SupplierContactAdded,
  type SupplierRegistered,
  type SupplierRenamed,
  type SurveyFamily,
} from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { StreamCommandExecutor } from '../commands/stream-command-executor';
import { CmrtResponseIntake } from '../cmrt/cmrt-response-intake';
import { isEmrtFile, type ResponseFile } from '../cmrt/cmrt-file';
import type { CmrtResponseOutcome } from '../cmrt/cmrt-response-outcome';
import { defaultMailConfig } from '../config/mail-config';
import type { EngineConfig } from '../config/engine-config';
import { ORIGINALS_STORE, type OriginalsStore } from '../originals/originals-store';
import { CLOCK, ENGINE_CONFIG, EVENT_STORE, type Clock } from '../tokens';
import { SupplierLinks, type SupplierLinkClaims } from './supplier-link';
import { linkRevokedIn } from './link-revocation';

/** What the supplier's page shows of its own request, and nothing else. */
export interface SupplierRequestView {
  claims: SupplierLinkClaims;
  company: string;
  supplierName: string;
  /** The first contact's language (the one its messages are written in); English when none is set. */
  language: MessageLanguage;
  period: number;
  family: SurveyFamily;
  familyLabel: string;
  /** The revision asked for, and the oldest one the period accepts. */
  version?: string;
  oldestAccepted?: string;
  dueDate: string;
  expiresOn: string;
  /** The survey's latest response, with its findings (the page's one read beyond the request). */
  latest?: LatestAnswer;
}

export interface LatestAnswer {
  responseNumber: number;
  receivedAt: string;
  fileName?: string;
  findings: Finding[];
  accepted: boolean;
}

/**
 * Why a link opens nothing: invalid (forged, altered, or naming no request: 404) or gone (past its last
 * day, or revoked: 410). Neither says whether a request exists.
 */
export type ClosedLink = { open: false; reason: 'invalid' | 'gone' };
export type LinkOpening = { open: true; view: SupplierRequestView } | ClosedLink;

/** The recorded actor of everything done through a supplier's link. */
export const supplierActor = (supplierId: string) => `supplier:${supplierId}`;

/** An upload the page cannot take, with what the supplier should do (shown on the page). */
export class AnswerRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The supplier's answer page behind its signed link (GET/POST /s/<token>): what the request asks, the
 * latest findings, and an upload recorded as the supplier's response by `supplier:<id>`. The token is
 * the only key: everything read or written is the request it names (its supplier's survey of its period
 * and family) — no read model, no other supplier, no other stream than the supplier's own, its survey's
 * and the period's policy.
 */
@Injectable()
export class SupplierAnswers {
  private readonly intake: CmrtResponseIntake;
  private readonly company: string;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) config: EngineConfig,
    @Inject(ORIGINALS_STORE) originals: OriginalsStore,
    private readonly links: SupplierLinks,
    private readonly executor: StreamCommandExecutor,
    commands: CommandDispatcher,
  ) {
    this.intake = new CmrtResponseIntake(commands, store, originals);
    this.company = (config.mail ?? defaultMailConfig()).companyName;
  }

  async open(token: string): Promise<LinkOpening> {
    const checked = this.links.check(token, this.clock.now());
    if (!checked.ok) return { open: false, reason: checked.reason === 'expired' ? 'gone' : 'invalid' };
    const { claims } = checked;
    const survey = await this.store.readStream(streams.survey(claims.period, claims.supplierId, claims.family));
    const request = survey.find((event) => event.type === 'CMRTSent' && (event.data as CMRTSent).requestNumber === claims.requestNumber);
    // A signed token whose request is not in the log (another data directory with the same key): like a forged one.
    if (!request) return { open: false, reason: 'invalid' };
    if (linkRevokedIn(survey, claims.requestNumber)) return { open: false, reason: 'gone' };
    const sent = request.data as CMRTSent;
    const supplier = await this.supplierFacts(claims.supplierId);
    const period = (await this.executor.load(periodDecider, streams.period(claims.period))).state;
    const oldestAccepted = period.policy?.oldestAcceptedTemplateVersion;
    return {
      open: true,
      view: {
        claims,
        company: this.company,
        supplierName: supplier.name ?? claims.supplierId,
        language: supplier.language,
        period: claims.period,
        family: claims.family,
        familyLabel: SURVEY_FAMILY_LABELS[claims.family],
        ...(sent.templateVersion ? { version: sent.templateVersion } : {}),
        ...(oldestAccepted ? { oldestAccepted } : {}),
        dueDate: sent.dueDate,
        expiresOn: claims.expiresOn,
        ...latestAnswer(survey),
      },
    };
  }

  /**
   * Records a workbook as the response of the link's request, by `supplier:<id>`. A workbook of the
   * other family is refused: the link answers its own survey only.
   */
  async answer(view: SupplierRequestView, file: ResponseFile): Promise<CmrtResponseOutcome> {
    const family: SurveyFamily = isEmrtFile(file) ? 'emrt' : 'cmrt';
    if (family !== view.family) {
      throw new AnswerRefused(
        'template-family-mismatch',
        `this request asks for the ${view.familyLabel}; the file is an ${SURVEY_FAMILY_LABELS[family]}`,
      );
    }
    try {
      return await this.intake.record({ supplierId: view.claims.supplierId, period: view.claims.period }, file, {
        actor: supplierActor(view.claims.supplierId),
      });
    } catch (error) {
      if (error instanceof CommandRefused) throw new AnswerRefused(error.code, error.reason);
      throw error;
    }
  }

  private async supplierFacts(supplierId: string): Promise<{ name?: string; language: MessageLanguage }> {
    let name: string | undefined;
    let language: MessageLanguage | undefined;
    for (const event of await this.store.readStream(streams.supplier(supplierId))) {
      if (event.type === 'SupplierRegistered') name = (event.data as SupplierRegistered).name;
      if (event.type === 'SupplierRenamed') name = (event.data as SupplierRenamed).name;
      // The first contact's language, as the outbox writes to it.
      if (event.type === 'SupplierContactAdded' && language === undefined) {
        const given = (event.data as SupplierContactAdded).language;
        language = given && (MESSAGE_LANGUAGES as readonly string[]).includes(given) ? given : DEFAULT_MESSAGE_LANGUAGE;
      }
    }
    return { ...(name ? { name } : {}), language: language ?? DEFAULT_MESSAGE_LANGUAGE };
  }
}

function latestAnswer(survey: ReadonlyArray<{ type: string; data: unknown }>): { latest?: LatestAnswer } {
  let latest: LatestAnswer | undefined;
  for (const event of survey) {
    if (event.type === 'ResponseRecorded' || event.type === 'EmrtResponseRecorded') {
      const data = event.data as ResponseRecorded | EmrtResponseRecorded;
      latest = {
        responseNumber: data.responseNumber,
        receivedAt: data.receivedAt,
        ...(data.source.kind === 'cmrt-file' ? { fileName: data.source.fileName } : {}),
        findings: data.findings,
        accepted: false,
      };
    }
    if (event.type === 'ResponseAccepted' && latest) latest = { ...latest, accepted: true };
  }
  return latest ? { latest } : {};
}
