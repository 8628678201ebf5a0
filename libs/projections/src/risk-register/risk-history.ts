import type { DataOf, EventTypeOf } from '@dd/domain';
import type { RecordedEventOf } from '../core/event-handlers';

/** The events of a risk's own stream: each one is a line of its history. */
export type RiskHistoryEventType = EventTypeOf<'risk'>;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * One summary per event type of a risk's stream, in the words a compliance officer reads the
 * history in. Every risk event type must have one: a new one fails to compile until it is worded.
 */
const summaries: { readonly [T in RiskHistoryEventType]: (data: DataOf<T>) => string } = {
  RiskRaised: ({ severity, reason }) => `Raised (${severity}): ${reason}`,
  RiskReopened: ({ severity, reason }) => `Reopened (${severity}): ${reason}`,
  RiskSeverityRaised: ({ from, severity, reason }) => `Rose from ${from} to ${severity}: ${reason}`,
  RiskAssessed: ({ likelihood, impact, severity, rationale }) =>
    `Assessed: likelihood ${likelihood}, impact ${impact}, severity ${severity}. ${rationale}`,
  RiskOwnerAssigned: ({ owner, previousOwner, note }) =>
    (previousOwner ? `Owner changed from ${previousOwner} to ${owner}` : `Owner assigned: ${owner}`) + (note ? `. ${note}` : ''),
  MitigationDecided: ({ revision, strategy, plan, dueDate, actions }) => {
    const revised = revision > 1 ? ` (revision ${revision})` : '';
    return `Mitigation decided${revised}: ${strategy}, due ${dueDate}${actions.length ? `, ${plural(actions.length, 'action')}` : ''}. ${plan}`;
  },
  MitigationProgressRecorded: ({ note, actionIndex, completed }) => {
    const target = actionIndex === undefined ? 'plan' : `action ${actionIndex}`;
    const state = completed === undefined ? '' : completed ? ` (${target} done)` : ` (${target} not done)`;
    return `Progress${actionIndex !== undefined && completed === undefined ? ` on ${target}` : ''}${state}: ${note}`;
  },
  RiskEscalated: ({ escalatedTo, reason }) => `Escalated to ${escalatedTo}: ${reason}`,
  RiskClosed: ({ resolution, note }) => `Closed (${resolution}): ${note}`,
};

/** One line per event of a risk, in the words a compliance officer reads the history in. */
export function historySummary<T extends RiskHistoryEventType>(event: RecordedEventOf<T>): string {
  const summary: (data: DataOf<T>) => string = summaries[event.type];
  return summary(event.data);
}
