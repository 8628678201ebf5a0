import { useState } from 'preact/hooks';
import { get } from '../api';
import { Badge, ErrorBox, EventLink, Loading, Section, SupplierLink, time } from '../components/bits';
import { Filters } from '../components/filters';
import { Table } from '../components/table';
import type { PageProps } from '../main';
import { href, withQuery } from '../router';
import type { AuditEntry, AuditPage as TrailPage } from '../types';
import { useRead } from '../use-read';

interface Health {
  status: string;
  role: string;
  store: string;
  headPosition: number;
  problems?: unknown[];
}

interface KeptSeal {
  file: string;
  headPosition: number;
  headHash: string;
  sealedAt: string;
  keyFingerprint: string;
}

interface Seals {
  seals: KeptSeal[];
  newest: KeptSeal | null;
  headPosition: number;
  eventsSinceNewest: number | null;
}

const PAGE = 50;

/**
 * The audit trail with its payloads, paged the way the read pages (`after` the last position shown),
 * the log's state, and the as-of control: the overview, the register and the OECD page as they were
 * known at the end of a chosen day.
 */
export function AuditPage({ route, period }: PageProps) {
  const filters = ['type', 'actor', 'supplierId', 'streamId', 'from', 'to'].map((name) => [name, route.query.get(name) ?? ''] as const);
  const after = route.query.get('after') ?? '';
  const withData = route.query.get('payloads') === 'yes';
  const read = useRead(async () => {
    const [trail, health, seals] = await Promise.all([
      get<TrailPage>('/audit-trail', { ...Object.fromEntries(filters), after, limit: PAGE, include: withData ? 'data' : undefined }),
      get<Health>('/health').catch(() => null),
      get<Seals>('/audit/seals').catch(() => null),
    ]);
    return { trail, health, seals };
  }, [...filters.map(([, value]) => value), after, withData]);
  const [asOfDay, setAsOfDay] = useState('');
  return (
    <>
      <div class="grid">
        <Section title="As of a past day">
          <form
            class="form-row"
            aria-label="Open the console as known on a day"
            onSubmit={(event) => {
              event.preventDefault();
              if (asOfDay) location.hash = href('/risks', { period, asOf: asOfDay });
            }}
          >
            <label>
              Known on (end of day)
              <input type="date" name="asOfDay" value={asOfDay} onChange={(event) => setAsOfDay(event.currentTarget.value)} />
            </label>
            <button type="submit" disabled={!asOfDay}>
              Show the register
            </button>
          </form>
          {asOfDay && (
            <p>
              Also: <a href={href('/', { period, asOf: asOfDay })}>overview</a>,{' '}
              <a href={href('/oecd', { period, asOf: asOfDay })}>OECD steps</a> as known on {asOfDay}.
            </p>
          )}
        </Section>
        <Section title="Log">
          {read.data?.health ? (
            <dl class="facts">
              <dt>Events in the log</dt>
              <dd data-figure="headPosition">{read.data.health.headPosition}</dd>
              <dt>Store</dt>
              <dd>{read.data.health.store}</dd>
              <dt>Read models</dt>
              <dd>
                <Badge value={read.data.health.status} />
              </dd>
              <dt>Newest seal</dt>
              <dd data-figure="newestSeal">
                {read.data.seals?.newest
                  ? `head at position ${read.data.seals.newest.headPosition}, sealed ${time(read.data.seals.newest.sealedAt)}`
                  : read.data.seals
                    ? 'never sealed'
                    : 'not available'}
              </dd>
              {read.data.seals?.newest && (
                <>
                  <dt>Sealed head hash</dt>
                  <dd>
                    <code>{read.data.seals.newest.headHash}</code>
                  </dd>
                  <dt>Signing key</dt>
                  <dd>
                    <code>{read.data.seals.newest.keyFingerprint}</code>
                  </dd>
                  <dt>Events since the newest seal</dt>
                  <dd data-figure="eventsSinceNewest">{read.data.seals.eventsSinceNewest}</dd>
                  <dt>Seals kept</dt>
                  <dd>{read.data.seals.seals.length}</dd>
                </>
              )}
              <dt>Hash chain</dt>
              <dd>
                Seals are listed, not re-checked here (a full verify is long). Each event's hash and its verification are in the event
                viewer; the whole log against its newest seal: `npm run cli -- audit verify --from-seal`.
              </dd>
            </dl>
          ) : (
            <p class="muted">Log status not available.</p>
          )}
        </Section>
      </div>
      <Section title="Trail">
        <Filters
          route={route}
          specs={[
            { name: 'type', label: 'Event type' },
            { name: 'actor', label: 'Actor' },
            { name: 'supplierId', label: 'Supplier' },
            { name: 'streamId', label: 'Stream' },
            { name: 'from', label: 'From (date)' },
            { name: 'to', label: 'To (date)' },
            { name: 'payloads', label: 'Payloads', options: ['yes'] },
          ]}
        />
        <ErrorBox error={read.error} />
        {!read.data && !read.error && <Loading what="the trail" />}
        {read.data && (
          <>
            <Table<AuditEntry>
              caption={`Events${after ? ` after position ${after}` : ''}`}
              route={route}
              rows={read.data.trail.items}
              rowKey={(entry) => entry.eventId}
              pageSize={PAGE}
              exportFrom={{ path: '/audit-trail', params: { ...Object.fromEntries(filters), after, limit: PAGE } }}
              columns={[
                { key: 'position', label: 'Position', numeric: true },
                { key: 'recordedAt', label: 'Recorded', render: (entry) => time(entry.recordedAt) },
                { key: 'occurredAt', label: 'Occurred', render: (entry) => time(entry.occurredAt) },
                { key: 'type', label: 'Type' },
                { key: 'actor', label: 'Actor' },
                { key: 'supplierId', label: 'Supplier', render: (entry) => <SupplierLink id={entry.supplierId} /> },
                { key: 'eventId', label: 'Event', render: (entry) => <EventLink id={entry.eventId} /> },
                ...(withData
                  ? [
                      {
                        key: 'data',
                        label: 'Payload',
                        render: (entry: AuditEntry) => (
                          <details>
                            <summary>payload</summary>
                            <pre tabIndex={0}>{JSON.stringify(entry.data, null, 2)}</pre>
                          </details>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <nav class="pager" aria-label="Trail pages">
              {after && <a href={withQuery(route, { after: undefined })}>First page</a>}
              {read.data.trail.nextAfter !== null && read.data.trail.items.length === PAGE && (
                <a href={withQuery(route, { after: read.data.trail.nextAfter })}>Next {PAGE} events</a>
              )}
            </nav>
          </>
        )}
      </Section>
    </>
  );
}
