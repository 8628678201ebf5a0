import { sampleRiskReportModel } from '@dd/reports/testing';
import { renderRiskReport, RiskReportModel, TEXT_REPORT_FORMATS } from '@dd/reports';

describe('the risk report renderer', () => {
  const model = sampleRiskReportModel();

  it('gives the same bytes for the same model, in every format, however often and in whatever order it runs', () => {
    for (const format of TEXT_REPORT_FORMATS) {
      const first = renderRiskReport(model, format);
      renderRiskReport({ ...model, period: 2024 }, 'html');
      const second = renderRiskReport(structuredClone(model), format);
      expect(second.sha256).toBe(first.sha256);
      expect(second.bytes.equals(first.bytes)).toBe(true);
    }
  });

  it('gives other bytes when a figure differs', () => {
    const other = sampleRiskReportModel();
    other.campaign.responded = 32;
    for (const format of TEXT_REPORT_FORMATS)
      expect(renderRiskReport(other, format).sha256).not.toBe(renderRiskReport(model, format).sha256);
  });

  describe('HTML', () => {
    const html = renderRiskReport(model, 'html').bytes.toString('utf8');

    it('is one self-contained file: inline CSS with print rules, inline SVG charts, no script and nothing fetched', () => {
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain('<style>');
      expect(html).toContain('@media print');
      expect(html).not.toMatch(/<script|<link|src=|url\((?!#)/i);
      for (const chart of ['chart-response-rate', 'chart-risks', 'chart-conformance', 'chart-oecd-steps']) {
        expect(html).toMatch(new RegExp(`<figure id="${chart}">.*?<svg [^>]*data-chart="${chart}"`, 's'));
      }
    });

    it('carries no echarts instance counters, so the bytes do not depend on what ran before', () => {
      expect(html).not.toMatch(/zr\d+-/);
    });

    it('escapes text from the log', () => {
      expect(html).toContain('Smelter CID001234 &lt;is&gt; not conformant &amp; sources from covered countries');
      expect(html).not.toContain('<is>');
    });

    it('states the period, the as-of position and the previous report', () => {
      expect(html).toContain('Reporting period 2025');
      expect(html).toContain('as of 1 October 2025 (log position 1234)');
      expect(html).toContain('Previous report: as of 1 July 2025 (log position 900)');
    });
  });

  it('Markdown has every section, with tables a reader can paste', () => {
    const md = renderRiskReport(model, 'md').bytes.toString('utf8');
    for (const heading of [
      '# Conflict minerals risk report to senior management',
      '## Summary',
      '## What changed since the previous report',
      '## Supplier survey',
      '## Risk register',
      '### Overdue mitigation actions (1)',
      '## Smelter conformance by metal',
      '## OECD due-diligence steps',
      '## Product conclusions',
    ]) {
      expect(md).toContain(`${heading}\n`);
    }
    expect(md).toContain('| tin | 18 | 13 | 3 | 2 | 72.2 % |');
    expect(md).toContain('| risk-2025-gamma | high | Kim | Ask supplier to switch smelter | 2025-09-01 | 30 days |');
  });

  it('JSON is the model itself, and reads back as one', () => {
    const json = JSON.parse(renderRiskReport(model, 'json').bytes.toString('utf8'));
    expect(json).toMatchObject({ report: 'risk-report', version: 1 });
    const { report: _report, version: _version, ...rest } = json;
    expect(RiskReportModel.parse(rest)).toEqual(model);
  });

  it('refuses a malformed model, naming the field', () => {
    const broken = { ...model, campaign: { ...model.campaign, responseRate: 2 } };
    expect(() => renderRiskReport(broken, 'md')).toThrow(/campaign.*responseRate|responseRate/s);
  });
});
