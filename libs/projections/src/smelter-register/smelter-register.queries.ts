import type { Mineral, RmapStatus } from '@dd/domain';
import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';
import { keysetCondition, WHOLE_LIST, type KeysetPage } from '../keyset-page';
import { conformanceByMetal, type MetalConformance } from './conformance';

/** The status filter: an RMAP status, or 'not-enrolled' for a smelter the (imported) status list does not name. */
export type SmelterStatusFilter = RmapStatus | 'not-enrolled';

export interface SmelterStatusChange {
  /** null: the smelter left the status list. */
  status: RmapStatus | null;
  /** As-of date of the list that gave it (null: a withdrawal left no list in force). */
  asOf: string | null;
  /** The RmapStatusListImported (or RmapStatusListWithdrawn) event. */
  eventId: string;
  /** Only on a change back by a withdrawal: the as-of date of the list withdrawn. */
  withdrawnListAsOf?: string;
}

/** A supplier naming the smelter on a Smelter List row of its latest response for a period. */
export interface SmelterNaming {
  supplierId: string;
  period: number;
  responseNumber: number;
  row: number;
  /** The ResponseRecorded event. */
  eventId: string;
  /** cid: by the id given; alias: by name; confirmed: by a person (confirmationEventId). */
  method: 'cid' | 'alias' | 'confirmed';
  /** Whether the metal is in scope of that response (Q1 = Q2 = Yes). */
  inScope: boolean;
  confirmationEventId: string | null;
}

export interface SmelterEntry {
  smelterId: string;
  /** A 3TG metal, or an EMRT mineral for a smelter named on an EMRT. */
  metal: Mineral;
  standardName: string;
  country: string | null;
  /** Whether the latest reference list names it (false: removed from it, or only on the status list). */
  onReferenceList: boolean;
  /** Current RMAP status; null: not on the status list (or no status list imported, see statusListAsOf). */
  rmapStatus: RmapStatus | null;
  /** As-of date of the list that gave the current status (or took it away). */
  statusAsOf: string | null;
  /** As-of date of the latest RMAP status list imported at all; null: none, so no status is known. */
  statusListAsOf: string | null;
  /** Every change of its status, oldest first. */
  statusHistory: SmelterStatusChange[];
  /**
   * Who names it, from each supplier's latest response per period (of the period asked, if one is), in
   * the order period, supplier, row: every naming, or the first `namedByLimit` when the caller gave one
   * (namingsOf pages through all of them).
   */
  namedBy: SmelterNaming[];
  /** How many matched rows name it (in the period asked, if one is): namedBy's length when it is whole. */
  namings: number;
  /** Whether some matched row names it for a metal in scope of its response (identified, for OECD step 4). */
  namedInScope: boolean;
}

/** How much of a smelter's namings an entry carries: all of them (documents), or the first few (reads). */
export interface SmelterEntryOptions {
  /** At most this many in namedBy; all when absent. */
  namedByLimit?: number;
}

/** A Smelter List row that names no smelter we could place: it stays visible until resolved. */
export interface UnresolvedSmelterRow {
  supplierId: string;
  period: number;
  responseNumber: number;
  row: number;
  metal: Mineral | null;
  /** What the supplier wrote (look-up value, name or id). */
  name: string | null;
  status: 'unresolved' | 'needs-confirmation' | 'unidentified';
  /** Ranked reference-list candidates (needs-confirmation). */
  candidates: Array<{ smelterId: string; standardName: string; score: number }>;
  inScope: boolean;
  /** The ResponseRecorded event. */
  eventId: string;
}

export interface SmelterListQuery {
  period?: number;
  metal?: Mineral;
  status?: SmelterStatusFilter;
}

const SMELTER_COLUMNS = `s.smelter_id AS smelterId, s.metal, s.standard_name AS standardName, s.country, s.on_reference_list AS onReferenceList,
  s.rmap_status AS rmapStatus, s.status_as_of AS statusAsOf`;

type SmelterRow = Omit<SmelterEntry, 'onReferenceList' | 'statusHistory' | 'namedBy' | 'statusListAsOf' | 'namings' | 'namedInScope'> & {
  onReferenceList: number;
};

const NAMING_COLUMNS = `supplier_id AS supplierId, period, response_number AS responseNumber, row, event_id AS eventId, method,
  in_scope AS inScope, confirmation_event_id AS confirmationEventId`;

export class SmelterRegisterQueries {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  /**
   * Smelters named (matched) in the latest responses — of a period, if given — by metal, then id:
   * the page after the (metal, smelter id) `page.after` names.
   */
  list(query: SmelterListQuery = {}, page: KeysetPage = WHOLE_LIST, options: SmelterEntryOptions = {}): SmelterEntry[] {
    const { conditions, parameters } = smelterFilter(query);
    const after = keysetCondition(['s.metal', 's.smelter_id'], page);
    if (after.sql !== null) conditions.push(after.sql);
    const rows = this.statements
      .get(
        `SELECT ${SMELTER_COLUMNS} FROM smelter_register_smelters s WHERE ${conditions.join(' AND ')} ORDER BY s.metal, s.smelter_id LIMIT ?`,
      )
      .all(...parameters, ...after.parameters, page.limit) as SmelterRow[];
    const statusListAsOf = this.statusListAsOf();
    return rows.map((row) => this.entry(row, statusListAsOf, query.period, options));
  }

  /** How many smelters `list` lists under the same filters. */
  count(query: SmelterListQuery = {}): number {
    const { conditions, parameters } = smelterFilter(query);
    return this.statements
      .get(`SELECT count(*) FROM smelter_register_smelters s WHERE ${conditions.join(' AND ')}`)
      .pluck()
      .get(...parameters) as number;
  }

  /** One smelter by CID, with its namings of every period (all, or the first namedByLimit); null when no list and no supplier names it. */
  get(smelterId: string, options: SmelterEntryOptions = {}): SmelterEntry | null {
    const row = this.statements.get(`SELECT ${SMELTER_COLUMNS} FROM smelter_register_smelters s WHERE s.smelter_id = ?`).get(smelterId) as
      SmelterRow | undefined;
    if (!row) return null;
    return this.entry(row, this.statusListAsOf(), undefined, options);
  }

  /**
   * A smelter's namings (matched rows of the latest responses; of a period, if given) in the order
   * period, supplier, row: the page after the (period, supplier id, row) `page.after` names. A seek on
   * the namings' index, however often the smelter is named.
   */
  namingsOf(smelterId: string, query: { period?: number } = {}, page: KeysetPage = WHOLE_LIST): SmelterNaming[] {
    const conditions = ['smelter_id = ?', "status = 'matched'"];
    const parameters: unknown[] = [smelterId];
    if (query.period !== undefined) {
      conditions.push('period = ?');
      parameters.push(query.period);
    }
    const after = keysetCondition(['period', 'supplier_id', 'row'], page);
    if (after.sql !== null) conditions.push(after.sql);
    const rows = this.statements
      .get(
        `SELECT ${NAMING_COLUMNS} FROM smelter_register_sightings
        WHERE ${conditions.join(' AND ')} ORDER BY period, supplier_id, row LIMIT ?`,
      )
      .all(...parameters, ...after.parameters, page.limit) as Array<Omit<SmelterNaming, 'inScope'> & { inScope: number }>;
    return rows.map((naming) => ({ ...naming, inScope: naming.inScope === 1 }));
  }

  /** How many matched rows name the smelter (in the period, if given): from the kept counts. */
  namingCount(smelterId: string, query: { period?: number } = {}): number {
    const count = 'SELECT COALESCE(SUM(namings), 0) FROM smelter_register_namings WHERE smelter_id = ?';
    return (
      query.period === undefined
        ? this.statements.get(count).pluck().get(smelterId)
        : this.statements.get(`${count} AND period = ?`).pluck().get(smelterId, query.period)
    ) as number;
  }

  /** Rows of the period's latest responses that name no smelter we could place, by supplier and row. */
  unresolved(query: { period: number; supplierId?: string }): UnresolvedSmelterRow[] {
    const parameters: unknown[] = [query.period];
    let supplier = '';
    if (query.supplierId !== undefined) {
      supplier = ' AND supplier_id = ?';
      parameters.push(query.supplierId);
    }
    const rows = this.statements
      .get(
        `SELECT supplier_id AS supplierId, period, response_number AS responseNumber, row, metal, name, status, candidates,
        in_scope AS inScope, event_id AS eventId FROM smelter_register_sightings
        WHERE period = ? AND status <> 'matched'${supplier} ORDER BY supplier_id, row, idx`,
      )
      .all(...parameters) as Array<Omit<UnresolvedSmelterRow, 'candidates' | 'inScope'> & { candidates: string; inScope: number }>;
    return rows.map((row) => ({ ...row, candidates: JSON.parse(row.candidates), inScope: row.inScope === 1 }));
  }

  /**
   * OECD step 4 — our reliance on third-party audits: per metal, the distinct smelters named in the
   * period's latest responses for an in-scope metal, and how many are RMAP conformant (or cross-recognized).
   * The EMRT's Smelter Lists count for their minerals (cobalt ...), judged against the same status list.
   */
  conformanceByMetal(period: number): MetalConformance[] {
    // The smelters ever named in the period (a few hundred at most), each kept while a matched in-scope
    // row still names it: bounded by the smelters there are, not by the suppliers answering.
    const smelters = this.statements
      .get(
        `SELECT p.metal AS metal, p.smelter_id AS smelterId, s.rmap_status AS status
        FROM smelter_register_period_smelters p LEFT JOIN smelter_register_smelters s ON s.smelter_id = p.smelter_id
        WHERE p.period = ? AND EXISTS (SELECT 1 FROM smelter_register_sightings g
          WHERE g.smelter_id = p.smelter_id AND g.period = p.period AND g.metal = p.metal AND g.status = 'matched' AND g.in_scope = 1)`,
      )
      .all(period) as Array<{ metal: Mineral; smelterId: string; status: RmapStatus | null }>;
    return conformanceByMetal(smelters);
  }

  /** As-of date of the latest RMAP status list imported; null when none is. */
  statusListAsOf(): string | null {
    return (
      (this.statements.get("SELECT as_of FROM smelter_register_lists WHERE list = 'rmap-status'").pluck().get() as string | undefined) ??
      null
    );
  }

  private entry(row: SmelterRow, statusListAsOf: string | null, period: number | undefined, options: SmelterEntryOptions): SmelterEntry {
    const statusHistory = this.statements
      .get(
        'SELECT status, as_of AS asOf, event_id AS eventId, withdrawn_as_of AS withdrawnListAsOf FROM smelter_register_status_history WHERE smelter_id = ? ORDER BY position',
      )
      .all(row.smelterId) as Array<Omit<SmelterStatusChange, 'withdrawnListAsOf'> & { withdrawnListAsOf: string | null }>;
    const of = period === undefined ? {} : { period };
    const namedBy = this.namingsOf(row.smelterId, of, { limit: options.namedByLimit ?? WHOLE_LIST.limit, after: null });
    // The period as an equality of its own, never `(? IS NULL OR period = ?)`: SQLite cannot seek the
    // index on such a term, and read the smelter's namings of every period (5.5 s a page at 1M events).
    const inScope = `SELECT 1 FROM smelter_register_sightings WHERE smelter_id = ? AND status = 'matched' AND in_scope = 1`;
    const namedInScope =
      (period === undefined
        ? this.statements.get(`${inScope} LIMIT 1`).get(row.smelterId)
        : this.statements.get(`${inScope} AND period = ? LIMIT 1`).get(row.smelterId, period)) !== undefined;
    return {
      ...row,
      onReferenceList: row.onReferenceList === 1,
      statusListAsOf,
      statusHistory: statusHistory.map(({ withdrawnListAsOf, ...change }) =>
        withdrawnListAsOf === null ? change : { ...change, withdrawnListAsOf },
      ),
      namedBy,
      namings: this.namingCount(row.smelterId, of),
      namedInScope,
    };
  }
}

/** The conditions of a smelter list query, on smelter_register_smelters s. */
function smelterFilter(query: SmelterListQuery): { conditions: string[]; parameters: unknown[] } {
  const named = ["g.smelter_id = s.smelter_id AND g.status = 'matched'"];
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  if (query.period !== undefined) {
    named.push('g.period = ?');
    parameters.push(query.period);
  }
  conditions.push(`EXISTS (SELECT 1 FROM smelter_register_sightings g WHERE ${named.join(' AND ')})`);
  if (query.metal !== undefined) {
    conditions.push('s.metal = ?');
    parameters.push(query.metal);
  }
  if (query.status === 'not-enrolled') conditions.push('s.rmap_status IS NULL');
  else if (query.status !== undefined) {
    conditions.push('s.rmap_status = ?');
    parameters.push(query.status);
  }
  return { conditions, parameters };
}
