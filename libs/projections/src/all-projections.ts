import type { ProjectionDefinition } from './core/projection';
import { auditTrailProjection } from './audit-trail/audit-trail.projection';
import { oecdStatusProjection } from './oecd-status/oecd-status.projection';
import { riskRegisterProjection } from './risk-register/risk-register.projection';
import { suppliersProjection } from './suppliers/suppliers.projection';
import { programProjection } from './program/program.projection';
import { productConclusionsProjection } from './product-conclusions/product-conclusions.projection';
import { smelterRegisterProjection } from './smelter-register/smelter-register.projection';
import { campaignProjection } from './campaign/campaign.projection';
import { periodsProjection } from './periods/periods.projection';
import { supplyChainProjection } from './supply-chain/supply-chain.projection';
import { messagesProjection } from './messages/messages.projection';

/** Every read model the service keeps, in one database, fed by one runner. */
export const allProjections: readonly ProjectionDefinition[] = [
  auditTrailProjection,
  riskRegisterProjection,
  suppliersProjection,
  oecdStatusProjection,
  programProjection,
  productConclusionsProjection,
  smelterRegisterProjection,
  supplyChainProjection,
  periodsProjection,
  campaignProjection,
  messagesProjection,
];
