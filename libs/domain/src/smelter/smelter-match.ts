import { z } from 'zod';
import type { SmelterRow } from '../declaration/declaration.schema';
import { isBlank } from '../declaration/checker/text';
import { Mineral } from '../shared/metals';
import type { ReferenceIndex } from './reference-index';
import { SMELTER_NOT_LISTED, SMELTER_NOT_YET_IDENTIFIED } from './reference-list';
import { nameSimilarity, normaliseSmelterName } from './smelter-name';

/**
 * How one Smelter List row resolved against the reference list:
 * matched (a CID, by the id given, by alias, or confirmed by a person), needs-confirmation (ranked
 * candidates), unidentified (the supplier said "not yet identified") or unresolved (nothing close).
 */
export const MATCH_STATUSES = ['matched', 'needs-confirmation', 'unidentified', 'unresolved'] as const;
export const MatchMethod = z.enum(['cid', 'alias', 'confirmed']);

export const SmelterMatch = z
  .object({
    /** Index of the row in declaration.smelters. */
    index: z.number().int().min(0),
    /** Worksheet row, for people. */
    row: z.number().int().min(1),
    /** A 3TG metal, or an EMRT mineral for a row of an EMRT matched against the EMRT's own list. */
    metal: Mineral.optional(),
    status: z.enum(MATCH_STATUSES),
    method: MatchMethod.optional(),
    smelterId: z.string().optional(),
    standardName: z.string().optional(),
    candidates: z.array(z.object({ smelterId: z.string(), standardName: z.string(), score: z.number() }).strict()),
    /** Disagreements worth a look even when matched (CID vs metal, CID vs look-up name, CID not on list). */
    problems: z.array(z.string()),
  })
  .strict();
export type SmelterMatch = z.infer<typeof SmelterMatch>;

const CANDIDATE_LIMIT = 5;
const CANDIDATE_MIN_SCORE = 0.34;
const FIRST_SMELTER_ROW = 5;

const sameName = (a: string | undefined, b: string) => !isBlank(a) && normaliseSmelterName(a!) === normaliseSmelterName(b);

/**
 * Resolves a row to a CID: (1) the CID given, checked against its metal and look-up name;
 * (2) exact (metal, alias) after normalisation; (3) otherwise ranked candidates for a person.
 */
/** A Smelter List row of a CMRT, or of an EMRT (its metal an EMRT mineral). */
export type MatchableSmelterRow = Omit<SmelterRow, 'metal'> & { metal?: Mineral };

export function matchSmelterRow(row: MatchableSmelterRow, index: number, reference: ReferenceIndex): SmelterMatch {
  const base = {
    index,
    row: row.row ?? FIRST_SMELTER_ROW + index,
    ...(row.metal ? { metal: row.metal } : {}),
    candidates: [],
    problems: [] as string[],
  };
  if (sameName(row.lookupName, SMELTER_NOT_YET_IDENTIFIED)) return { ...base, status: 'unidentified' };

  const givenId = (row.smelterId ?? row.smelterIdInput)?.trim().toUpperCase();
  if (givenId && !isBlank(givenId)) {
    const smelter = reference.smelter(givenId);
    if (smelter) {
      if (row.metal && smelter.metal !== row.metal) {
        base.problems.push(`${givenId} is a ${smelter.metal} smelter, the row says ${row.metal}`);
      }
      const named = row.lookupName && !sameName(row.lookupName, SMELTER_NOT_LISTED) ? row.lookupName : row.name;
      if (named && !isBlank(named) && !smelter.aliases.some((alias) => sameName(named, alias)) && !sameName(named, smelter.standardName)) {
        const other = row.metal ? reference.byName(row.metal, named) : undefined;
        base.problems.push(
          other
            ? `the name "${named}" is ${other.smelterId}, not ${givenId}`
            : `the name "${named}" is not a known alias of ${givenId} (${smelter.standardName})`,
        );
      }
      return { ...base, status: 'matched', method: 'cid', smelterId: givenId, standardName: smelter.standardName };
    }
    base.problems.push(
      reference.size === 0
        ? `no reference list imported to check ${givenId}`
        : `${givenId} is not on the reference list${reference.asOf ? ` of ${reference.asOf}` : ''}`,
    );
  }

  if (!row.metal) return { ...base, status: 'unresolved' };
  const name = row.lookupName && !sameName(row.lookupName, SMELTER_NOT_LISTED) ? row.lookupName : row.name;
  if (!name || isBlank(name)) return { ...base, status: 'unresolved' };
  const byAlias = reference.byName(row.metal, name);
  if (byAlias) return { ...base, status: 'matched', method: 'alias', smelterId: byAlias.smelterId, standardName: byAlias.standardName };

  const candidates = reference
    .smeltersOf(row.metal)
    .map((smelter) => ({
      smelterId: smelter.smelterId,
      standardName: smelter.standardName,
      score: Math.max(...[smelter.standardName, ...smelter.aliases].map((alias) => nameSimilarity(name, alias))),
    }))
    .filter((candidate) => candidate.score >= CANDIDATE_MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.smelterId.localeCompare(b.smelterId))
    .slice(0, CANDIDATE_LIMIT)
    .map((candidate) => ({ ...candidate, score: Math.round(candidate.score * 100) / 100 }));
  return { ...base, status: candidates.length ? 'needs-confirmation' : 'unresolved', candidates };
}

export function matchSmelterRows(rows: readonly MatchableSmelterRow[], reference: ReferenceIndex): SmelterMatch[] {
  return rows.map((row, index) => matchSmelterRow(row, index, reference));
}
