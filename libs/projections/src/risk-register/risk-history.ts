import type {
  MitigationDecided,
  MitigationProgressRecorded,
  RiskAssessed,
  RiskClosed,
  RiskEscalated,
  RiskOwnerAssigned,
  RiskRaised,
  RiskReopened,
} from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** One line per event of a risk, in the words a compliance officer reads the history in. */
export function historySummary(event: RecordedEvent): string {
  switch (event.type) {
    case 'RiskRaised': {
      const { severity, reason } = event.data as RiskRaised;
      return `Raised (${severity}): ${reason}`;
    }
    case 'RiskReopened': {
      const { severity, reason } = event.data as RiskReopened;
      return `Reopened (${severity}): ${reason}`;
    }
    case 'RiskAssessed': {
      const { likelihood, impact, severity, rationale } = event.data as RiskAssessed;
      return `Assessed: likelihood ${likelihood}, impact ${impact}, severity ${severity}. ${rationale}`;
    }
    case 'RiskOwnerAssigned': {
      const { owner, previousOwner } = event.data as RiskOwnerAssigned;
      return previousOwner ? `Owner changed from ${previousOwner} to ${owner}` : `Owner assigned: ${owner}`;
    }
    case 'MitigationDecided': {
      const { revision, strategy, plan, dueDate, actions } = event.data as MitigationDecided;
      const revised = revision > 1 ? ` (revision ${revision})` : '';
      return `Mitigation decided${revised}: ${strategy}, due ${dueDate}${actions.length ? `, ${plural(actions.length, 'action')}` : ''}. ${plan}`;
    }
    case 'MitigationProgressRecorded': {
      const { note, actionIndex, completed } = event.data as MitigationProgressRecorded;
      const target = actionIndex === undefined ? 'plan' : `action ${actionIndex}`;
      const state = completed === undefined ? '' : completed ? ` (${target} done)` : ` (${target} not done)`;
      return `Progress${actionIndex !== undefined && completed === undefined ? ` on ${target}` : ''}${state}: ${note}`;
    }
    case 'RiskEscalated': {
      const { escalatedTo, reason } = event.data as RiskEscalated;
      return `Escalated to ${escalatedTo}: ${reason}`;
    }
    case 'RiskClosed': {
      const { resolution, note } = event.data as RiskClosed;
      return `Closed (${resolution}): ${note}`;
    }
    default:
      return event.type;
  }
}
