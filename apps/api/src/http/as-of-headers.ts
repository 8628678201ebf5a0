import { asOfSourceHeader, type AsOfSource } from '@dd/engine';
import type { Response } from 'express';

/**
 * The headers that say where an answer stands in the log, set the one way by every read and every
 * report (risk report, CMR draft); their OpenAPI wording is docs/as-of-headers.document.ts.
 */

/** The header naming the global position of the log an answer stands on (now, or the as-of asked for). */
export const AS_OF_POSITION_HEADER = 'X-As-Of-Position';

/**
 * The header saying how an answer as of a past point was had: `history` (the read models' history), or
 * `replay; reason=…` (the log replayed up to the cut, which takes time in proportion to it: business
 * time, history switched off, history not that old, read models in memory). Absent on a live answer.
 */
export const AS_OF_SOURCE_HEADER = 'X-As-Of-Source';

/** The position an answer stands on, and for an as-of answer how it was had. */
export function setAsOfHeaders(response: Response, position: number, source: AsOfSource | undefined): void {
  response.setHeader(AS_OF_POSITION_HEADER, String(position));
  if (source !== undefined) response.setHeader(AS_OF_SOURCE_HEADER, asOfSourceHeader(source));
}
