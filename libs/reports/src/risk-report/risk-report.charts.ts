import type * as echarts from 'echarts';
import { echartsOnFirstUse } from '../on-first-use';
import { RISK_AGE_BUCKETS, type RiskReportModel } from './risk-report.model';

/*
 * The report's four charts as inline SVG, drawn by echarts on the server (no DOM, no script in the
 * page). echarts numbers its instances and style classes with process-wide counters, so each SVG's
 * ids are renumbered per chart: the same model gives the same bytes in any process, in any order.
 */

export interface ReportChart {
  id: string;
  title: string;
  svg: string;
}

const WIDTH = 640;
const HEIGHT = 300;
const FONT = 'DejaVu Sans, Helvetica, Arial, sans-serif';
const SEVERITY_COLOURS = { high: '#b42318', medium: '#dc8a0e', low: '#7a8a9a' } as const;
const INK = '#1f2933';

function render(id: string, option: echarts.EChartsCoreOption, height = HEIGHT): string {
  const chart = echartsOnFirstUse().init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, color: INK }, ...option });
    return stableIds(id, chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** zr<instance>-<kind>-<n> → <chart id>-<k>, numbered by first appearance. */
function stableIds(id: string, svg: string): string {
  const seen = new Map<string, string>();
  return svg
    .replace(/zr\d+-[A-Za-z]+-?\d+/g, (token) => {
      let mapped = seen.get(token);
      if (mapped === undefined) {
        mapped = `${id}-${seen.size}`;
        seen.set(token, mapped);
      }
      return mapped;
    })
    .replace('<svg ', `<svg role="img" aria-label="${id}" data-chart="${id}" `);
}

const percent = (value: number | null) => (value === null ? 0 : Math.round(value * 1000) / 10);
const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

function responseRateChart(model: RiskReportModel): ReportChart {
  const points = model.campaign.timeline;
  const svg = render('chart-response-rate', {
    legend: { top: 0, data: ['Received', 'Usable'] },
    grid: { left: 48, right: 40, top: 36, bottom: 36 },
    xAxis: { type: 'category', data: points.map((point) => point.date.slice(0, 7)), boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: [
      {
        name: 'Received',
        type: 'line',
        data: points.map((point) => rate(point.responded, point.requestsSent)),
        color: '#1d4e89',
        // Only the latest figure is labelled: the line shows the path, the label the point reached.
        label: {
          show: true,
          fontSize: 11,
          formatter: (p: { dataIndex: number; value: number }) => (p.dataIndex === points.length - 1 ? `${p.value} %` : ''),
        },
      },
      {
        name: 'Usable',
        type: 'line',
        data: points.map((point) => rate(point.usable, point.requestsSent)),
        color: '#2e8540',
        lineStyle: { type: 'dashed' },
        label: {
          show: true,
          position: 'bottom',
          fontSize: 11,
          formatter: (p: { dataIndex: number; value: number }) => (p.dataIndex === points.length - 1 ? `${p.value} %` : ''),
        },
      },
    ],
  });
  return { id: 'chart-response-rate', title: 'Response rate over time (share of suppliers asked)', svg };
}

function risksChart(model: RiskReportModel): ReportChart {
  const rows = model.risks.openByAge;
  const svg = render('chart-risks', {
    legend: { top: 0, data: ['high', 'medium', 'low'] },
    grid: { left: 48, right: 24, top: 36, bottom: 36 },
    xAxis: { type: 'category', data: RISK_AGE_BUCKETS.map((bucket) => bucket.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: (['high', 'medium', 'low'] as const).map((severity) => ({
      name: severity,
      type: 'bar',
      stack: 'open',
      color: SEVERITY_COLOURS[severity],
      data: rows.map((row) => row[severity]),
      label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : ''), color: '#fff', fontSize: 10 },
    })),
  });
  return { id: 'chart-risks', title: 'Open risks by severity and age', svg };
}

function conformanceChart(model: RiskReportModel): ReportChart {
  const rows = model.conformance;
  const svg = render('chart-conformance', {
    legend: { top: 0, itemGap: 24, data: ['Conformant', 'Active (audit under way)', 'Other'] },
    grid: { left: 80, right: 24, top: 36, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((row) => row.metal), inverse: true },
    series: [
      { name: 'Conformant', key: 'conformant', color: '#2e8540' },
      { name: 'Active (audit under way)', key: 'active', color: '#dc8a0e' },
      { name: 'Other', key: 'other', color: '#b42318' },
    ].map((series) => ({
      name: series.name,
      type: 'bar',
      stack: 'smelters',
      color: series.color,
      data: rows.map((row) => row[series.key as 'conformant' | 'active' | 'other']),
      label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : ''), color: '#fff', fontSize: 10 },
    })),
  });
  return { id: 'chart-conformance', title: 'Smelters identified, by metal and RMAP status', svg };
}

function oecdChart(model: RiskReportModel): ReportChart {
  const steps = model.oecdSteps;
  const colour = { met: '#2e8540', 'in-progress': '#dc8a0e', 'not-started': '#b42318' } as const;
  const svg = render(
    'chart-oecd-steps',
    {
      grid: { left: 80, right: 56, top: 12, bottom: 24 },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: steps.map((step) => `Step ${step.step}`), inverse: true },
      series: [
        {
          type: 'bar',
          barWidth: 18,
          data: steps.map((step) => ({
            value: percent(step.criteria === 0 ? null : step.criteriaMet / step.criteria),
            itemStyle: { color: colour[step.status] },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => `${steps[p.dataIndex].criteriaMet}/${steps[p.dataIndex].criteria}`,
          },
        },
      ],
    },
    220,
  );
  return { id: 'chart-oecd-steps', title: 'OECD five steps: criteria met', svg };
}

/** The report's charts, in the order the report shows them. */
export function riskReportCharts(model: RiskReportModel): ReportChart[] {
  return [responseRateChart(model), risksChart(model), conformanceChart(model), oecdChart(model)];
}
