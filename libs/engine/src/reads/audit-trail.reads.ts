import { auditTrailProjection, AUDIT_TRAIL_MAX_LIMIT, type AuditEntry } from '@dd/projections';
import { auditTrailExport, type AuditTrailExportRow } from '@dd/reports';
import { z } from 'zod';
import { eventAt, eventEvidence, type EventEvidence, type LinkedEvent } from '../queries/event-evidence';
import { readQuery } from './read-query';
import { dateTime, EventIdListParam, EventIdParam, nullableString, PeriodParam } from './read-parameters';
import { spreadsheetRenderings } from './read-renderings';

const IsoTimeOrDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * An audit trail entry with its payload and schema version, read from the log itself. Both are null
 * when the log no longer holds the event where the trail saw it (rows removed behind the store's
 * back: `audit verify` names the break).
 */
export interface AuditEntryWithData extends AuditEntry {
  data: unknown;
  schemaVersion: number | null;
}

const AuditEntrySchema = z.object({
  position: z.number().int().describe('global position in the log'),
  streamId: z.string(),
  streamVersion: z.number().int(),
  type: z.string(),
  actor: z.string(),
  commandId: z.string(),
  correlationId: z.string(),
  causationId: nullableString,
  eventId: z.string(),
  occurredAt: dateTime.describe('business time'),
  recordedAt: dateTime.describe('store time'),
  hash: z.string(),
  prevHash: z.string(),
  supplierId: nullableString,
  period: z.number().int().nullable(),
  data: z.unknown().optional().describe('with include=data: the payload as stored in the log'),
  schemaVersion: z.number().int().nullable().optional().describe('with include=data'),
});

export const auditTrailRead = readQuery({
  name: 'GetAuditTrail',
  path: '/audit-trail',
  summary: 'Every event with its actor, times and hash; filtered and paged',
  params: z
    .object({
      supplierId: z.string().min(1).optional(),
      streamId: z.string().min(1).optional(),
      type: z.string().min(1).optional(),
      actor: z.string().min(1).optional(),
      period: PeriodParam.optional().describe('events about this reporting period'),
      from: IsoTimeOrDate.optional().describe('recordedAt ≥'),
      to: IsoTimeOrDate.optional().describe('recordedAt ≤'),
      limit: z.coerce.number().int().min(1).max(AUDIT_TRAIL_MAX_LIMIT).optional(),
      after: z.coerce.number().int().min(0).optional().describe('global position to page after (nextAfter of the previous page)'),
      eventId: EventIdListParam.optional().describe('only these events; repeat it or separate ids by commas'),
      include: z
        .literal('data', { error: 'the only thing to include is data' })
        .optional()
        .describe("data: add each event's payload and schemaVersion, read from the log"),
    })
    .strict(),
  response: z.object({ items: z.array(AuditEntrySchema), nextAfter: z.number().int().nullable() }),
  readModels: [auditTrailProjection.name],
  async answer({ eventId, include, ...filter }, models) {
    const page = models.auditTrail.list({ ...filter, eventIds: eventId });
    if (include !== 'data') return page;
    // Payloads come from the log, not from a copy in the read model: what is shown is what is hashed.
    // By stream and version, which every store indexes (KurrentDB has no lookup by event id).
    const items: AuditEntryWithData[] = [];
    for (const entry of page.items) {
      const event = await eventAt(models.store, entry.streamId, entry.streamVersion, entry.eventId);
      items.push({ ...entry, data: event ? event.data : null, schemaVersion: event ? event.metadata.schemaVersion : null });
    }
    return { ...page, items };
  },
  // As a spreadsheet: the page asked for, a row per event; with include=data, its payload as stored.
  renderings: spreadsheetRenderings(
    ({ period }: { period?: number }) => (period === undefined ? 'audit-trail' : `audit-trail-${period}`),
    (page: { items: readonly AuditTrailExportRow[] }) => auditTrailExport(page.items),
  ),
});

const Linked = z.object({
  eventId: z.string(),
  type: z.string(),
  streamId: z.string(),
  streamVersion: z.number().int(),
  href: z.string().describe('/events/{eventId}'),
});

export const eventHref = (eventId: string) => `/events/${eventId}`;

/** An event's evidence with its links as URLs of this API. */
export type EventEvidenceWithHrefs = ReturnType<typeof withHrefs>;

/** The links as URLs of this API: each linked event opens at /events; the stream, in the audit trail with payloads. */
function withHrefs(evidence: EventEvidence) {
  const link = (event: LinkedEvent) => ({ ...event, href: eventHref(event.eventId) });
  const { previous, next, causation, caused } = evidence.links;
  return {
    ...evidence,
    links: {
      self: eventHref(evidence.eventId),
      stream: `/audit-trail?streamId=${encodeURIComponent(evidence.streamId)}&include=data`,
      previous: previous && link(previous),
      next: next && link(next),
      causation: causation && link(causation),
      caused: caused.map(link),
    },
  };
}

export const eventRead = readQuery({
  name: 'GetEvent',
  path: '/events/{eventId}',
  summary:
    'One event as evidence: payload, envelope, hash and prevHash, its neighbours, cause and effects, and whether its stream verifies up to it',
  description: 'Every event id a read model lists (evidence, eventId, eventIds) opens here. Open to every role, auditors included.',
  params: z.object({ eventId: EventIdParam }),
  response: z.object({
    eventId: z.string(),
    type: z.string(),
    streamId: z.string(),
    streamVersion: z.number().int().describe('0-based position in its stream'),
    globalPosition: z.number().int().describe('position in the whole log'),
    data: z.unknown().describe('the payload exactly as stored and hashed'),
    metadata: z
      .object({
        eventId: z.string(),
        commandId: z.string(),
        correlationId: z.string(),
        causationId: nullableString,
        actor: z.string(),
        occurredAt: dateTime.describe('business time'),
        recordedAt: dateTime.describe('store time'),
        schemaVersion: z.number().int(),
        prevHash: z.string().describe('SHA-256 (hex) of the previous event of the stream; 64 zeros for the first'),
        logPrevHash: z
          .string()
          .optional()
          .describe('SHA-256 (hex) of the previous event of the whole log; absent on stream-chained events (older logs, KurrentDB)'),
        hash: z.string().describe('SHA-256 (hex) sealing this event'),
      })
      .describe('the envelope as stored; the hash covers streamId, streamVersion, type, data and this metadata without hash'),
    links: z.object({
      self: z.string(),
      stream: z.string().describe("the stream's events with payloads: /audit-trail?streamId=…&include=data"),
      previous: Linked.nullable().describe('the event before it in its stream; null for the first'),
      next: Linked.nullable().describe('the event after it in its stream; null for the last'),
      causation: Linked.nullable().describe('the event it was appended in reaction to (metadata.causationId)'),
      caused: z.array(Linked).describe('the events appended in reaction to it'),
    }),
    verification: z
      .object({
        status: z.enum(['intact', 'broken']),
        checkedEvents: z.number().int(),
        firstBrokenLink: z
          .object({
            streamId: z.string(),
            streamVersion: z.number().int(),
            globalPosition: z.number().int(),
            reason: z.string(),
            expected: z.string(),
            actual: z.string(),
          })
          .optional()
          .describe('only when broken'),
      })
      .describe("its stream's hash chain recomputed from the first event up to and including this one"),
  }),
  // The links to the events it caused come from the audit trail: let it catch up first.
  readModels: [auditTrailProjection.name],
  notFound: ({ eventId }) => `no event ${eventId}`,
  async answer({ eventId }, models) {
    const evidence = await eventEvidence(models.store, models.auditTrail, eventId);
    return evidence && withHrefs(evidence);
  },
});
