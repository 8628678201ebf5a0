import type { ExportDocument } from './export-table';

/** An audit trail entry as the audit trail read answers it, with its payload when asked for. */
export interface AuditTrailExportRow {
  position: number;
  recordedAt: string;
  occurredAt: string;
  type: string;
  streamId: string;
  streamVersion: number;
  actor: string;
  supplierId: string | null;
  period: number | null;
  commandId: string;
  correlationId: string;
  causationId: string | null;
  eventId: string;
  hash: string;
  prevHash: string;
  data?: unknown;
  schemaVersion?: number | null;
}

/**
 * The audit trail as a spreadsheet: a row per event in log order, its envelope and hash, and its
 * payload as the JSON stored in the log (compact, so that a reader can copy it out and hash it).
 */
export function auditTrailExport(entries: readonly AuditTrailExportRow[]): ExportDocument {
  return {
    sheets: [
      {
        name: 'Audit trail',
        columns: [
          { header: 'Position' },
          { header: 'Recorded at', width: 25 },
          { header: 'Occurred at (business time)', width: 25 },
          { header: 'Event type', width: 26 },
          { header: 'Stream', width: 30 },
          { header: 'Stream version' },
          { header: 'Actor', width: 20 },
          { header: 'Supplier' },
          { header: 'Period' },
          { header: 'Command id', width: 38 },
          { header: 'Correlation id', width: 38 },
          { header: 'Causation id', width: 38 },
          { header: 'Event id', width: 38 },
          { header: 'Hash (SHA-256)', width: 66 },
          { header: 'Previous hash', width: 66 },
          { header: 'Schema version' },
          { header: 'Payload (JSON)', width: 80 },
        ],
        rows: entries.map((entry) => [
          entry.position,
          entry.recordedAt,
          entry.occurredAt,
          entry.type,
          entry.streamId,
          entry.streamVersion,
          entry.actor,
          entry.supplierId,
          entry.period,
          entry.commandId,
          entry.correlationId,
          entry.causationId,
          entry.eventId,
          entry.hash,
          entry.prevHash,
          entry.schemaVersion ?? null,
          entry.data === undefined ? null : JSON.stringify(entry.data),
        ]),
      },
    ],
  };
}
