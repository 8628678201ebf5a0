import { useState } from 'preact/hooks';
import { apiUrl } from '../api';
import { Section } from '../components/bits';
import type { PageProps } from '../main';

interface Download {
  label: string;
  path: string;
  params: Record<string, string | number | undefined>;
  formats: string[];
  note?: string;
}

/**
 * Every report and export is an existing endpoint rendered by the server: this page only builds the
 * links (the session cookie authenticates the download), for the period and, where the report takes
 * one, a business date to report as of.
 */
export function ReportsPage({ period }: PageProps) {
  const [asOf, setAsOf] = useState('');
  const [years, setYears] = useState(`${period - 1},${period}`);
  const reports: Download[] = [
    {
      label: 'Risk report for senior management',
      path: '/reports/risk',
      params: { period, asOf: asOf || undefined },
      formats: ['html', 'pdf', 'md', 'json'],
    },
    {
      label: 'Conflict Minerals Report (draft)',
      path: '/reports/cmr',
      params: { period, asOf: asOf || undefined },
      formats: ['html', 'pdf', 'md'],
    },
    {
      label: 'Roll-forward of the risk register (SEC Schedule II layout)',
      path: '/reports/roll-forward',
      params: { years },
      formats: ['html', 'xlsx', 'csv', 'text'],
    },
    {
      label: 'Our own CMRT for customers',
      path: '/declarations/cmrt',
      params: { period },
      formats: ['xlsx'],
      note: 'needs DD_COMPANY_FILE and DD_CMRT_TEMPLATE',
    },
    {
      label: 'Our own EMRT for customers',
      path: '/declarations/emrt',
      params: { period },
      formats: ['xlsx'],
      note: 'needs DD_COMPANY_FILE and DD_EMRT_TEMPLATE',
    },
  ];
  const exports: Download[] = [
    { label: 'Surveys of every supplier', path: '/surveys', params: { period }, formats: ['xlsx', 'csv'] },
    { label: 'Risk register', path: '/risk-register', params: { period }, formats: ['xlsx', 'csv'] },
    { label: 'Smelter register', path: '/smelters', params: { period }, formats: ['xlsx', 'csv'] },
    { label: 'Audit trail of the period', path: '/audit-trail', params: { period, limit: 5000 }, formats: ['xlsx', 'csv'] },
  ];
  const list = (items: Download[]) => (
    <table>
      <caption class="visually-hidden">Downloads</caption>
      <thead>
        <tr>
          <th scope="col">Document</th>
          <th scope="col">Download</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.path}>
            <td>
              {item.label}
              {item.note && <div class="muted">{item.note}</div>}
            </td>
            <td>
              {item.formats.map((format) => (
                <span key={format}>
                  <a
                    href={apiUrl(item.path, { ...item.params, ...(item.path.startsWith('/declarations') ? {} : { format }) })}
                    {...(format === 'html' ? { target: '_blank', rel: 'noopener' } : { download: '' })}
                  >
                    {format.toUpperCase()}
                  </a>{' '}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <form class="form-row" aria-label="Report options" onSubmit={(event) => event.preventDefault()}>
        <label>
          Report as of (business date; empty: now)
          <input type="date" value={asOf} onChange={(event) => setAsOf(event.currentTarget.value)} />
        </label>
        <label>
          Roll-forward years
          <input value={years} onChange={(event) => setYears(event.currentTarget.value)} />
        </label>
      </form>
      <div class="grid">
        <Section title={`Reports for ${period}`}>{list(reports)}</Section>
        <Section title="Exports">
          {list(exports)}
          <p>
            <a href={apiUrl('/reports/evidence-pack', { period })} download="">
              Evidence pack for {period}
            </a>{' '}
            <span class="muted">
              (ZIP: the period’s events, original files and reports, the verify result and a seal, with SHA256SUMS; it verifies the whole
              log first, so it can take a while)
            </span>
          </p>
        </Section>
      </div>
    </>
  );
}
