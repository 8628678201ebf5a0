import type { Mineral } from '../shared/metals';
import type { ReferenceRow } from './reference-list';
import { normaliseSmelterName } from './smelter-name';

export interface ReferenceSmelter {
  smelterId: string;
  metal: Mineral;
  standardName: string;
  country: string;
  aliases: string[];
}

/** Look-ups over one reference list: by CID, and by (metal, normalised alias) as the CMRT matches. */
export class ReferenceIndex {
  readonly asOf: string | null;
  private readonly byId = new Map<string, ReferenceSmelter>();
  private readonly byAlias = new Map<string, string>();

  constructor(rows: readonly ReferenceRow[], asOf: string | null = null) {
    this.asOf = asOf;
    for (const row of rows) {
      if (!row.smelterId) continue;
      const known = this.byId.get(row.smelterId);
      if (known) known.aliases.push(row.lookupName);
      else {
        this.byId.set(row.smelterId, {
          smelterId: row.smelterId,
          metal: row.metal,
          standardName: row.standardName,
          country: row.country,
          aliases: [row.lookupName],
        });
      }
      this.byAlias.set(aliasKey(row.metal, row.lookupName), row.smelterId);
      if (row.standardName) this.byAlias.set(aliasKey(row.metal, row.standardName), row.smelterId);
    }
  }

  static empty(): ReferenceIndex {
    return new ReferenceIndex([]);
  }

  get size(): number {
    return this.byId.size;
  }

  smelter(smelterId: string): ReferenceSmelter | undefined {
    return this.byId.get(smelterId);
  }

  byName(metal: Mineral, name: string): ReferenceSmelter | undefined {
    const id = this.byAlias.get(aliasKey(metal, name));
    return id ? this.byId.get(id) : undefined;
  }

  smeltersOf(metal: Mineral): ReferenceSmelter[] {
    return [...this.byId.values()].filter((smelter) => smelter.metal === metal);
  }
}

function aliasKey(metal: Mineral, name: string): string {
  return `${metal}|${normaliseSmelterName(name)}`;
}
