import { isBlank } from '../declaration/checker/text';
import type { Metal } from '../shared/metals';
import type { ResponseRecorded } from '../survey/survey.events';
import { SMELTER_NOT_LISTED } from './reference-list';
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
  metal?: Metal;
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
      inScope: match.metal !== undefined && response.inScopeMetals.includes(match.metal),
      status: match.status,
      ...(match.method ? { method: match.method } : {}),
      ...(match.smelterId ? { smelterId: match.smelterId } : {}),
      ...(match.standardName ? { standardName: match.standardName } : {}),
      ...(name ? { name } : {}),
      referenceListAsOf: response.referenceListAsOf,
    };
  });
}
