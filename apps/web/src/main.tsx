import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, asOfPoint, get, onAsOfSource, send } from './api';
import { asOfSourceSentence } from './as-of-source';
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
  /** The as-of point chosen (a day or a time), when the as-of control is set; the page is then read only. */
  asOf: string | null;
  /** The as-of query parameters to pass to every read of the page: {asOf} (recorded time) or {occurredAsOf} (business time), or none. */
  at: Record<string, string>;
}

/** As known at a recorded time (`asOf`: what did we know) or as true at a business time (`occurredAsOf`: what was so). */
export type AsOfKind = 'asOf' | 'occurredAsOf';

/** The as-of point of a route: a day (YYYY-MM-DD, its end) or an ISO time, and which kind. */
export function asOfOf(route: Route): { kind: AsOfKind; value: string } | null {
  const known = route.query.get('asOf');
  if (known) return { kind: 'asOf', value: known };
  const occurred = route.query.get('occurredAsOf');
  return occurred ? { kind: 'occurredAsOf', value: occurred } : null;
}

/** `2025-01-20` stays a day; a local date-time from the picker becomes an ISO instant. */
export function asOfValue(input: string): string {
  if (!input || /^\d{4}-\d{2}-\d{2}$/.test(input)) return input;
  const instant = new Date(input);
  return Number.isNaN(instant.getTime()) ? input : instant.toISOString();
}

/** The picker shows an instant in the browser's own time zone (datetime-local has none). */
function pickerValue(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T23:59:59`;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return '';
  const local = new Date(instant.getTime() - instant.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
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

function AsOfControl({ route }: { route: Route }) {
  const current = asOfOf(route);
  const kind: AsOfKind = current?.kind ?? 'asOf';
  const go = (nextKind: AsOfKind, value: string) =>
    (location.hash = withQuery(route, { asOf: undefined, occurredAsOf: undefined, [nextKind]: asOfValue(value) || undefined }));
  return (
    <form
      class="as-of"
      role="search"
      aria-label="As of"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget.elements;
        go((form.namedItem('asOfKind') as HTMLSelectElement).value as AsOfKind, (form.namedItem('asOfTime') as HTMLInputElement).value);
      }}
    >
      <label for="as-of-kind" class="visually-hidden">
        Which time
      </label>
      <select
        id="as-of-kind"
        name="asOfKind"
        value={kind}
        onChange={(event) => current && go(event.currentTarget.value as AsOfKind, pickerValue(current.value))}
      >
        <option value="asOf">As known on</option>
        <option value="occurredAsOf">As true on</option>
      </select>
      <label for="as-of-time" class="visually-hidden">
        As-of time
      </label>
      <input id="as-of-time" name="asOfTime" type="datetime-local" step={1} value={current ? pickerValue(current.value) : ''} />
      <button type="submit" class="secondary">
        Show
      </button>
      {current && (
        <a class="button secondary" href={withQuery(route, { asOf: undefined, occurredAsOf: undefined })}>
          Back to now
        </a>
      )}
    </form>
  );
}

/**
 * How the reads of the page shown as of a point were answered, as the server said (X-As-Of-Source):
 * heard afresh for each page and point, in the console's words (as-of-source.ts); null until one answers.
 */
function useAsOfSourceSentence(point: string | null, path: string): string | null {
  const [heard, setHeard] = useState<string[]>([]);
  useEffect(() => {
    setHeard([]);
    if (point === null) return;
    return onAsOfSource((answer) => {
      if (answer.point === point) setHeard((previous) => (previous.includes(answer.header) ? previous : [...previous, answer.header]));
    });
  }, [point, path]);
  return point === null ? null : asOfSourceSentence(heard);
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
  // A link that names its period (every link the console makes does) is shown at once; the list of
  // periods for the picker comes beside it. Without one, the newest period is the default.
  const named = Number(route.query.get('period'));
  const point = found?.entry.asOf ? asOfOf(route) : null;
  const answeredHow = useAsOfSourceSentence(point ? asOfPoint(point.kind, point.value) : null, route.path);
  if (!named && !periods) return <Loading what="the console" />;
  const period = named || periods?.[0] || new Date().getFullYear() - 1;
  const asOf = point?.value ?? null;
  const at: Record<string, string> = point ? { [point.kind]: point.value } : {};
  const keep = {
    period: String(period),
    asOf: route.query.get('asOf') ?? undefined,
    occurredAsOf: route.query.get('occurredAsOf') ?? undefined,
  };
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
            {(periods?.includes(period) ? periods : [period, ...(periods ?? [])]).map((candidate) => (
              <option key={candidate} value={candidate}>
                {candidate}
              </option>
            ))}
          </select>
          <span class="principal" data-principal={principal.name}>
            {principal.name} <span class="muted">({principal.role})</span>
          </span>
          <a href="/docs">API</a>
          {principal.signedIn !== false && (
            <button type="button" class="secondary" onClick={signOut}>
              Sign out
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <div class="page-head">
          <h1>{title}</h1>
          {found?.entry.asOf && <AsOfControl route={route} />}
        </div>
        {point && (
          <p class="as-of-banner" role="status" data-figure="asOfBanner">
            Shown as {point.kind === 'asOf' ? 'it was known' : 'it was true'}{' '}
            {/^\d{4}-\d{2}-\d{2}$/.test(point.value) ? `at the end of ${point.value}` : `at ${point.value}`}: read only.
            {answeredHow && (
              <>
                {' '}
                <span data-figure="asOfSource">{answeredHow}</span>
              </>
            )}
          </p>
        )}
        {found ? found.entry.page({ route, period, asOf, at, params: found.params! }) : <p>No page at {route.path}.</p>}
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
