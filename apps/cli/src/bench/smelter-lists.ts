import {
  METALS,
  ReferenceIndex,
  referenceListDecider,
  rmapStatusDecider,
  type ReferenceListImported,
  type ReferenceRow,
  type RmapStatus,
  type RmapStatusListImported,
} from '@dd/domain';

/** RMI's lists as a filer has them imported, and the index responses are matched against. */
export interface SyntheticSmelterLists {
  reference: ReferenceListImported;
  status: RmapStatusListImported;
  index: ReferenceIndex;
  /** The tungsten smelters of the reference list: the ones the benchmark's declarations name (tungsten is their metal in scope). */
  tungsten: ReferenceRow[];
}

const AS_OF = '2021-01-15';
const SMELTERS_PER_METAL = 100;
const COUNTRIES = ['CHINA', 'INDONESIA', 'MALAYSIA', 'PERU', 'BRAZIL', 'RWANDA', 'SWITZERLAND', 'JAPAN'];
const sha = (char: string) => char.repeat(64);

/**
 * A reference list of 400 smelters (100 per 3TG metal, the size of RMI's) and an RMAP status list, made
 * by the engine's own deciders, so the log holds what importing them writes. The tungsten smelters the
 * declarations name are all conformant, cross-recognized or active, which raise no risk: the log stays
 * as the engine's process managers would leave it (no smelter risk to add). The other metals' smelters
 * get every status, as the real list has them.
 */
export function syntheticSmelterLists(): SyntheticSmelterLists {
  const rows: ReferenceRow[] = METALS.flatMap((metal, m) =>
    Array.from({ length: SMELTERS_PER_METAL }, (_, index) => {
      const name = `${metal[0].toUpperCase()}${metal.slice(1)} Smelter ${String(index + 1).padStart(3, '0')}`;
      return {
        metal,
        lookupName: name,
        standardName: name,
        country: COUNTRIES[index % COUNTRIES.length],
        smelterId: `CID${String(2000 + m * SMELTERS_PER_METAL + index).padStart(6, '0')}`,
        idSource: 'RMI',
      };
    }),
  );
  const now = `${AS_OF}T12:00:00.000Z`;
  const [reference] = referenceListDecider.decide(
    {
      type: 'ImportReferenceList',
      data: { asOf: AS_OF, source: { kind: 'csv', fileName: 'smelter-reference.csv', sha256: sha('a') }, rows },
    },
    referenceListDecider.initialState(),
    { now },
  );
  const named: RmapStatus[] = ['conformant', 'conformant', 'conformant', 'cross-recognized', 'active'];
  const others: RmapStatus[] = ['conformant', 'active', 'non-conformant', 'suspended', 'conformant'];
  const entries = rows.map((row, index) => ({
    metal: row.metal,
    smelterId: row.smelterId!,
    status: (row.metal === 'tungsten' ? named : others)[index % 5],
  }));
  const [status] = rmapStatusDecider.decide(
    {
      type: 'ImportRmapStatusList',
      data: { asOf: AS_OF, source: { kind: 'csv', fileName: 'rmap-status.csv', sha256: sha('b') }, entries },
    },
    rmapStatusDecider.initialState(),
    { now },
  );
  if (reference?.type !== 'ReferenceListImported' || status?.type !== 'RmapStatusListImported') {
    throw new Error('the synthetic smelter lists were refused by their deciders');
  }
  return {
    reference: reference.data,
    status: status.data,
    index: new ReferenceIndex(rows, AS_OF),
    tungsten: rows.filter((row) => row.metal === 'tungsten'),
  };
}
