import type { Finding } from '@dd/domain';

/** Problems noticed while reading a workbook, each tied to the cell a supplier should look at. */
export class ReaderFindings {
  private readonly findings: Finding[] = [];

  add(finding: Finding): void {
    this.findings.push(finding);
  }

  list(): Finding[] {
    return [...this.findings];
  }
}
