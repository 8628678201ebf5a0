import { useState } from 'preact/hooks';
import { getList, send } from '../api';
import { Badge, day, ErrorBox, Loading } from '../components/bits';
import { distinct, Filters } from '../components/filters';
import { Table } from '../components/table';
import type { PageProps } from '../main';
import { href } from '../router';
import { CLOSE_RESOLUTIONS, IMPACTS, LIKELIHOODS, METALS, RISK_CATEGORIES, RISK_SEVERITIES, RISK_STATUSES } from '../risk-vocabulary';
import { useCanWrite } from '../session';
import type { Risk } from '../types';
import { useRead } from '../use-read';

/** Open work past its date: the mitigation plan's or one of its actions'. */
export function isOverdue(risk: Risk, today: string): boolean {
  if (risk.status === 'closed' || !risk.mitigation) return false;
  if (!risk.mitigation.completed && risk.mitigation.dueDate && risk.mitigation.dueDate < today) return true;
  return risk.mitigation.actions.some((action) => !action.completed && action.dueDate < today);
}

type BulkAction = 'assess' | 'assign' | 'close';

interface BulkOutcome {
  riskId: string;
  ok: boolean;
  detail: string;
}

/**
 * Bulk triage: POST /risks/bulk records one command per risk (AssessRisk, AssignRiskOwner or
 * CloseRisk, each with its own command id, the principal as actor, the shared rationale in its event);
 * each risk's outcome comes back on its own.
 */
async function triage(action: BulkAction, riskIds: string[], fields: Record<string, string>): Promise<BulkOutcome[]> {
  const answer = await send<{ results: Array<{ riskId: string; status: string; code?: string; reason?: string }> }>('POST', '/risks/bulk', {
    action,
    riskIds,
    ...fields,
  });
  return answer.results.map((result) => ({
    riskId: result.riskId,
    ok: result.status === 'ok',
    detail: [result.status, result.code, result.reason].filter(Boolean).join(': '),
  }));
}

function BulkTriage({ riskIds, onDone }: { riskIds: string[]; onDone: (outcomes: BulkOutcome[]) => void }) {
  const [action, setAction] = useState<BulkAction>('assess');
  const [error, setError] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="card form-row bulk"
      aria-label="Bulk triage"
      onSubmit={async (event) => {
        event.preventDefault();
        const fields = Object.fromEntries(
          [...new FormData(event.currentTarget).entries()].map(([name, value]) => [name, String(value).trim()]),
        );
        delete fields.action;
        if (!fields.rationale) return setError(new Error('rationale: one rationale for the whole selection is required'));
        setBusy(true);
        setError(undefined);
        try {
          onDone(await triage(action, riskIds, fields));
        } catch (failure) {
          setError(failure as Error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <strong>{riskIds.length} selected</strong>
      <label>
        Action
        <select name="action" value={action} onChange={(event) => setAction(event.currentTarget.value as BulkAction)}>
          <option value="assess">Assess</option>
          <option value="assign">Assign an owner</option>
          <option value="close">Close</option>
        </select>
      </label>
      {action === 'assess' && (
        <>
          <label>
            Likelihood
            <select name="likelihood" required>
              {LIKELIHOODS.map((value) => (
                <option key={value}>{value}</option>
              ))}
            </select>
          </label>
          <label>
            Impact
            <select name="impact" required>
              {IMPACTS.map((value) => (
                <option key={value}>{value}</option>
              ))}
            </select>
          </label>
        </>
      )}
      {action === 'assign' && (
        <label>
          Owner
          <input name="owner" required />
        </label>
      )}
      {action === 'close' && (
        <label>
          Resolution
          <select name="resolution" required>
            {CLOSE_RESOLUTIONS.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
      )}
      <label>
        Rationale (recorded on each risk)
        <input name="rationale" size={40} />
      </label>
      <button type="submit" disabled={busy || riskIds.length === 0}>
        Apply to {riskIds.length} risk(s)
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

export function RisksPage({ route, period, asOf, at }: PageProps) {
  const canWrite = useCanWrite(asOf);
  const status = route.query.get('status') ?? '';
  const severity = route.query.get('severity') ?? '';
  const category = route.query.get('category') ?? '';
  const supplierId = route.query.get('supplierId') ?? '';
  const params = { period, status: status === 'not-closed' ? undefined : status, severity, category, supplierId, ...at };
  const read = useRead(() => getList<Risk>('/risk-register', params), [period, status, severity, category, supplierId, JSON.stringify(at)]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<BulkOutcome[] | null>(null);
  if (read.error) return <ErrorBox error={read.error} />;
  if (!read.data) return <Loading what="the risk register" />;
  const today = (asOf ?? new Date().toISOString()).slice(0, 10);
  const metal = route.query.get('metal') ?? '';
  const owner = route.query.get('owner') ?? '';
  const overdue = route.query.get('overdue') === 'yes';
  const rows = read.data.rows.filter(
    (risk) =>
      (status !== 'not-closed' || risk.status !== 'closed') &&
      (!metal || risk.metal === metal) &&
      (!owner || risk.owner === owner) &&
      (!overdue || isOverdue(risk, today)),
  );
  const chosen = [...selected].filter((riskId) => rows.some((risk) => risk.riskId === riskId));
  return (
    <>
      <Filters
        route={route}
        specs={[
          { name: 'status', label: 'Status', options: [...RISK_STATUSES, 'not-closed'] },
          { name: 'severity', label: 'Severity', options: RISK_SEVERITIES },
          { name: 'category', label: 'Category', options: RISK_CATEGORIES },
          { name: 'metal', label: 'Metal', options: METALS },
          { name: 'supplierId', label: 'Supplier', options: distinct(read.data.rows.map((risk) => risk.supplierId)) },
          { name: 'owner', label: 'Owner', options: distinct(read.data.rows.map((risk) => risk.owner)) },
          { name: 'overdue', label: 'Overdue', options: ['yes'] },
        ]}
      />
      {canWrite && (
        <BulkTriage
          riskIds={chosen}
          onDone={(result) => {
            setOutcomes(result);
            setSelected(new Set());
            read.reload();
          }}
        />
      )}
      {outcomes && (
        <div class={outcomes.some((outcome) => !outcome.ok) ? 'error' : 'ok-note'} role="status" data-figure="bulkOutcome">
          {outcomes.filter((outcome) => outcome.ok).length} of {outcomes.length} recorded.
          {outcomes
            .filter((outcome) => !outcome.ok)
            .map((outcome) => (
              <div key={outcome.riskId}>
                {outcome.riskId}: {outcome.detail}
              </div>
            ))}
        </div>
      )}
      <Table<Risk>
        caption={`Risk register ${period}${asOf ? `, as of ${asOf}` : ''}`}
        route={route}
        rows={rows}
        rowKey={(risk) => risk.riskId}
        total={status === 'not-closed' || metal || owner || overdue ? rows.length : read.data.total}
        exportFrom={{ path: '/risk-register', params }}
        selection={canWrite ? { selected, onChange: setSelected, label: (risk) => risk.riskId } : undefined}
        empty="No risks match."
        columns={[
          {
            key: 'riskId',
            label: 'Risk',
            render: (risk) => <a href={href(`/risks/${risk.riskId}`, { period, ...at })}>{risk.riskId}</a>,
          },
          {
            key: 'severity',
            label: 'Severity',
            sortValue: (risk) => RISK_SEVERITIES.indexOf(risk.severity as never),
            render: (risk) => <Badge value={risk.severity} />,
          },
          { key: 'status', label: 'Status', render: (risk) => <Badge value={risk.status} /> },
          { key: 'category', label: 'Category' },
          { key: 'metal', label: 'Metal', render: (risk) => risk.metal ?? '—' },
          {
            key: 'supplierId',
            label: 'Supplier',
            render: (risk) => (risk.supplierId ? <a href={href(`/suppliers/${risk.supplierId}`, { period })}>{risk.supplierId}</a> : '—'),
          },
          { key: 'owner', label: 'Owner', render: (risk) => risk.owner ?? '—' },
          { key: 'raisedAt', label: 'Raised', render: (risk) => day(risk.raisedAt) },
          {
            key: 'overdue',
            label: 'Overdue',
            sortValue: (risk) => (isOverdue(risk, today) ? 1 : 0),
            render: (risk) => (isOverdue(risk, today) ? <Badge value="overdue" /> : ''),
          },
        ]}
      />
    </>
  );
}
