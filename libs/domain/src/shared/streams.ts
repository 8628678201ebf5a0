/** Stream names by aggregate (architecture.md §3). One place, so projections and handlers agree. */
export const streams = {
  supplier: (supplierId: string) => `supplier-${supplierId}`,
  /**
   * One supplier's survey of a year for one template family: the CMRT's keeps its original name, the
   * EMRT's adds `:emrt` (a character no supplier id may hold, so no supplier's CMRT survey can be named so).
   */
  survey: (period: number, supplierId: string, family: 'cmrt' | 'emrt' = 'cmrt') =>
    family === 'cmrt' ? `survey-${period}-${supplierId}` : `survey-${period}-${supplierId}:${family}`,
  risk: (riskId: string) => `risk-${riskId}`,
  smelter: (smelterId: string) => `smelter-${smelterId}`,
  program: (period: number) => `program-${period}`,
  /** One grievance of a year: a year's grievances are unrelated, so none waits for or reads another. */
  grievance: (period: number, grievanceId: string) => `grievance-${period}-${grievanceId}`,
  /** A supplier's contract clause of a year, one stream per supplier for the same reason. */
  contractClause: (period: number, supplierId: string) => `contract-clause-${period}-${supplierId}`,
  /** RMI's 3TG reference list; the EMRT's own Smelter Look-up (cobalt ... nickel) is a list of its own. */
  referenceList: (family: 'cmrt' | 'emrt' = 'cmrt') => (family === 'cmrt' ? 'reference-list' : `reference-list:${family}`),
  rmapStatus: () => 'rmap-status',
  period: (period: number) => `period-${period}`,
  product: (productId: string) => `product-${productId}`,
  campaign: (campaignId: string) => `campaign-${campaignId}`,
  /** One message of the outbox: its intent and its fate. */
  message: (messageId: string) => `message-${messageId}`,
};

/** The aggregate kind a stream belongs to: the part before the first hyphen. */
export function streamCategory(streamId: string): string {
  const hyphen = streamId.indexOf('-');
  return hyphen === -1 ? streamId : streamId.slice(0, hyphen);
}
