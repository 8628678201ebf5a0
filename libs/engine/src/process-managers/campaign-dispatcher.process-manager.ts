import { Inject, Injectable } from '@nestjs/common';
import { CommandRefused, familiesOfCampaign, streams, surveyDecider, SURVEY_FAMILY_LABELS, type SurveyFamily } from '@dd/domain';
import type { EventStore, RecordedEvent } from '@dd/event-store';
import { isEventOf, type RecordedEventOf } from '@dd/projections';
import type { Database } from 'better-sqlite3';
import { StreamCommandExecutor } from '../commands/stream-command-executor';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { LogProcessManager } from './log-process-manager';

export const CAMPAIGN_ACTOR = 'system:campaign';
const CHECKPOINT = 'process-manager:campaign-dispatcher';

/**
 * The command id of a campaign's request to one supplier (for one template family): the same whoever
 * sends it how often. A CMRT request's id is as it was before the EMRT: `campaign/<id>/<supplier>`.
 */
export const campaignCommandId = (campaignId: string, supplierId: string, family: SurveyFamily = 'cmrt') =>
  `campaign/${campaignId}/${supplierId}${family === 'cmrt' ? '' : `/${family}`}`;

/**
 * Sends the CMRT to each supplier a launched campaign selected (SendCMRT with the campaign's due date
 * and template). A consumer of the store with its own checkpoint, like risk-from-findings: after a
 * crash it resumes from the checkpoint, and each request's commandId is `campaign/<id>/<supplier>`,
 * so an event delivered again sends nothing twice (the store answers the repeat with its first result).
 *
 * A campaign surveys suppliers that have no request for the period yet. One that already has one (an
 * earlier campaign's, or a single SendCMRT; open or answered) is skipped and logged rather than sent a
 * second request: a re-survey after an answer is a deliberate SendCMRT for that supplier. The campaign
 * read model shows those as "already requested" (it sees which campaign each CMRTSent came from); a
 * request the survey decider refuses anyway (the due date passed before the campaign reached it) is
 * logged and shows as "not sent".
 */
@Injectable()
export class CampaignDispatcherProcessManager extends LogProcessManager {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) db: Database,
    private readonly commands: CommandDispatcher,
    private readonly executor: StreamCommandExecutor,
  ) {
    super(store, db, CHECKPOINT);
  }

  protected async handle(event: RecordedEvent): Promise<void> {
    if (isEventOf(event, ['CampaignLaunched'])) await this.dispatch(event);
  }

  private async dispatch(event: RecordedEventOf<'CampaignLaunched'>): Promise<void> {
    const { campaignId, period, dueDate, templateVersion, supplierIds } = event.data;
    const families = familiesOfCampaign(event.data.family);
    let sent = 0;
    const skipped: string[] = [];
    for (const supplierId of supplierIds)
      for (const family of families) {
        const commandId = campaignCommandId(campaignId, supplierId, family);
        const label = family === 'cmrt' ? supplierId : `${supplierId} ${SURVEY_FAMILY_LABELS[family]}`;
        // Our own request, sent before a crash, is found by its commandId; anyone else's by the survey's state.
        if (!(await this.executor.previousResult(commandId))) {
          const survey = (await this.executor.load(surveyDecider, streams.survey(period, supplierId, family))).state;
          if (survey.status !== 'not-sent') {
            skipped.push(`${label} (request ${survey.requestNumber} ${survey.status})`);
            continue;
          }
        }
        // With both families asked, the template revision named is the CMRT's.
        const version = templateVersion && (families.length === 1 || family === 'cmrt') ? { templateVersion } : {};
        try {
          const result = await this.commands.dispatch(
            'SendCMRT',
            { supplierId, period, dueDate, ...(family === 'cmrt' ? {} : { family }), ...version },
            {
              commandId,
              actor: CAMPAIGN_ACTOR,
              correlationId: event.metadata.correlationId,
              causationId: event.metadata.eventId,
              causedAt: event.metadata.occurredAt,
            },
            { campaignId },
          );
          if (!result.duplicate) sent++;
        } catch (error) {
          if (!(error instanceof CommandRefused)) throw error;
          skipped.push(`${label} (refused: ${error.code})`);
        }
      }
    this.logger.log(
      `campaign ${campaignId} (${period}): ${sent} ${families.map((family) => SURVEY_FAMILY_LABELS[family]).join(' and ')} request(s) sent to ${supplierIds.length} selected`,
    );
    if (skipped.length)
      this.logger.log(`campaign ${campaignId}: skipped ${skipped.length}, already asked or refused: ${skipped.join(', ')}`);
  }
}
