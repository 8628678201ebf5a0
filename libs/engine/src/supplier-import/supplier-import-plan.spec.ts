import type { SupplierState } from '@dd/domain';
import { importWaves, planSupplierImport } from './supplier-import-plan';
import type { SupplierTableRow } from './supplier-table';

const row = (number: number, values: SupplierTableRow['values']): SupplierTableRow => ({ row: number, values });
const registered = (supplierId: string, extra: Partial<Extract<SupplierState, { status: 'registered' }>> = {}): SupplierState => ({
  status: 'registered',
  supplierId,
  name: supplierId.toUpperCase(),
  tier: 'direct',
  ...extra,
});
const outcome = (rows: SupplierTableRow[], current: Array<[string, SupplierState]> = []) =>
  planSupplierImport(rows, new Map(current), 'list.csv').map((planned) => [
    planned.row,
    planned.status,
    planned.commands.map((command) => command.name),
    planned.errors.map((error) => `${error.field}: ${error.message}`),
  ]);

describe('planSupplierImport', () => {
  it('given parents listed after their children, when planned, then parents come first in the order commands run', () => {
    expect(
      outcome([
        row(2, { supplierId: 'grandchild', name: 'G', tier: 'indirect', parentSupplierId: 'child' }),
        row(3, { supplierId: 'child', name: 'C', tier: 'indirect', parentSupplierId: 'parent' }),
        row(4, { supplierId: 'parent', name: 'P', tier: 'direct' }),
      ]).map(([number]) => number),
    ).toEqual([4, 3, 2]);
  });

  it('refuses a circle of parents, a supplier that is its own parent, and a child of a row with errors', () => {
    expect(
      outcome([
        row(2, { supplierId: 'a', name: 'A', tier: 'indirect', parentSupplierId: 'b' }),
        row(3, { supplierId: 'b', name: 'B', tier: 'indirect', parentSupplierId: 'a' }),
        row(4, { supplierId: 'self', name: 'S', tier: 'indirect', parentSupplierId: 'self' }),
        row(5, { supplierId: 'broken', name: 'B', tier: 'sideways' }),
        row(6, { supplierId: 'child', name: 'C', tier: 'indirect', parentSupplierId: 'broken' }),
      ])
        .sort((x, y) => (x[0] as number) - (y[0] as number))
        .map(([number, status, , errors]) => [number, status, (errors as string[])[0]?.split(':')[0]]),
    ).toEqual([
      [2, 'error', 'parentSupplierId'],
      [3, 'error', 'parentSupplierId'],
      [4, 'error', 'parentSupplierId'],
      [5, 'error', 'tier'],
      [6, 'error', 'parentSupplierId'],
    ]);
  });

  it('given a registered supplier, then a new name renames it, a new owner or contact e-mail updates it, a known e-mail adds nothing', () => {
    const current: Array<[string, SupplierState]> = [['s', registered('s', { owner: 'ann', contactEmails: ['kim@s.example'] })]];
    expect(
      outcome(
        [row(2, { supplierId: 's', name: 'S', tier: 'direct', owner: 'ann', contactName: 'Kim', contactEmail: 'KIM@s.example' })],
        current,
      ),
    ).toEqual([[2, 'unchanged', [], []]]);
    expect(outcome([row(2, { supplierId: 's', name: 'S2', tier: 'direct', owner: 'bob' })], current)).toEqual([
      [2, 'renamed', ['RenameSupplier', 'AssignSupplierOwner'], []],
    ]);
    expect(
      outcome([row(2, { supplierId: 's', name: 'S', tier: 'direct', contactName: 'Lu', contactEmail: 'lu@s.example' })], current),
    ).toEqual([[2, 'updated', ['AddSupplierContact'], []]]);
  });

  it('given a tree of new suppliers, when cut into waves, then every parent is in an earlier wave than its children, and unchanged rows in none', () => {
    const plan = planSupplierImport(
      [
        row(2, { supplierId: 'grandchild', name: 'G', tier: 'indirect', parentSupplierId: 'child' }),
        row(3, { supplierId: 'child', name: 'C', tier: 'indirect', parentSupplierId: 'parent' }),
        row(4, { supplierId: 'parent', name: 'P', tier: 'direct' }),
        row(5, { supplierId: 'other', name: 'O', tier: 'direct' }),
        row(6, { supplierId: 'known-child', name: 'K', tier: 'indirect', parentSupplierId: 'known' }),
        row(7, { supplierId: 'known', name: 'KNOWN', tier: 'direct' }),
      ],
      new Map([['known', registered('known')]]),
      'list.csv',
    );
    const waves = importWaves(plan).map((wave) => wave.map((planned) => planned.supplierId));
    // A parent already registered puts its child in the first wave; the unchanged row runs nothing.
    expect(waves).toEqual([['parent', 'other', 'known-child'], ['child'], ['grandchild']]);
  });
});
