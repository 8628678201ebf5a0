import type { RaiseRisk } from '../risk/raise-risk.command';
import { riskIdFor } from '../risk/risk-id';
import type { SmelterSighting } from './smelter-sighting';
import { smelterRisks, STATUS_RESOLVABLE_CATEGORIES, type RmapStatusLookup } from './smelter-risk.policy';

/** What a status list did to the risk register while it was in force (kept by the smelter-risk process manager). */
export interface StatusListEffects {
  /** Status risks its judgements raised or reopened (the command appended): its doing. */
  raised: ReadonlySet<string>;
  /** Status risks its judgements found warranted while they were open already (nothing appended). */
  warranted: ReadonlySet<string>;
  /** Status risks its status changes closed (resolved-by-status-change). */
  closed: ReadonlySet<string>;
}

export interface ListWithdrawal {
  /** The RmapStatusListWithdrawn event. */
  eventId: string;
  /** As-of date of the withdrawn list, and why it was withdrawn. */
  asOf: string;
  reason: string;
  /** The list in force again (asOf null: none is, so no smelter is judged by status). */
  restored: RmapStatusLookup;
  /** Matched Smelter List rows recorded or confirmed while the withdrawn list was in force: they were judged against it first. */
  judgedUnderWithdrawn: readonly SmelterSighting[];
  /** Every matched row of the suppliers' latest responses. */
  current: readonly SmelterSighting[];
  effects: StatusListEffects;
}

export interface ListWithdrawalOutcome {
  /** Risks to close 'resolved-by-list-withdrawal'. */
  close: Array<{ riskId: string; reason: string }>;
  /** Risks to raise, or reopen, as the restored list warrants them. */
  raise: RaiseRisk[];
  /** Risks the withdrawn list raised that the restored list warrants as well: left as they are. */
  kept: string[];
}

const isStatusRisk = (risk: RaiseRisk) => (STATUS_RESOLVABLE_CATEGORIES as readonly string[]).includes(risk.category);

/**
 * Undoing an RMAP status list imported by mistake, as an auditor would want the register to read:
 * as if the withdrawn list had never been in force, without overriding what people decided.
 *
 * 1. A status risk the withdrawn list raised or reopened is closed (resolved-by-list-withdrawal) —
 *    before it, the risk was closed or did not exist — unless the restored list warrants it for a row
 *    recorded while the withdrawn list was in force: that row would have raised it anyway.
 * 2. A status risk the withdrawn list closed (its smelter "became conformant") is reopened if the
 *    restored list warrants it for a current row: before it, the risk was open.
 * 3. Rows recorded or confirmed while the withdrawn list was in force are judged again against the
 *    restored list: a risk it warrants that the withdrawn list neither raised nor found open is raised.
 *
 * Nothing else changes: risks that were open before and stay warranted, and every risk a person
 * assessed, mitigated or closed outside these three cases, stay as they are. Unknown-smelter risks
 * depend on the reference list, not on statuses, and are left alone. Pure: the process manager
 * supplies what it kept, and sends the commands.
 */
export function undoWithdrawnStatusList(withdrawal: ListWithdrawal): ListWithdrawalOutcome {
  const { effects } = withdrawal;
  const rejudged = smelterRisks(withdrawal.judgedUnderWithdrawn, withdrawal.restored, withdrawal.eventId).filter(isStatusRisk);
  const warrantedForRejudged = new Set(rejudged.map((risk) => riskIdFor(risk)));
  const listed =
    withdrawal.restored.asOf === null
      ? 'no RMAP status list is in force any more'
      : `the RMAP status list as of ${withdrawal.restored.asOf} is in force again`;

  const kept = [...effects.raised].filter((riskId) => warrantedForRejudged.has(riskId)).sort();
  const close = [...effects.raised]
    .filter((riskId) => !warrantedForRejudged.has(riskId))
    .sort()
    .map((riskId) => ({
      riskId,
      reason: `Raised on the RMAP status list as of ${withdrawal.asOf}, which was withdrawn (${withdrawal.reason}); ${listed}`,
    }));

  const raise = rejudged.filter((risk) => {
    const riskId = riskIdFor(risk);
    return !effects.raised.has(riskId) && !effects.warranted.has(riskId);
  });
  const raising = new Set(raise.map((risk) => riskIdFor(risk)));
  if (effects.closed.size > 0) {
    for (const risk of smelterRisks(withdrawal.current, withdrawal.restored, withdrawal.eventId).filter(isStatusRisk)) {
      const riskId = riskIdFor(risk);
      if (effects.closed.has(riskId) && !raising.has(riskId)) {
        raise.push(risk);
        raising.add(riskId);
      }
    }
  }
  return { close, raise, kept };
}
