import { createHash } from 'node:crypto';
import { foldState, streams, supplierDecider, type SupplierState } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { importWaves, planSupplierImport, type ImportRowError, type ImportRowStatus, type PlannedImportRow } from './supplier-import-plan';
import { inFlight } from './in-flight';
import { readSupplierTable } from './supplier-table';

/** Rows of one wave whose commands are under way at once. */
const ROWS_IN_FLIGHT = 256;

/** One row of the answer: the plan, and after a real import the events each row appended. */
export interface SupplierImportRow {
  row: number;
  supplierId?: string;
  status: ImportRowStatus;
  /** The commands the row means (dry run) or ran (import), in order. */
  commands: string[];
  errors: ImportRowError[];
  eventIds?: string[];
}

export interface SupplierImportAnswer {
  dryRun: boolean;
  /** Whether the suppliers were written: false for a dry run and for a file with any error. */
  imported: boolean;
  file: { name: string; format: 'csv' | 'xlsx'; sha256: string; rows: number };
  counts: Record<ImportRowStatus, number>;
  rows: SupplierImportRow[];
}

/** Who imports, and the key their command ids are derived under (the API's namespace of client keys). */
export interface SupplierImportSender {
  actor: string;
  /** The commandId of the n-th command of a row: deterministic, so posting the same file again appends nothing twice. */
  commandId: (key: string) => string;
}

/**
 * A supplier list (CSV or .xlsx) imported all or nothing: every row is validated with the commands'
 * own schemas and against the suppliers as they are before anything is written; a dry run stops
 * there. A list with any error writes nothing. Otherwise each row's commands go through the one
 * dispatcher, in order, many rows at once (importWaves: parents in an earlier wave than their children).
 * Throws SupplierFileUnusable for a file that is not a supplier list.
 */
export class SupplierImport {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly store: EventStore,
  ) {}

  async import(
    bytes: Uint8Array,
    fileName: string,
    options: { dryRun: boolean; sender: SupplierImportSender },
  ): Promise<SupplierImportAnswer> {
    const table = readSupplierTable(bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const current = await this.currentSuppliers(table.rows.map((row) => row.values.supplierId));
    const plan = planSupplierImport(table.rows, current, fileName);
    const hasErrors = plan.some((row) => row.status === 'error');
    const eventIds = new Map<PlannedImportRow, string[]>();
    const imported = !options.dryRun && !hasErrors;
    if (imported) {
      const runRow = async (row: PlannedImportRow) => {
        const ids: string[] = [];
        for (const command of row.commands) {
          const result = await this.commands.dispatch(command.name, command.data, {
            commandId: options.sender.commandId(`supplier-import:${sha256.slice(0, 32)}/${row.row}/${command.name}`),
            actor: options.sender.actor,
          });
          ids.push(...result.eventIds);
        }
        eventIds.set(row, ids);
      };
      // A wave's rows at once (their suppliers differ), parents' waves first: the store's group commit then
      // writes many rows per fsync instead of one command per fsync.
      for (const wave of importWaves(plan)) await inFlight(wave, ROWS_IN_FLIGHT, runRow);
    }
    const rows = [...plan]
      .sort((a, b) => a.row - b.row)
      .map((row) => ({
        row: row.row,
        ...(row.supplierId !== undefined ? { supplierId: row.supplierId } : {}),
        status: row.status,
        commands: row.commands.map((command) => command.name),
        errors: row.errors,
        ...(imported ? { eventIds: eventIds.get(row) ?? [] } : {}),
      }));
    const counts = { new: 0, unchanged: 0, renamed: 0, updated: 0, error: 0 };
    for (const row of rows) counts[row.status]++;
    return {
      dryRun: options.dryRun,
      imported,
      file: { name: fileName, format: table.format, sha256, rows: rows.length },
      counts,
      rows,
    };
  }

  /** The suppliers a list names, folded from their streams as the dispatcher folds them (not from a read model that may lag). */
  private async currentSuppliers(ids: ReadonlyArray<string | undefined>): Promise<Map<string, SupplierState>> {
    const current = new Map<string, SupplierState>();
    for (const id of new Set(ids)) {
      if (id === undefined || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(id)) continue;
      current.set(id, foldState(supplierDecider, (await this.store.readStream(streams.supplier(id))) as never));
    }
    return current;
  }
}
