import type { FollowUpKind, SurveyFamily } from '@dd/domain';
import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';

export const FOLLOW_UP_QUEUE_STATUSES = ['open', 'resolved', 'all'] as const;
export type FollowUpQueueStatus = (typeof FOLLOW_UP_QUEUE_STATUSES)[number];

export interface FollowUpQueueFilter {
  status?: FollowUpQueueStatus;
  period?: number;
  family?: SurveyFamily;
  kind?: FollowUpKind;
  supplierId?: string;
  /** The supplier's owner in our company (supply-chain read model). */
  owner?: string;
  /** Only follow-ups requested before this time (ISO; "at least N days old" is before the start of a day). */
  requestedBefore?: string;
  /** Keyset paging: after this (requestedAt, followUpId), oldest first. */
  after?: { requestedAt: string; followUpId: string };
  limit: number;
}

export interface FollowUpQueueItem {
  followUpId: string;
  supplierId: string;
  supplierName: string | null;
  owner: string | null;
  period: number;
  family: SurveyFamily;
  kind: FollowUpKind;
  origin: 'checker' | 'reviewer';
  responseNumber: number;
  findings: number;
  requestedAt: string;
  requestedEventId: string;
  resolution: 'resubmitted' | 'reviewer' | null;
  resolvedAt: string | null;
  resolvedEventId: string | null;
}

const FROM = `FROM supplier_follow_ups f
  LEFT JOIN suppliers s ON s.supplier_id = f.supplier_id
  LEFT JOIN sc_suppliers sc ON sc.supplier_id = f.supplier_id
  WHERE (@status = 'all' OR (@status = 'open') = (f.resolution IS NULL))
    AND (@period IS NULL OR f.period = @period) AND (@family IS NULL OR f.family = @family)
    AND (@kind IS NULL OR f.kind = @kind) AND (@supplierId IS NULL OR f.supplier_id = @supplierId)
    AND (@owner IS NULL OR sc.owner = @owner) AND (@requestedBefore IS NULL OR f.requested_at < @requestedBefore)`;

/**
 * The follow-up queue across suppliers: the follow-ups the suppliers read model keeps, with the
 * supplier's name and its owner from the supply-chain read model, oldest first (the longest waiting
 * on top), in keyset pages.
 */
export class FollowUpQueueQueries {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  page(filter: FollowUpQueueFilter): { items: FollowUpQueueItem[]; total: number } {
    const params = {
      status: filter.status ?? 'open',
      period: filter.period ?? null,
      family: filter.family ?? null,
      kind: filter.kind ?? null,
      supplierId: filter.supplierId ?? null,
      owner: filter.owner ?? null,
      requestedBefore: filter.requestedBefore ?? null,
    };
    const total = (this.statements.get(`SELECT COUNT(*) AS total ${FROM}`).get(params) as { total: number }).total;
    const items = this.statements
      .get(
        `SELECT f.follow_up_id AS followUpId, f.supplier_id AS supplierId, s.name AS supplierName, sc.owner AS owner, f.period,
          f.family, f.kind, f.origin, f.response_number AS responseNumber, f.findings, f.requested_at AS requestedAt,
          f.requested_event_id AS requestedEventId, f.resolution, f.resolved_at AS resolvedAt, f.resolved_event_id AS resolvedEventId
        ${FROM} AND (@afterAt IS NULL OR f.requested_at > @afterAt OR (f.requested_at = @afterAt AND f.follow_up_id > @afterId))
        ORDER BY f.requested_at, f.follow_up_id LIMIT @limit`,
      )
      .all({
        ...params,
        afterAt: filter.after?.requestedAt ?? null,
        afterId: filter.after?.followUpId ?? null,
        limit: filter.limit,
      }) as FollowUpQueueItem[];
    return { items, total };
  }
}
