import { AddSupplierContact, AssignSupplierOwner, RegisterSupplier, RenameSupplier, type SupplierState } from '@dd/domain';
import type { z } from 'zod';
import type { SupplierColumn, SupplierTableRow } from './supplier-table';

export const IMPORT_ROW_STATUSES = ['new', 'unchanged', 'renamed', 'updated', 'error'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

export type SupplierImportCommand =
  | { name: 'RegisterSupplier'; data: RegisterSupplier }
  | { name: 'RenameSupplier'; data: RenameSupplier }
  | { name: 'AssignSupplierOwner'; data: AssignSupplierOwner }
  | { name: 'AddSupplierContact'; data: AddSupplierContact };

export interface ImportRowError {
  /** The column the error is in (or supplierId for a row-wide one). */
  field: SupplierColumn;
  message: string;
}

/** What importing one row means: its status, the commands that do it (in order), or its errors. */
export interface PlannedImportRow {
  row: number;
  supplierId?: string;
  status: ImportRowStatus;
  commands: SupplierImportCommand[];
  errors: ImportRowError[];
}

type Registered = Extract<SupplierState, { status: 'registered' }>;

/** Validates one part of a row with a command's own schema; zod's field names mapped back to the columns. */
function check<Schema extends z.ZodType>(
  schema: Schema,
  data: Record<string, unknown>,
  columns: Record<string, SupplierColumn>,
  errors: ImportRowError[],
): z.output<Schema> | undefined {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)));
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = columns[String(issue.path[0])] ?? 'supplierId';
    if (!errors.some((error) => error.field === field)) errors.push({ field, message: issue.message });
  }
  return undefined;
}

const registerColumns: Record<string, SupplierColumn> = {
  supplierId: 'supplierId',
  name: 'name',
  tier: 'tier',
  country: 'country',
  parentSupplierId: 'parentSupplierId',
};
const contactColumns: Record<string, SupplierColumn> = {
  supplierId: 'supplierId',
  name: 'contactName',
  email: 'contactEmail',
  role: 'contactRole',
  language: 'contactLanguage',
};

/**
 * The commands a supplier list means, row by row, against the suppliers as they are (their streams
 * folded): a new supplier is registered (with its owner and contact); a known one is renamed when
 * its name differs, gets its owner when that differs and its contact when the e-mail is new, or is
 * unchanged. What the register cannot change (tier, country, parent of a registered supplier) and
 * whatever a command schema refuses is an error of that row, named by column. Pure: nothing is decided
 * here that the deciders would not decide the same way.
 */
export function planSupplierImport(
  rows: readonly SupplierTableRow[],
  current: ReadonlyMap<string, SupplierState>,
  fileName: string,
): PlannedImportRow[] {
  const firstRowOf = new Map<string, number>();
  const planned = rows.map((row): PlannedImportRow => {
    const errors: ImportRowError[] = [];
    const values = row.values;
    const supplierId = values.supplierId;
    const registration = check(
      RegisterSupplier,
      {
        supplierId,
        name: values.name,
        tier: values.tier?.toLowerCase(),
        country: values.country?.toUpperCase(),
        parentSupplierId: values.parentSupplierId,
      },
      registerColumns,
      errors,
    );
    const owner =
      values.owner === undefined ? undefined : check(AssignSupplierOwner, { supplierId, owner: values.owner }, registerColumns, errors);
    const hasContact = [values.contactName, values.contactEmail, values.contactRole, values.contactLanguage].some(
      (value) => value !== undefined,
    );
    if (hasContact && values.contactName === undefined) errors.push({ field: 'contactName', message: 'required when a contact is given' });
    if (hasContact && values.contactEmail === undefined)
      errors.push({ field: 'contactEmail', message: 'required when a contact is given' });
    const contact = hasContact
      ? check(
          AddSupplierContact,
          {
            supplierId,
            name: values.contactName,
            email: values.contactEmail,
            role: values.contactRole,
            language: values.contactLanguage?.toLowerCase(),
          },
          contactColumns,
          errors,
        )
      : undefined;
    if (supplierId !== undefined) {
      const earlier = firstRowOf.get(supplierId);
      if (earlier !== undefined) errors.push({ field: 'supplierId', message: `${supplierId} is on row ${earlier} already` });
      else firstRowOf.set(supplierId, row.row);
    }
    if (errors.length || !registration) return { row: row.row, supplierId, status: 'error', commands: [], errors };
    const state = current.get(registration.supplierId);
    if (state?.status === 'registered') return changesTo(row.row, state, registration, owner, contact, fileName);
    const commands: SupplierImportCommand[] = [{ name: 'RegisterSupplier', data: registration }];
    if (owner) commands.push({ name: 'AssignSupplierOwner', data: owner });
    if (contact) commands.push({ name: 'AddSupplierContact', data: contact });
    return { row: row.row, supplierId: registration.supplierId, status: 'new', commands, errors: [] };
  });
  return withParentsChecked(planned, current);
}

function changesTo(
  row: number,
  state: Registered,
  registration: RegisterSupplier,
  owner: AssignSupplierOwner | undefined,
  contact: AddSupplierContact | undefined,
  fileName: string,
): PlannedImportRow {
  const { supplierId } = registration;
  const errors: ImportRowError[] = [];
  const cannotChange = (field: SupplierColumn, registered: string | undefined, given: string | undefined) => {
    if (given !== undefined && given !== registered) {
      errors.push({ field, message: `${supplierId} is registered with ${field} ${registered ?? '(none)'}; an import cannot change it` });
    }
  };
  cannotChange('tier', state.tier, registration.tier);
  cannotChange('country', (state as { country?: string }).country, registration.country);
  cannotChange('parentSupplierId', state.parentSupplierId, registration.parentSupplierId);
  if (errors.length) return { row, supplierId, status: 'error', commands: [], errors };
  const commands: SupplierImportCommand[] = [];
  if (registration.name !== state.name) {
    commands.push({ name: 'RenameSupplier', data: { supplierId, name: registration.name, reason: `supplier import of ${fileName}` } });
  }
  if (owner && owner.owner !== state.owner) commands.push({ name: 'AssignSupplierOwner', data: owner });
  if (contact && !state.contactEmails?.includes(contact.email.toLowerCase())) commands.push({ name: 'AddSupplierContact', data: contact });
  const status: ImportRowStatus = commands.length === 0 ? 'unchanged' : commands[0].name === 'RenameSupplier' ? 'renamed' : 'updated';
  return { row, supplierId, status, commands, errors: [] };
}

/**
 * A parent must be registered, or registered by another row of the file (which then goes first);
 * a parent row with errors, a missing parent or a circle of parents is an error of the child row.
 * Returns the rows in the order their commands run: parents before children, otherwise as in the file.
 */
function withParentsChecked(rows: PlannedImportRow[], current: ReadonlyMap<string, SupplierState>): PlannedImportRow[] {
  const newRows = new Map(rows.filter((row) => row.status === 'new').map((row) => [row.supplierId!, row]));
  const errorIds = new Set(rows.filter((row) => row.status === 'error').map((row) => row.supplierId));
  const parentOf = (row: PlannedImportRow) => {
    const register = row.commands.find((command) => command.name === 'RegisterSupplier');
    return register?.name === 'RegisterSupplier' ? register.data.parentSupplierId : undefined;
  };
  const fail = (row: PlannedImportRow, message: string) => {
    row.status = 'error';
    row.commands = [];
    row.errors.push({ field: 'parentSupplierId', message });
  };
  for (const row of rows) {
    const parent = parentOf(row);
    if (parent !== undefined && parent === row.supplierId) fail(row, 'a supplier cannot be its own parent');
    if (parent === undefined || parent === row.supplierId) continue;
    if (current.get(parent)?.status === 'registered' || newRows.has(parent)) continue;
    fail(
      row,
      errorIds.has(parent) ? `parent ${parent} is on a row with errors` : `parent ${parent} is neither registered nor on a row of the file`,
    );
  }
  // Parents first; a row whose chain of parents in the file comes back to itself is in a circle.
  const ordered: PlannedImportRow[] = [];
  const placed = new Set<PlannedImportRow>();
  const place = (row: PlannedImportRow, chain: Set<PlannedImportRow>): boolean => {
    if (placed.has(row)) return row.status !== 'error';
    if (chain.has(row)) return false;
    const parent = parentOf(row);
    const parentRow = parent === undefined ? undefined : newRows.get(parent);
    if (parentRow && parentRow !== row && !place(parentRow, new Set([...chain, row]))) {
      if (row.status !== 'error') fail(row, `parent ${parent} cannot be registered first (a circle of parents, or errors on its row)`);
    }
    placed.add(row);
    ordered.push(row);
    return row.status !== 'error';
  };
  for (const row of rows) place(row, new Set());
  return ordered;
}

/**
 * The planned rows in waves whose commands may run at once: a row's parent (when the file registers it)
 * is in an earlier wave, so it is registered before the child's RegisterSupplier loads it; the rows of
 * one wave name different suppliers (a supplier on two rows is an error), so their streams never meet.
 * Each wave keeps the plan's order; rows with nothing to run are left out.
 */
export function importWaves(plan: readonly PlannedImportRow[]): PlannedImportRow[][] {
  const waveOf = new Map<string, number>();
  const waves: PlannedImportRow[][] = [];
  for (const row of plan) {
    if (row.commands.length === 0) continue;
    const register = row.commands.find((command) => command.name === 'RegisterSupplier');
    const parent = register?.name === 'RegisterSupplier' ? register.data.parentSupplierId : undefined;
    // The plan puts parents first: a parent registered by this file already has its wave.
    const wave = parent === undefined ? 0 : (waveOf.get(parent) ?? -1) + 1;
    if (row.supplierId !== undefined) waveOf.set(row.supplierId, wave);
    (waves[wave] ??= []).push(row);
  }
  return waves;
}
