import type { SmelterSighting } from './smelter-sighting';

/** A Smelter List row of acme's first response for 2025, matched by CID to tin smelter CID000001, changed by `overrides`. */
export const sightingOf = (overrides: Partial<SmelterSighting> = {}): SmelterSighting => ({
  supplierId: 'acme',
  period: 2025,
  responseNumber: 1,
  index: 0,
  row: 5,
  metal: 'tin',
  inScope: true,
  status: 'matched',
  method: 'cid',
  smelterId: 'CID000001',
  referenceListAsOf: '2025-03-05',
  ...overrides,
});
