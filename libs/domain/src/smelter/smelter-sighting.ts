import { isBlank } from '../declaration/checker/text';
import type { Mineral } from '../shared/metals';
import type { EmrtResponseRecorded, ResponseRecorded } from '../survey/survey.events';
import { SMELTER_NOT_LISTED, SMELTER_NOT_YET_IDENTIFIED, SmelterId } from './reference-list';
import type { SmelterMatch } from './smelter-match';
import { normaliseSmelterName } from './smelter-name';

/** One Smelter List row of a supplier's response, as matched: "supplier X names smelter Y (or something we cannot place)". */
export interface SmelterSighting {
  supplierId: string;
  period: number;
  responseNumber: number;
  /** Index of the row in declaration.smelters (what SmelterMatchConfirmed names). */
  index: number;
  /** Worksheet row, for people. */
  row: number;
  /** 'emrt' for a row of an EMRT's Smelter List; absent for a CMRT's (each family's list stands apart). */
  family?: 'emrt';
  /** A CMRT metal, or an EMRT mineral for a row of an EMRT's Smelter List. */
  metal?: Mineral;
  /** Q1 = Q2 = Yes for the row's metal in the same response. */
  inScope: boolean;
  status: SmelterMatch['status'];
  method?: SmelterMatch['method'];
  smelterId?: string;
  standardName?: string;
  /** What the supplier wrote: the look-up value, else the typed name, else the id given. */
  name?: string;
  /** As-of date of the reference list the row was matched against (null: none was imported). */
  referenceListAsOf: string | null;
}

const notListed = normaliseSmelterName(SMELTER_NOT_LISTED);

/** The rows of a recorded response as sightings, in Smelter List order. */
export function sightingsOfResponse(response: ResponseRecorded): SmelterSighting[] {
  return response.smelterMatches.map((match) => {
    const row = response.declaration.smelters[match.index];
    const lookup =
      row?.lookupName && !isBlank(row.lookupName) && normaliseSmelterName(row.lookupName) !== notListed ? row.lookupName : undefined;
    const name = [lookup, row?.name, row?.smelterId, row?.smelterIdInput].find((value) => value !== undefined && !isBlank(value))?.trim();
    return {
      supplierId: response.supplierId,
      period: response.period,
      responseNumber: response.responseNumber,
      index: match.index,
      row: match.row,
      ...(match.metal ? { metal: match.metal } : {}),
      inScope: match.metal !== undefined && (response.inScopeMetals as readonly Mineral[]).includes(match.metal),
      status: match.status,
      ...(match.method ? { method: match.method } : {}),
      ...(match.smelterId ? { smelterId: match.smelterId } : {}),
      ...(match.standardName ? { standardName: match.standardName } : {}),
      ...(name ? { name } : {}),
      referenceListAsOf: response.referenceListAsOf,
    };
  });
}

const notYetIdentified = normaliseSmelterName(SMELTER_NOT_YET_IDENTIFIED);

/**
 * The Smelter List rows of an EMRT response as sightings. Recorded while the EMRT's own reference list
 * was in force (smelterMatches), a row is placed as a CMRT row is: by its CID, by name (alias), or as
 * candidates to confirm. Recorded without one, a row is placed by the EMRT's Smelter Look-up inside the
 * workbook: picking a smelter in column C fills its RMI id in column F, so a row with a well-formed CID
 * is matched by that id (method cid, named as the look-up names it); a row without an id is unidentified
 * ("Smelter not listed" / "not yet identified") or unresolved, never guessed by name.
 */
export function sightingsOfEmrtResponse(response: EmrtResponseRecorded): SmelterSighting[] {
  if (response.smelterMatches && response.referenceListAsOf) return matchedEmrtSightings(response, response.referenceListAsOf);
  return response.declaration.smelters.map((row, index) => {
    const lookup = row.lookupName?.trim();
    const lookupKey = lookup ? normaliseSmelterName(lookup) : undefined;
    const placeholder = lookupKey === notListed || lookupKey === notYetIdentified;
    const smelterId = row.smelterId?.trim().toUpperCase();
    const identified = smelterId !== undefined && SmelterId.safeParse(smelterId).success;
    const name = [placeholder ? undefined : lookup, row.name, row.smelterId]
      .find((value) => value !== undefined && !isBlank(value))
      ?.trim();
    return {
      family: 'emrt' as const,
      supplierId: response.supplierId,
      period: response.period,
      responseNumber: response.responseNumber,
      index,
      row: row.row ?? index + 5,
      ...(row.metal ? { metal: row.metal } : {}),
      inScope: row.metal !== undefined && response.inScopeMinerals.includes(row.metal),
      status: identified ? 'matched' : placeholder ? 'unidentified' : 'unresolved',
      ...(identified ? { method: 'cid' as const, smelterId, ...(lookup && !placeholder ? { standardName: lookup } : {}) } : {}),
      ...(name ? { name } : {}),
      referenceListAsOf: null,
    };
  });
}

/** The rows of an EMRT recorded against the EMRT's own reference list, as sightingsOfResponse reads a CMRT's. */
function matchedEmrtSightings(response: EmrtResponseRecorded, referenceListAsOf: string): SmelterSighting[] {
  return (response.smelterMatches ?? []).map((match) => {
    const row = response.declaration.smelters[match.index];
    const lookup =
      row?.lookupName && !isBlank(row.lookupName) && normaliseSmelterName(row.lookupName) !== notListed ? row.lookupName : undefined;
    const name = [lookup, row?.name, row?.smelterId, row?.smelterIdInput].find((value) => value !== undefined && !isBlank(value))?.trim();
    return {
      family: 'emrt' as const,
      supplierId: response.supplierId,
      period: response.period,
      responseNumber: response.responseNumber,
      index: match.index,
      row: match.row,
      ...(match.metal ? { metal: match.metal } : {}),
      inScope: match.metal !== undefined && (response.inScopeMinerals as readonly Mineral[]).includes(match.metal),
      status: match.status,
      ...(match.method ? { method: match.method } : {}),
      ...(match.smelterId ? { smelterId: match.smelterId } : {}),
      ...(match.standardName ? { standardName: match.standardName } : {}),
      ...(name ? { name } : {}),
      referenceListAsOf,
    };
  });
}
