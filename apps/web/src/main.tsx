import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, send } from './api';
import { Loading } from './components/bits';
import { AuditPage } from './pages/audit';
import { EventPage } from './pages/event';
import { FollowUpsPage } from './pages/follow-ups';
import { OecdPage } from './pages/oecd';
import { OverviewPage } from './pages/overview';
import { ReportsPage } from './pages/reports';
import { RiskPage } from './pages/risk';
import { RisksPage } from './pages/risks';
import { SignIn } from './pages/sign-in';
import { SmeltersPage } from './pages/smelters';
import { SupplierImportPage } from './pages/supplier-import';
import { SupplierPage } from './pages/supplier';
import { SuppliersPage } from './pages/suppliers';
import { UploadPage } from './pages/upload';
import { href, match, useRoute, withQuery, type Route } from './router';
import { Session, type Principal } from './session';
import './style.css';

export interface PageProps {
  route: Route;
  period: number;
  /** "As known on" this day (YYYY-MM-DD) or time, when the as-of control is set. */
  asOf: string | null;
}

interface PageEntry {
  pattern: string;
  title: string;
  nav?: string;
  /** Pages that can be shown as they were known at a past time (the reads they call take `asOf`). */
  asOf?: boolean;
  page: (props: PageProps & { params: Record<string, string> }) => preact.JSX.Element;
}

const PAGES: PageEntry[] = [
  { pattern: '/', title: 'Overview', nav: 'Overview', asOf: true, page: (props) => <OverviewPage {...props} /> },
  { pattern: '/suppliers', title: 'Suppliers', nav: 'Suppliers', page: (props) => <SuppliersPage {...props} /> },
  { pattern: '/suppliers/import', title: 'Import suppliers', page: (props) => <SupplierImportPage {...props} /> },
  { pattern: '/suppliers/:id', title: 'Supplier', page: (props) => <SupplierPage {...props} id={props.params.id} /> },
  { pattern: '/upload', title: 'Upload workbooks', nav: 'Upload', page: (props) => <UploadPage {...props} /> },
  { pattern: '/follow-ups', title: 'Follow-up queue', nav: 'Follow-ups', page: (props) => <FollowUpsPage {...props} /> },
  { pattern: '/risks', title: 'Risk register', nav: 'Risks', asOf: true, page: (props) => <RisksPage {...props} /> },
  { pattern: '/risks/:riskId', title: 'Risk', asOf: true, page: (props) => <RiskPage {...props} riskId={props.params.riskId} /> },
  { pattern: '/smelters', title: 'Smelters', nav: 'Smelters', page: (props) => <SmeltersPage {...props} /> },
  { pattern: '/oecd', title: 'OECD steps', nav: 'OECD steps', asOf: true, page: (props) => <OecdPage {...props} /> },
  { pattern: '/audit', title: 'Audit trail', nav: 'Audit', page: (props) => <AuditPage {...props} /> },
  { pattern: '/events/:eventId', title: 'Event', page: (props) => <EventPage {...props} eventId={props.params.eventId} /> },
  { pattern: '/reports', title: 'Reports', nav: 'Reports', page: (props) => <ReportsPage {...props} /> },
];

/** The reporting years the log knows (each opened by a PeriodOpened event), newest first. */
async function knownPeriods(): Promise<number[]> {
  const page = await get<{ items: Array<{ period: number | null }> }>('/audit-trail', { type: 'PeriodOpened', limit: 1000 });
  const periods = [...new Set(page.items.map((item) => item.period).filter((period): period is number => typeof period === 'number'))];
  return periods.sort((a, b) => b - a);
}

function AsOfControl({ route, asOf }: { route: Route; asOf: string | null }) {
  return (
    <form
      class="as-of"
      role="search"
      aria-label="As of"
      onSubmit={(event) => {
        event.preventDefault();
        const value = (event.currentTarget.elements.namedItem('asOf') as HTMLInputElement).value;
        location.hash = withQuery(route, { asOf: value || undefined });
      }}
    >
      <label for="as-of-date">As known on</label>
      <input
        id="as-of-date"
        name="asOf"
        type="date"
        value={asOf?.slice(0, 10) ?? ''}
        onChange={(event) => (location.hash = withQuery(route, { asOf: event.currentTarget.value || undefined }))}
      />
      {asOf && (
        <a class="button secondary" href={withQuery(route, { asOf: undefined })}>
          Back to now
        </a>
      )}
    </form>
  );
}

function Shell({ principal, signOut }: { principal: Principal; signOut: () => void }) {
  const route = useRoute();
  const [periods, setPeriods] = useState<number[] | null>(null);
  useEffect(() => {
    knownPeriods().then(setPeriods, () => setPeriods([]));
  }, []);
  const found = PAGES.map((entry) => ({ entry, params: match(entry.pattern, route.path) })).find((candidate) => candidate.params);
  const title = found?.entry.title ?? 'Not found';
  useEffect(() => {
    document.title = `${title} · Due-diligence console`;
  }, [title]);
  if (!periods) return <Loading what="the console" />;
  const fallback = periods[0] ?? new Date().getFullYear() - 1;
  const period = Number(route.query.get('period')) || fallback;
  const asOf = found?.entry.asOf ? route.query.get('asOf') : null;
  const keep = { period: route.query.get('period') ?? undefined, asOf: route.query.get('asOf') ?? undefined };
  return (
    <Session.Provider value={{ principal, signOut }}>
      <a class="skip" href="#main" onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header class="top">
        <div class="brand">Due-diligence console</div>
        <nav aria-label="Pages">
          <ul>
            {PAGES.filter((entry) => entry.nav).map((entry) => (
              <li key={entry.pattern}>
                <a
                  href={href(entry.pattern, entry.asOf ? keep : { period: keep.period })}
                  aria-current={found?.entry === entry ? 'page' : undefined}
                >
                  {entry.nav}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <label for="period-picker">Period</label>
          <select
            id="period-picker"
            value={period}
            onChange={(event) => (location.hash = withQuery(route, { period: event.currentTarget.value }))}
          >
            {(periods.includes(period) ? periods : [period, ...periods]).map((candidate) => (
              <option key={candidate} value={candidate}>
                {candidate}
              </option>
            ))}
          </select>
          <span class="principal" data-principal={principal.name}>
            {principal.name} <span class="muted">({principal.role})</span>
          </span>
          <button type="button" class="secondary" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <div class="page-head">
          <h1>{title}</h1>
          {found?.entry.asOf && <AsOfControl route={route} asOf={asOf} />}
        </div>
        {asOf && (
          <p class="as-of-banner" role="status">
            Shown as it was known at the end of {asOf}: read only.
          </p>
        )}
        {found ? found.entry.page({ route, period, asOf, params: found.params! }) : <p>No page at {route.path}.</p>}
      </main>
    </Session.Provider>
  );
}

function Console() {
  const [principal, setPrincipal] = useState<Principal | null | undefined>(undefined);
  const [note, setNote] = useState<string | undefined>();
  useEffect(() => {
    get<Principal>('/session').then(setPrincipal, (error: unknown) => {
      // A server without the session endpoint (older build) still answers reads without keys: the local admin.
      if (error instanceof ApiError && error.status === 404) setPrincipal({ name: 'local', role: 'admin' });
      else setPrincipal(null);
    });
  }, []);
  const signOut = () => {
    send('DELETE', '/session').finally(() => {
      setNote('Signed out.');
      setPrincipal(null);
    });
  };
  if (principal === undefined) return <Loading what="your session" />;
  if (principal === null) return <SignIn note={note} onSignedIn={setPrincipal} />;
  return <Shell principal={principal} signOut={signOut} />;
}

render(<Console />, document.getElementById('console')!);
