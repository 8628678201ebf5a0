import { useState } from 'preact/hooks';
import { ApiError, command, getList } from '../api';
import { daysBetween, ErrorBox, Loading, time } from '../components/bits';
import { distinct, Filters } from '../components/filters';
import { Table } from '../components/table';
import type { PageProps } from '../main';
import { href } from '../router';
import { useCanWrite } from '../session';
import type { SurveyRow } from '../types';
import { useRead } from '../use-read';

interface QueueRow {
  supplierId: string;
  name?: string;
  period: number;
  family: string;
  followUpId: string;
  kind: string;
  requestedAt: string;
  ageDays: number;
  owner?: string | null;
}

/**
 * The open follow-ups across suppliers: GET /follow-ups where the server has it, else the survey
 * rows' own follow-ups (the same read model behind both), open ones only.
 */
async function openFollowUps(period: number, today: string): Promise<{ rows: QueueRow[]; source: string }> {
  try {
    const queue = await getList<Record<string, unknown>>('/follow-ups', { period });
    return {
      source: '/follow-ups',
      rows: queue.rows.map((row) => {
        const requestedAt = String(row.requestedAt ?? row.raisedAt ?? '');
        return {
          supplierId: String(row.supplierId),
          name: (row.supplierName ?? row.name) as string | undefined,
          period: Number(row.period ?? period),
          family: String(row.family ?? 'cmrt'),
          followUpId: String(row.followUpId),
          kind: String(row.kind),
          requestedAt,
          ageDays: typeof row.ageDays === 'number' ? row.ageDays : daysBetween(requestedAt, today),
          owner: row.owner as string | null | undefined,
        };
      }),
    };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  const surveys = await getList<SurveyRow>('/surveys', { period });
  return {
    source: '/surveys',
    rows: surveys.rows.flatMap((survey) =>
      survey.followUps
        .filter((followUp) => !followUp.resolvedAt)
        .map((followUp) => ({
          supplierId: survey.supplierId,
          name: survey.name,
          period: survey.period,
          family: survey.family,
          followUpId: String(followUp.followUpId),
          kind: followUp.kind,
          requestedAt: String(followUp.requestedAt ?? ''),
          ageDays: daysBetween(String(followUp.requestedAt ?? today), today),
        })),
    ),
  };
}

export function FollowUpsPage({ route, period }: PageProps) {
  const canWrite = useCanWrite();
  const today = new Date().toISOString().slice(0, 10);
  const read = useRead(() => openFollowUps(period, today), [period]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<{ ok: string[]; failed: string[] } | null>(null);
  const [error, setError] = useState<Error | undefined>();
  if (read.error) return <ErrorBox error={read.error} />;
  if (!read.data) return <Loading what="follow-ups" />;
  const kind = route.query.get('kind') ?? '';
  const minAge = Number(route.query.get('minAge') ?? 0) || 0;
  const rows = read.data.rows.filter((row) => (!kind || row.kind === kind) && row.ageDays >= minAge);
  const keyOf = (row: QueueRow) => `${row.supplierId}/${row.family}/${row.followUpId}`;
  const chosen = rows.filter((row) => selected.has(keyOf(row)));

  async function act(what: 'resolve' | 'chase', note: string) {
    setError(undefined);
    const ok: string[] = [];
    const failed: string[] = [];
    for (const row of chosen) {
      try {
        if (what === 'resolve')
          await command('ResolveFollowUp', {
            supplierId: row.supplierId,
            period: row.period,
            family: row.family,
            followUpId: row.followUpId,
            note,
          });
        else
          await command('ChaseFollowUp', {
            supplierId: row.supplierId,
            period: row.period,
            family: row.family,
            followUpId: row.followUpId,
            note,
          });
        ok.push(row.followUpId);
      } catch (failure) {
        failed.push(`${row.followUpId}: ${(failure as Error).message}`);
      }
    }
    setOutcome({ ok, failed });
    setSelected(new Set());
    read.reload();
  }

  return (
    <>
      <Filters
        route={route}
        specs={[
          { name: 'kind', label: 'Kind', options: distinct(read.data.rows.map((row) => row.kind)) },
          { name: 'minAge', label: 'At least (days old)', options: ['7', '14', '30', '60'] },
        ]}
      />
      {canWrite && (
        <form
          class="form-row"
          aria-label="Act on the selected follow-ups"
          onSubmit={(event) => {
            event.preventDefault();
            const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
            const what = submitter?.value === 'chase' ? 'chase' : 'resolve';
            const note = (event.currentTarget.elements.namedItem('note') as HTMLInputElement).value.trim();
            if (!note)
              return setError(
                new Error(
                  what === 'resolve' ? 'note: say how the follow-ups were resolved' : 'note: say what the suppliers still have to correct',
                ),
              );
            void act(what, note);
          }}
        >
          <label>
            Note (how it was resolved, or what to ask again)
            <input name="note" size={40} />
          </label>
          <button type="submit" name="act" value="resolve" disabled={!chosen.length}>
            Resolve {chosen.length} selected
          </button>
          <button type="submit" name="act" value="chase" class="secondary" disabled={!chosen.length}>
            Chase {chosen.length} selected
          </button>
        </form>
      )}
      <ErrorBox error={error} />
      {outcome && (
        <p class={outcome.failed.length ? 'error' : 'ok-note'} role="status">
          {outcome.ok.length} done{outcome.failed.length ? `; refused: ${outcome.failed.join('; ')}` : '.'}
        </p>
      )}
      <Table<QueueRow>
        caption={`Open follow-ups, ${period}`}
        route={route}
        rows={rows}
        rowKey={keyOf}
        selection={canWrite ? { selected, onChange: setSelected, label: (row) => `${row.followUpId}` } : undefined}
        exportFrom={read.data.source === '/follow-ups' ? { path: '/follow-ups', params: { period } } : undefined}
        empty="No open follow-ups."
        columns={[
          {
            key: 'supplierId',
            label: 'Supplier',
            render: (row) => <a href={href(`/suppliers/${encodeURIComponent(row.supplierId)}`, { period })}>{row.supplierId}</a>,
          },
          { key: 'name', label: 'Name' },
          { key: 'kind', label: 'Kind' },
          { key: 'family', label: 'Survey' },
          { key: 'requestedAt', label: 'Requested', render: (row) => time(row.requestedAt) },
          { key: 'ageDays', label: 'Age (days)', numeric: true },
          { key: 'followUpId', label: 'Follow-up' },
        ]}
      />
    </>
  );
}
