import { useState } from 'preact/hooks';
import { command, get, getList } from '../api';
import { Badge, ErrorBox, EventLink, Loading, Section, SupplierLink } from '../components/bits';
import { Filters } from '../components/filters';
import { Table } from '../components/table';
import type { PageProps } from '../main';
import { METALS } from '../risk-vocabulary';
import { useCanWrite } from '../session';
import type { AuditEntry, AuditPage, Smelter } from '../types';
import { useRead } from '../use-read';
import { RMAP_STATUSES } from '../risk-vocabulary';

interface UnresolvedRow {
  supplierId: string;
  period: number;
  responseNumber: number;
  row: number;
  metal: string | null;
  name: string | null;
  status: string;
  candidates: Array<{ smelterId: string; standardName: string; score: number }>;
  eventId: string;
}

interface ListChange {
  smelterId: string;
  metal: string;
  from: string | null;
  to: string | null;
}

/** The smelter register, the Smelter List rows still to place (ranked candidates to confirm), and each list import with what it changed. */
export function SmeltersPage({ route, period }: PageProps) {
  const canWrite = useCanWrite();
  const [refusal, setRefusal] = useState<Error | undefined>();
  const metal = route.query.get('metal') ?? '';
  const status = route.query.get('status') ?? '';
  const read = useRead(async () => {
    const [smelters, unresolved, statusLists, referenceLists] = await Promise.all([
      getList<Smelter>('/smelters', { period, metal, status }),
      getList<UnresolvedRow>('/smelters/unresolved', { period }),
      get<AuditPage>('/audit-trail', { type: 'RmapStatusListImported', include: 'data', limit: 100 }),
      get<AuditPage>('/audit-trail', { type: 'ReferenceListImported', limit: 100 }),
    ]);
    return {
      smelters: smelters.rows,
      unresolved: unresolved.rows,
      imports: [...statusLists.items, ...referenceLists.items].sort((a, b) => b.position - a.position),
    };
  }, [period, metal, status]);
  if (read.error) return <ErrorBox error={read.error} />;
  if (!read.data) return <Loading what="smelters" />;
  const { smelters, unresolved, imports } = read.data;
  return (
    <>
      <Section title="Smelter register">
        <Filters
          route={route}
          specs={[
            { name: 'metal', label: 'Metal', options: METALS },
            { name: 'status', label: 'RMAP status', options: RMAP_STATUSES },
          ]}
        />
        <Table<Smelter>
          caption={`Smelters named in ${period}`}
          route={route}
          rows={smelters}
          rowKey={(smelter) => `${smelter.smelterId}/${smelter.metal}`}
          exportFrom={{ path: '/smelters', params: { period, metal, status } }}
          columns={[
            { key: 'smelterId', label: 'CID' },
            { key: 'standardName', label: 'Name' },
            { key: 'metal', label: 'Metal' },
            { key: 'country', label: 'Country' },
            { key: 'rmapStatus', label: 'RMAP status', render: (smelter) => <Badge value={smelter.rmapStatus ?? 'not-listed'} /> },
            {
              key: 'history',
              label: 'Status history',
              sortValue: (smelter) => smelter.statusHistory.length,
              render: (smelter) =>
                smelter.statusHistory.map((entry) => (
                  <span key={entry.eventId}>
                    {entry.asOf}: {entry.status} <EventLink id={entry.eventId} label="event" />{' '}
                  </span>
                )),
            },
            {
              key: 'namedBy',
              label: 'Named by',
              numeric: true,
              sortValue: (smelter) => smelter.namings,
              render: (smelter) => smelter.namings,
            },
          ]}
        />
      </Section>
      <Section title="Smelter List rows to place">
        <ErrorBox error={refusal} />
        <Table<UnresolvedRow>
          caption="Rows that name no smelter we could place, with ranked candidates"
          name="u-"
          route={route}
          rows={unresolved}
          rowKey={(row) => `${row.supplierId}/${row.responseNumber}/${row.row}`}
          empty="Every Smelter List row is placed."
          columns={[
            { key: 'supplierId', label: 'Supplier', render: (row) => <SupplierLink id={row.supplierId} /> },
            { key: 'row', label: 'Row', numeric: true },
            { key: 'metal', label: 'Metal' },
            { key: 'name', label: 'Name given' },
            { key: 'status', label: 'Status', render: (row) => <Badge value={row.status} /> },
            {
              key: 'candidates',
              label: 'Candidates (best first)',
              sortValue: (row) => row.candidates[0]?.score ?? 0,
              render: (row) => (
                <ol>
                  {row.candidates.map((candidate) => (
                    <li key={candidate.smelterId}>
                      {candidate.smelterId} {candidate.standardName} ({Math.round(candidate.score * 100)} %){' '}
                      {canWrite && (
                        <button
                          type="button"
                          class="secondary"
                          onClick={() =>
                            command('ConfirmSmelterMatch', {
                              supplierId: row.supplierId,
                              period: row.period,
                              row: row.row,
                              smelterId: candidate.smelterId,
                            }).then(read.reload, setRefusal)
                          }
                        >
                          Confirm
                        </button>
                      )}
                    </li>
                  ))}
                </ol>
              ),
            },
          ]}
        />
      </Section>
      <Section title="List imports">
        <Table<AuditEntry>
          caption="Smelter reference and RMAP status lists imported, newest first"
          name="l-"
          route={route}
          rows={imports}
          rowKey={(entry) => entry.eventId}
          columns={[
            { key: 'type', label: 'List' },
            { key: 'occurredAt', label: 'As of', render: (entry) => entry.occurredAt.slice(0, 10) },
            { key: 'actor', label: 'By' },
            {
              key: 'changes',
              label: 'What changed',
              sortValue: (entry) => ((entry.data as { changes?: ListChange[] } | undefined)?.changes ?? []).length,
              render: (entry) => {
                const changes = (entry.data as { changes?: ListChange[] } | undefined)?.changes;
                if (!changes) return <span class="muted">see the event</span>;
                return (
                  <ul class="plain">
                    {changes.map((change) => (
                      <li key={`${change.smelterId}/${change.metal}`}>
                        {change.smelterId} ({change.metal}): {change.from ?? 'new'} → {change.to ?? 'removed'}
                      </li>
                    ))}
                  </ul>
                );
              },
            },
            { key: 'eventId', label: 'Event', render: (entry) => <EventLink id={entry.eventId} /> },
          ]}
        />
      </Section>
    </>
  );
}
