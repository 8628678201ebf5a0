import {
  ReferenceIndex,
  referenceListDecider,
  rmapStatusDecider,
  streams,
  surveyDecider,
  type Declaration,
  type ReferenceRow,
  type RmapStatusEntry,
  type SmelterRow,
  type SupplierState,
} from '@dd/domain';
import { completeDeclaration } from '@dd/domain/testing';
import type { DomainLog } from '../test-support/domain-log.fixture';

/** A small RMI reference list: two tin smelters, one tin alias, one gold refiner. */
export const REFERENCE_ROWS: ReferenceRow[] = [
  { metal: 'tin', lookupName: 'Alpha Tin Smelting', standardName: 'Alpha Tin Smelting', country: 'INDONESIA', smelterId: 'CID000001' },
  { metal: 'tin', lookupName: 'Beta Metals', standardName: 'Beta Metals Ltd.', country: 'MALAYSIA', smelterId: 'CID000002' },
  { metal: 'tin', lookupName: 'Metallo Belgium N.V.', standardName: 'Metallo Belgium N.V.', country: 'BELGIUM', smelterId: 'CID000004' },
  { metal: 'gold', lookupName: 'Gamma Gold Refinery', standardName: 'Gamma Gold Refinery', country: 'SWITZERLAND', smelterId: 'CID000003' },
  { metal: 'tin', lookupName: 'Smelter not listed', standardName: '', country: '' },
];
export const REFERENCE_AS_OF = '2025-03-05';

const sha = (char: string) => char.repeat(64);

/** A declaration with tin in scope (the complete declaration's tungsten answers moved to tin) and these Smelter List rows. */
export function tinDeclaration(smelters: SmelterRow[]): Declaration {
  const declaration = completeDeclaration();
  declaration.minerals.tin = declaration.minerals.tungsten;
  declaration.minerals.tungsten = { q1: { answer: 'No' } };
  declaration.smelters = smelters;
  return declaration;
}

/** Rows naming Alpha by CID, Beta by alias, an unknown tin smelter, a near miss, an unidentified one, and gold (out of scope). */
export const ACME_ROWS: SmelterRow[] = [
  { row: 5, metal: 'tin', lookupName: 'Alpha Tin Smelting', smelterId: 'CID000001' },
  { row: 6, metal: 'tin', lookupName: 'Beta Metals' },
  { row: 7, metal: 'tin', lookupName: 'Smelter not listed', name: 'Mystery Tin Works', country: 'PERU' },
  { row: 8, metal: 'tin', lookupName: 'Smelter not listed', name: 'Metallo Belgium' },
  { row: 9, metal: 'tin', lookupName: 'Smelter not yet identified' },
  { row: 10, metal: 'gold', lookupName: 'Gamma Gold Refinery' },
];

/** Writes lists, suppliers, surveys and responses through the real deciders. */
export class SmelterLog {
  private readonly suppliers = new Map<string, SupplierState>();

  constructor(private readonly log: DomainLog) {}

  importReferenceList(rows: ReferenceRow[] = REFERENCE_ROWS, asOf = REFERENCE_AS_OF, file = 'a') {
    const list = { asOf, source: { kind: 'csv' as const, fileName: 'reference.csv', sha256: sha(file) }, rows };
    // Imported on the day of its date (a list may not be dated after tomorrow).
    return this.log.decide(
      streams.referenceList(),
      referenceListDecider,
      { type: 'ImportReferenceList', data: list },
      { now: `${asOf}T12:00:00.000Z` },
    );
  }

  importStatusList(entries: RmapStatusEntry[], asOf: string, file: string) {
    const list = { asOf, source: { kind: 'csv' as const, fileName: 'rmap.csv', sha256: sha(file) }, entries };
    return this.log.decide(
      streams.rmapStatus(),
      rmapStatusDecider,
      { type: 'ImportRmapStatusList', data: list },
      { now: `${asOf}T12:00:00.000Z` },
    );
  }

  withdrawReferenceList(asOf: string, reason = 'imported by mistake') {
    return this.log.decide(
      streams.referenceList(),
      referenceListDecider,
      { type: 'WithdrawReferenceList', data: { asOf, reason } },
      { now: '2026-01-05T09:00:00.000Z' },
    );
  }

  withdrawStatusList(asOf: string, reason = 'imported by mistake') {
    return this.log.decide(
      streams.rmapStatus(),
      rmapStatusDecider,
      { type: 'WithdrawRmapStatusList', data: { asOf, reason } },
      { now: '2026-01-05T09:00:00.000Z' },
    );
  }

  async register(supplierId: string, period: number) {
    await this.log.registerSupplier({ supplierId });
    this.suppliers.set(supplierId, { status: 'registered', supplierId, name: `Supplier ${supplierId}`, tier: 'direct' });
    await this.survey(supplierId, period, { type: 'SendCMRT', data: { supplierId, period, dueDate: '2025-12-31' } });
  }

  /** Records a response matched against the reference list as it stands in the log. */
  async respond(
    supplierId: string,
    period: number,
    declaration: Declaration,
    reference = new ReferenceIndex(REFERENCE_ROWS, REFERENCE_AS_OF),
  ) {
    const [recorded] = await this.survey(
      supplierId,
      period,
      { type: 'RecordResponse', data: { supplierId, period, declaration } },
      reference,
    );
    return recorded;
  }

  async confirm(supplierId: string, period: number, row: number, smelterId: string) {
    const [confirmed] = await this.survey(supplierId, period, {
      type: 'ConfirmSmelterMatch',
      data: { supplierId, period, row, smelterId },
    });
    return confirmed;
  }

  async resurvey(supplierId: string, period: number) {
    await this.survey(supplierId, period, { type: 'SendCMRT', data: { supplierId, period, dueDate: '2025-12-31' } });
  }

  private survey(
    supplierId: string,
    period: number,
    command: Parameters<typeof surveyDecider.decide>[0],
    reference = new ReferenceIndex(REFERENCE_ROWS, REFERENCE_AS_OF),
  ) {
    return this.log.decide(streams.survey(period, supplierId), surveyDecider, command, {
      supplier: this.suppliers.get(supplierId)!,
      now: '2025-04-01T09:00:00.000Z',
      reference,
    });
  }
}
