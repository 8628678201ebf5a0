import type { Declaration } from '../declaration.schema';
import type { Finding } from '../finding';
import { finding } from './rule-catalogue';

/** Where the revision stands on every 6.x Declaration sheet ("Revision 6.4\nApril 26, 2024"). */
const VERSION_CELL = 'Declaration!J3';

/**
 * CMRT revisions read as decimals order correctly (5.12 < 6.01 < 6.1 < 6.22 < 6.31 < 6.5), which is
 * how RMI numbers them.
 */
function revision(version: string): number {
  return Number.parseFloat(version);
}

/**
 * A period's policy may refuse answers on an old template (RMI revises the CMRT each April and a
 * company records which revisions it accepts). Unknown revisions are not judged: the reader already
 * says when it could not read one.
 */
export function checkTemplateVersion(declaration: Declaration, oldestAccepted: string | undefined): Finding[] {
  const version = declaration.templateVersion;
  if (!oldestAccepted || !version || Number.isNaN(revision(version)) || revision(version) >= revision(oldestAccepted)) return [];
  return [
    finding('review.template-version-too-old', {
      field: 'templateVersion',
      cell: VERSION_CELL,
      message: `This answer uses CMRT revision ${version}; revision ${oldestAccepted} or later is required for this reporting period. Please copy your answers into a current CMRT.`,
    }),
  ];
}
