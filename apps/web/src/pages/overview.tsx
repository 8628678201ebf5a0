import { get, getList } from '../api';
import { Badge, daysBetween, ErrorBox, Figure, Loading, percent, Section } from '../components/bits';
import { Chart, SEVERITY_COLOURS, type ChartOption } from '../components/chart';
import { Table } from '../components/table';
import type { PageProps } from '../main';
import { href } from '../router';
import type { CampaignFigures, Conformance, OecdStatus, PeriodAnswer, ProductConclusions, Risk, SurveyRow } from '../types';
import { useRead } from '../use-read';

interface Overview {
  period: PeriodAnswer;
  campaign: CampaignFigures;
  risks: Risk[];
  oecd: OecdStatus;
  conformance: Conformance[];
  conclusions: ProductConclusions;
  surveys: SurveyRow[];
}

const SEVERITIES = ['high', 'medium', 'low'];
const AGES = [
  { label: 'under 30 days', max: 30 },
  { label: '30–90 days', max: 90 },
  { label: 'over 90 days', max: Infinity },
];

/** Answers received by each day of the campaign, as a share of requests sent: drawn from the survey rows' receipt times. */
function responseRateOverTime(surveys: SurveyRow[], sent: number): Array<[string, number]> {
  const firsts = surveys
    .map((row) => row.responses[0]?.receivedAt)
    .filter((at): at is string => !!at)
    .map((at) => at.slice(0, 10))
    .sort();
  const points: Array<[string, number]> = [];
  firsts.forEach((dayReceived, index) => {
    const rate = sent ? Math.round(((index + 1) / sent) * 1000) / 10 : 0;
    if (points.length && points[points.length - 1][0] === dayReceived) points[points.length - 1][1] = rate;
    else points.push([dayReceived, rate]);
  });
  return points;
}

export function OverviewPage({ route, period, at }: PageProps) {
  const read = useRead<Overview>(async () => {
    const [periodAnswer, campaign, risks, oecd, conformance, conclusions, surveys] = await Promise.all([
      get<PeriodAnswer>(`/periods/${period}`, at),
      get<CampaignFigures>('/campaigns', { period, ...at }),
      getList<Risk>('/risk-register', { period, ...at }),
      get<OecdStatus>('/oecd-status', { period, ...at }),
      get<Conformance[]>('/smelters/conformance', { period, ...at }),
      get<ProductConclusions>('/product-conclusions', { period, ...at }),
      getList<SurveyRow>('/surveys', { period, ...at }),
    ]);
    return { period: periodAnswer, campaign, risks: risks.rows, oecd, conformance, conclusions, surveys: surveys.rows };
  }, [period, JSON.stringify(at)]);
  if (read.error) return <ErrorBox error={read.error} />;
  if (!read.data) return <Loading what={`the overview of ${period}`} />;
  const { period: year, campaign, risks, oecd, conformance, conclusions, surveys } = read.data;
  const today = year.today;
  const open = risks.filter((risk) => risk.status !== 'closed');
  const overdueActions = open.flatMap((risk) =>
    (risk.mitigation?.actions ?? [])
      .map((action, index) => ({ risk, action, index }))
      .filter(({ action }) => !action.completed && action.dueDate < today.slice(0, 10)),
  );
  const byAge = SEVERITIES.map((severity) =>
    AGES.map((age, index) => {
      const min = index === 0 ? -Infinity : AGES[index - 1].max;
      return open.filter(
        (risk) => risk.severity === severity && daysBetween(risk.raisedAt, today) >= min && daysBetween(risk.raisedAt, today) < age.max,
      ).length;
    }),
  );
  const rateOverTime = responseRateOverTime(surveys, campaign.requestsSent);
  const rateChart: ChartOption = {
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    series: [{ type: 'line', step: 'end', data: rateOverTime, name: 'Response rate', showSymbol: false, areaStyle: { opacity: 0.15 } }],
  };
  const riskChart: ChartOption = {
    grid: { left: 90, right: 16, top: 28, bottom: 24 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: AGES.map((age) => age.label) },
    series: SEVERITIES.map((severity, index) => ({
      type: 'bar',
      stack: 'risks',
      name: severity,
      data: byAge[index],
      color: SEVERITY_COLOURS[severity],
    })),
  };
  const conformanceChart: ChartOption = {
    grid: { left: 70, right: 16, top: 28, bottom: 24 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: conformance.map((row) => row.metal) },
    series: [
      { type: 'bar', stack: 'smelters', name: 'conformant', data: conformance.map((row) => row.conformant), color: '#027a48' },
      { type: 'bar', stack: 'smelters', name: 'active', data: conformance.map((row) => row.active), color: '#b54708' },
      { type: 'bar', stack: 'smelters', name: 'other', data: conformance.map((row) => row.other), color: '#b42318' },
    ],
  };
  return (
    <div class="grid">
      <Section title="Form SD">
        <div class="figures">
          <Figure name="formSdDeadline" label="Form SD deadline" value={year.formSdDeadline} />
          <Figure
            name="daysLeft"
            label={year.daysLeft < 0 ? 'days past the deadline' : 'days left'}
            value={Math.abs(year.daysLeft)}
            tone={year.daysLeft < 0 ? 'bad' : year.daysLeft < 30 ? 'warn' : 'good'}
          />
          <Figure name="periodStatus" label="period" value={<Badge value={year.status} />} />
        </div>
      </Section>
      <Section title="Campaign progress" actions={<a href={href('/suppliers', { period })}>Suppliers</a>}>
        <div class="figures">
          <Figure name="requestsSent" label="requests sent" value={campaign.requestsSent} />
          <Figure name="responded" label={`received (${percent(campaign.responseRate)})`} value={campaign.responded} />
          <Figure name="usable" label={`usable (${percent(campaign.usableRate)})`} value={campaign.usable} />
          <Figure name="overdue" label="overdue" value={campaign.overdue} tone={campaign.overdue ? 'bad' : 'good'} />
          <Figure
            name="followUpsOpen"
            label="follow-ups open"
            value={<a href={href('/follow-ups', { period })}>{campaign.followUpsOpen}</a>}
          />
        </div>
        <Chart
          option={rateChart}
          label={`Response rate over time: ${percent(campaign.responseRate)} of ${campaign.requestsSent} requests answered`}
          height={180}
        />
      </Section>
      <Section title="Open risks" actions={<a href={href('/risks', { period, status: 'not-closed', ...at })}>Risk register</a>}>
        <div class="figures">
          <Figure name="openRisks" label="open risks" value={open.length} />
          {SEVERITIES.map((severity) => (
            <Figure
              key={severity}
              name={`open-${severity}`}
              label={severity}
              value={
                <a href={href('/risks', { period, severity, status: 'not-closed', ...at })}>
                  {open.filter((risk) => risk.severity === severity).length}
                </a>
              }
            />
          ))}
        </div>
        <Chart option={riskChart} label={`Open risks by severity and age: ${open.length} open`} height={170} />
      </Section>
      <Section title="Overdue actions">
        <Table
          caption="Mitigation actions past their due date"
          name="actions-"
          route={route}
          rows={overdueActions}
          rowKey={({ risk, index }) => `${risk.riskId}/${index}`}
          empty="No mitigation action is overdue."
          pageSize={5}
          columns={[
            {
              key: 'risk',
              label: 'Risk',
              sortValue: ({ risk }) => risk.riskId,
              render: ({ risk }) => <a href={href(`/risks/${risk.riskId}`, { period })}>{risk.riskId}</a>,
            },
            { key: 'action', label: 'Action', sortValue: ({ action }) => action.description, render: ({ action }) => action.description },
            { key: 'due', label: 'Due', sortValue: ({ action }) => action.dueDate, render: ({ action }) => action.dueDate },
            { key: 'owner', label: 'Owner', sortValue: ({ risk }) => risk.owner ?? '', render: ({ risk }) => risk.owner ?? '—' },
          ]}
        />
      </Section>
      <Section title="Smelter conformance by metal" actions={<a href={href('/smelters', { period })}>Smelters</a>}>
        <Chart option={conformanceChart} label="Identified smelters per metal: conformant, active, other" height={170} />
        <Table
          caption="Smelter conformance by metal"
          name="metals-"
          route={route}
          rows={conformance}
          rowKey={(row) => row.metal}
          columns={[
            { key: 'metal', label: 'Metal' },
            { key: 'identified', label: 'Identified', numeric: true },
            { key: 'conformant', label: 'Conformant', numeric: true },
            { key: 'share', label: 'Share conformant', numeric: true, render: (row) => percent(row.share) },
          ]}
        />
      </Section>
      <Section title="OECD steps" actions={<a href={href('/oecd', { period, ...at })}>Criteria and evidence</a>}>
        <ol class="steps">
          {oecd.steps.map((step) => (
            <li key={step.step} data-step={step.step}>
              <span class="step-name">
                Step {step.step}: {step.name}
              </span>{' '}
              <Badge value={step.status} />
              {step.criteria
                .filter((criterion) => !criterion.met)
                .map((criterion) => (
                  <div key={criterion.id} class="missing">
                    Missing: {criterion.missing ?? criterion.description}
                  </div>
                ))}
            </li>
          ))}
        </ol>
      </Section>
      <Section title="Product conclusions">
        <div class="figures">
          {Object.entries(conclusions.summary.byConclusion).map(([conclusion, count]) => (
            <Figure key={conclusion} name={`conclusion-${conclusion}`} label={conclusion} value={count} />
          ))}
        </div>
        <ul class="plain">
          {conclusions.products.map((product) => (
            <li key={product.productId}>
              {product.name}: <Badge value={product.conclusion} />
            </li>
          ))}
        </ul>
        {conclusions.products.length === 0 && <p class="muted">No products registered for {period}.</p>}
      </Section>
    </div>
  );
}
