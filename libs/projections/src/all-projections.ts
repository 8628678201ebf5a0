import type { ProjectionDefinition } from './core/projection';
import { auditTrailProjection } from './audit-trail/audit-trail.projection';
import { oecdStatusProjection } from './oecd-status/oecd-status.projection';
import { riskRegisterProjection } from './risk-register/risk-register.projection';
import { suppliersProjection } from './suppliers/suppliers.projection';

/** Every read model the service keeps, in one database, fed by one runner. */
export const allProjections: readonly ProjectionDefinition[] = [
  auditTrailProjection,
  riskRegisterProjection,
  suppliersProjection,
  oecdStatusProjection,
];
