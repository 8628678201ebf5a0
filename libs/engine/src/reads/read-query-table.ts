import { auditTrailRead, eventRead } from './audit-trail.reads';
import { oecdStatusRead, productConclusionsRead, programRead } from './oecd-and-program.reads';
import type { AnyReadQuery } from './read-query';
import { messageFiguresRead, supplierMessagesRead } from './messages.reads';
import {
  campaignFiguresRead,
  campaignRead,
  periodRead,
  productLinesRead,
  productRead,
  productsRead,
  supplierProfilesRead,
  supplierRead,
} from './reporting-year.reads';
import { riskRead, riskRegisterRead } from './risk-register.reads';
import { riskRollForwardRead } from './roll-forward.reads';
import { smelterConformanceRead, smelterNamingsRead, smelterRead, smeltersRead, unresolvedSmelterRowsRead } from './smelter-register.reads';
import { surveyStatusRead } from './survey-status.reads';
import { followUpsRead } from './follow-ups.reads';

/**
 * Every read endpoint, in the order its route is matched: a fixed path comes before a path that
 * would take it for a parameter (/smelters/unresolved before /smelters/{cid}). Adding a read is one
 * row here and its declaration beside the others of its read model.
 */
export const READ_QUERIES: readonly AnyReadQuery[] = [
  riskRegisterRead,
  riskRead,
  auditTrailRead,
  eventRead,
  oecdStatusRead,
  programRead,
  productConclusionsRead,
  smeltersRead,
  unresolvedSmelterRowsRead,
  smelterConformanceRead,
  smelterNamingsRead,
  smelterRead,
  periodRead,
  campaignFiguresRead,
  campaignRead,
  productsRead,
  productLinesRead,
  productRead,
  supplierProfilesRead,
  supplierMessagesRead,
  supplierRead,
  surveyStatusRead,
  riskRollForwardRead,
  messageFiguresRead,
  followUpsRead,
];
