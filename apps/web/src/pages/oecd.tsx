import { get } from '../api';
import { Badge, ErrorBox, EventLink, Loading, Section } from '../components/bits';
import type { PageProps } from '../main';
import type { OecdStatus } from '../types';
import { useRead } from '../use-read';

/** The five OECD steps: each criterion met or missing, and the events that prove it (each opens the event viewer). */
export function OecdPage({ period, at }: PageProps) {
  const read = useRead(() => get<OecdStatus>('/oecd-status', { period, ...at }), [period, JSON.stringify(at)]);
  if (read.error) return <ErrorBox error={read.error} />;
  if (!read.data) return <Loading what="the OECD steps" />;
  return (
    <>
      {read.data.steps.map((step) => (
        <Section key={step.step} id={`step-${step.step}`} title={`Step ${step.step}: ${step.name}`} actions={<Badge value={step.status} />}>
          <table>
            <caption class="visually-hidden">Criteria of step {step.step}</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Met</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {step.criteria.map((criterion) => (
                <tr key={criterion.id} data-criterion={criterion.id}>
                  <td>
                    {criterion.description}
                    {!criterion.met && criterion.missing && <div class="missing">Missing: {criterion.missing}</div>}
                  </td>
                  <td>
                    <Badge value={criterion.met ? 'met' : 'missing'} />
                  </td>
                  <td>
                    {criterion.evidence.slice(0, 12).map((id) => (
                      <span key={id}>
                        <EventLink id={id} />{' '}
                      </span>
                    ))}
                    {criterion.evidenceCount > 12 && <span class="muted">and {criterion.evidenceCount - 12} more</span>}
                    {criterion.evidenceCount === 0 && <span class="muted">none</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ))}
    </>
  );
}
