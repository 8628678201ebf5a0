import { command, get } from '../api';
import { Badge, ErrorBox, EventLink, Loading, Section, time } from '../components/bits';
import { CommandForm } from '../components/command-form';
import { Table } from '../components/table';
import type { PageProps } from '../main';
import { href } from '../router';
import { IMPACTS, LIKELIHOODS } from '../risk-vocabulary';
import { useCanWrite } from '../session';
import type { RiskDetail } from '../types';
import { useRead } from '../use-read';

type HistoryEntry = RiskDetail['history'][number];

/** One risk: what it is, its assessment, plan and actions, and who changed it when (each change opens its event). */
export function RiskPage({ route, period, asOf, at, riskId }: PageProps & { riskId: string }) {
  const canWrite = useCanWrite(asOf);
  const read = useRead(() => get<RiskDetail>(`/risk-register/${encodeURIComponent(riskId)}`, at), [riskId, JSON.stringify(at)]);
  if (read.error) return <ErrorBox error={read.error} />;
  if (!read.data) return <Loading what={`risk ${riskId}`} />;
  const risk = read.data;
  return (
    <>
      <p>
        <a href={href('/risks', { period, ...at })}>Risk register</a>
      </p>
      <div class="grid">
        <Section title={risk.riskId}>
          <dl class="facts">
            <dt>Status</dt>
            <dd data-figure="riskStatus">
              <Badge value={risk.status} />
            </dd>
            <dt>Severity</dt>
            <dd>
              <Badge value={risk.severity} />
            </dd>
            <dt>Category</dt>
            <dd>{risk.category}</dd>
            <dt>Supplier</dt>
            <dd>{risk.supplierId ? <a href={href(`/suppliers/${risk.supplierId}`, { period })}>{risk.supplierId}</a> : '—'}</dd>
            <dt>Metal, smelter</dt>
            <dd>
              {risk.metal ?? '—'}, {risk.smelterId ?? '—'}
            </dd>
            <dt>Owner</dt>
            <dd data-figure="riskOwner">{risk.owner ?? '—'}</dd>
            <dt>Reason</dt>
            <dd>{risk.reason}</dd>
            <dt>Raised</dt>
            <dd>
              {time(risk.raisedAt)} by {risk.raisedBy}
            </dd>
            <dt>Evidence</dt>
            <dd>
              {risk.sourceEventIds.map((id) => (
                <span key={id}>
                  <EventLink id={id} />{' '}
                </span>
              ))}
            </dd>
          </dl>
        </Section>
        <Section title="Assessment and plan">
          {risk.assessment ? (
            <p>
              Likelihood {risk.assessment.likelihood}, impact {risk.assessment.impact}: <Badge value={risk.assessment.severity} />.{' '}
              {risk.assessment.rationale} ({risk.assessment.by}, {time(risk.assessment.at)} <EventLink id={risk.assessment.eventId} />)
            </p>
          ) : (
            <p class="muted">Not assessed.</p>
          )}
          {risk.mitigation ? (
            <>
              <p>
                {risk.mitigation.strategy}: {risk.mitigation.plan} — due {risk.mitigation.dueDate ?? '—'}{' '}
                <EventLink id={risk.mitigation.eventId} />
              </p>
              <ul>
                {risk.mitigation.actions.map((action, index) => (
                  <li key={index}>
                    {action.completed ? '✔' : '○'} {action.description} (due {action.dueDate})
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="muted">No mitigation decided.</p>
          )}
          {risk.closure && (
            <p>
              Closed ({risk.closure.resolution}) by {risk.closure.by}, {time(risk.closure.at)}: {risk.closure.note}{' '}
              <EventLink id={risk.closure.eventId} />
            </p>
          )}
          {canWrite && risk.status !== 'closed' && (
            <CommandForm
              label="Assess"
              done="Assessed."
              onDone={read.reload}
              submit={(fields) =>
                command('AssessRisk', { riskId, likelihood: fields.likelihood, impact: fields.impact, rationale: fields.rationale })
              }
            >
              <label>
                Likelihood
                <select name="likelihood">
                  {LIKELIHOODS.map((value) => (
                    <option key={value}>{value}</option>
                  ))}
                </select>
              </label>
              <label>
                Impact
                <select name="impact">
                  {IMPACTS.map((value) => (
                    <option key={value}>{value}</option>
                  ))}
                </select>
              </label>
              <label>
                Rationale
                <input name="rationale" required />
              </label>
            </CommandForm>
          )}
        </Section>
      </div>
      <Section title="History: who changed this risk and when">
        <Table<HistoryEntry>
          caption={`History of ${risk.riskId}`}
          route={route}
          rows={risk.history}
          rowKey={(entry) => entry.eventId}
          pageSize={50}
          columns={[
            { key: 'at', label: 'When', render: (entry) => time(entry.at) },
            { key: 'recordedAt', label: 'Recorded', render: (entry) => time(entry.recordedAt) },
            { key: 'by', label: 'By' },
            { key: 'type', label: 'Change' },
            { key: 'summary', label: 'Summary' },
            { key: 'eventId', label: 'Event', render: (entry) => <EventLink id={entry.eventId} /> },
          ]}
        />
      </Section>
    </>
  );
}
