/* The risk vocabulary of libs/domain (risk.events.ts) and the register's statuses, spelled as the API takes them. */
export const RISK_STATUSES = ['open', 'assessed', 'mitigating', 'escalated', 'closed'] as const;
export const RISK_SEVERITIES = ['high', 'medium', 'low'] as const;
export const RISK_CATEGORIES = [
  'non-conflict-free-smelter',
  'covered-country-sourcing',
  'cahra-sourcing',
  'smelters-not-identified',
  'unidentified-smelter',
  'metal-without-smelters',
  'incomplete-supplier-data',
  'due-diligence-gap',
  'non-conformant-smelter',
  'smelter-not-audited',
  'unknown-smelter',
  'grievance',
  'non-response',
] as const;
export const LIKELIHOODS = ['rare', 'unlikely', 'possible', 'likely', 'almost-certain'] as const;
export const IMPACTS = ['minor', 'moderate', 'major', 'severe'] as const;
export const CLOSE_RESOLUTIONS = ['mitigated', 'accepted', 'moved-to-conflict-free-sources'] as const;
export const METALS = ['tin', 'tantalum', 'tungsten', 'gold'] as const;
/** RMAP statuses as libs/domain names them (rmap-status.ts), and the register's word for a smelter on no status list. */
export const RMAP_STATUSES = [
  'conformant',
  'active',
  'cross-recognized',
  'non-conformant',
  'suspended',
  'eligible',
  'in-communication',
  'outreach-required',
  'not-enrolled',
];
