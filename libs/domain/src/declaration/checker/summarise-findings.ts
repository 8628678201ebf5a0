import type { Finding, FollowUpKind } from '../finding';

export interface FindingsSummary {
  errors: number;
  warnings: number;
  redFlags: number;
  infos: number;
  /** Sorted, unique follow-up kinds of the error findings (what a "needs follow-up" request must cover). */
  followUpKinds: FollowUpKind[];
}

export function summariseFindings(findings: readonly Finding[]): FindingsSummary {
  const count = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;
  const kinds = new Set<FollowUpKind>();
  for (const finding of findings) {
    if (finding.severity === 'error' && finding.kind !== undefined) kinds.add(finding.kind);
  }
  // A response that is not an answer (blank, another company's) gets one follow-up asking for a proper one,
  // not one per thing a proper answer would fix.
  if (kinds.has('unusable')) {
    kinds.clear();
    kinds.add('unusable');
  }
  return {
    errors: count('error'),
    warnings: count('warning'),
    redFlags: count('red-flag'),
    infos: count('info'),
    followUpKinds: [...kinds].sort(),
  };
}
