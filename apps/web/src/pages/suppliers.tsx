import { command, get, getList } from '../api';
import { Badge, ErrorBox, Loading } from '../components/bits';
import { CommandForm } from '../components/command-form';
import { distinct, Filters } from '../components/filters';
import { Table } from '../components/table';
import type { PageProps } from '../main';
import { href } from '../router';
import { useCanWrite } from '../session';
import type { Supplier, SurveyRow } from '../types';
import { useRead } from '../use-read';

interface Row extends Supplier {
  survey: SurveyRow | undefined;
}

export function SuppliersPage({ route, period }: PageProps) {
  const canWrite = useCanWrite();
  const tier = route.query.get('tier') ?? '';
  const status = route.query.get('status') ?? '';
  const read = useRead(async () => {
    const [suppliers, surveys] = await Promise.all([
      getList<Supplier>('/suppliers', { tier, status }),
      get<SurveyRow[]>('/surveys', { period }).catch(() => [] as SurveyRow[]),
    ]);
    const bySupplier = new Map(surveys.map((survey) => [survey.supplierId, survey]));
    return {
      rows: suppliers.rows.map((supplier) => ({ ...supplier, survey: bySupplier.get(supplier.supplierId) })),
      total: suppliers.total,
    };
  }, [tier, status, period]);
  if (read.error) return <ErrorBox error={read.error} />;
  if (!read.data) return <Loading what="suppliers" />;
  const owner = route.query.get('owner') ?? '';
  const survey = route.query.get('survey') ?? '';
  const rows = read.data.rows.filter(
    (row) => (!owner || row.owner === owner) && (!survey || (row.survey?.status ?? 'not-requested') === survey),
  );
  return (
    <>
      <div class="card-head">
        <Filters
          route={route}
          specs={[
            { name: 'tier', label: 'Tier', options: ['direct', 'indirect'] },
            { name: 'status', label: 'Status', options: ['active', 'inactive'] },
            { name: 'owner', label: 'Owner', options: distinct(read.data.rows.map((row) => row.owner)) },
            {
              name: 'survey',
              label: `Survey ${period}`,
              options: distinct([...read.data.rows.map((row) => row.survey?.status ?? 'not-requested')]),
            },
          ]}
        />
        {canWrite && (
          <a class="button" href={href('/suppliers/import', { period })}>
            Import from CSV/XLSX
          </a>
        )}
      </div>
      {canWrite && <LaunchCampaignForm period={period} onDone={read.reload} />}
      <Table<Row>
        caption={`Suppliers and their ${period} survey`}
        route={route}
        rows={rows}
        rowKey={(row) => row.supplierId}
        exportFrom={{ path: '/surveys', params: { period, tier } }}
        columns={[
          {
            key: 'supplierId',
            label: 'Id',
            render: (row) => <a href={href(`/suppliers/${encodeURIComponent(row.supplierId)}`, { period })}>{row.supplierId}</a>,
          },
          { key: 'name', label: 'Name' },
          { key: 'tier', label: 'Tier' },
          { key: 'country', label: 'Country' },
          { key: 'status', label: 'Status', render: (row) => <Badge value={row.status} /> },
          { key: 'owner', label: 'Owner', render: (row) => row.owner ?? '—' },
          {
            key: 'survey',
            label: 'Survey',
            sortValue: (row) => row.survey?.status ?? '',
            render: (row) => <Badge value={row.survey?.status ?? 'not-requested'} />,
          },
          {
            key: 'responses',
            label: 'Responses',
            numeric: true,
            sortValue: (row) => row.survey?.responses.length ?? 0,
            render: (row) => row.survey?.responses.length ?? 0,
          },
          {
            key: 'findings',
            label: 'Open findings',
            numeric: true,
            sortValue: (row) => row.survey?.latestFindings.length ?? 0,
            render: (row) => row.survey?.latestFindings.length ?? 0,
          },
          {
            key: 'contacts',
            label: 'Contacts',
            numeric: true,
            sortValue: (row) => row.contacts.length,
            render: (row) => row.contacts.length,
          },
        ]}
      />
    </>
  );
}

/**
 * LaunchCampaign for the period: the CMRT, the EMRT or both to every active supplier of a tier (or all),
 * by a due date; each selected supplier gets one request however often it is sent (the campaign id keys it).
 */
function LaunchCampaignForm({ period, onDone }: { period: number; onDone: () => void }) {
  return (
    <details class="launch">
      <summary>Launch a campaign for {period}</summary>
      <CommandForm
        label="Launch campaign"
        done="Launched: the requests go out through the outbox; the overview shows the campaign's progress."
        onDone={onDone}
        submit={(fields) =>
          command('LaunchCampaign', {
            campaignId: fields.campaignId,
            period,
            selection: fields.tier ? { tier: fields.tier } : {},
            ...(fields.family ? { family: fields.family } : {}),
            ...(fields.dueDate ? { dueDate: fields.dueDate } : {}),
            ...(fields.templateVersion ? { templateVersion: fields.templateVersion } : {}),
          })
        }
      >
        <label>
          Campaign id
          <input name="campaignId" required defaultValue={`campaign-${period}`} />
        </label>
        <label>
          Template
          <select name="family">
            <option value="cmrt">CMRT</option>
            <option value="emrt">EMRT</option>
            <option value="both">CMRT and EMRT</option>
          </select>
        </label>
        <label>
          Suppliers
          <select name="tier">
            <option value="">every active supplier</option>
            <option value="direct">direct suppliers</option>
            <option value="indirect">indirect suppliers</option>
          </select>
        </label>
        <label>
          Due date
          <input name="dueDate" type="date" />
        </label>
        <label>
          Revision
          <input name="templateVersion" placeholder="e.g. 6.5" />
        </label>
      </CommandForm>
    </details>
  );
}
