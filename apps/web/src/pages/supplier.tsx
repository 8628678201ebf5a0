import { useEffect, useState } from 'preact/hooks';
import { command, get, getList } from '../api';
import { Badge, ErrorBox, EventLink, Loading, Section, time } from '../components/bits';
import { CommandForm } from '../components/command-form';
import { Table } from '../components/table';
import type { PageProps } from '../main';
import { href } from '../router';
import { useCanWrite } from '../session';
import type { Finding, FollowUp, Risk, Supplier, SupplierDetail, SurveyResponse } from '../types';
import { useRead } from '../use-read';

interface Message {
  messageId?: string;
  kind?: string;
  wave?: string | number;
  recipients?: string[];
  status?: string;
  queuedAt?: string;
  sentAt?: string | null;
  [other: string]: unknown;
}

/** The workbook as the supplier sent it, by the SHA-256 its response event names. */
function OriginalLink({ response }: { response: SurveyResponse }) {
  const [sha256, setSha256] = useState<string | null | undefined>(response.sha256);
  useEffect(() => {
    if (sha256 !== undefined || !response.fileName) return;
    get<{ data: { source?: { sha256?: string } } }>(`/events/${response.eventId}`).then(
      (event) => setSha256(event.data.source?.sha256 ?? null),
      () => setSha256(null),
    );
  }, [response.eventId]);
  if (!response.fileName) return <span class="muted">{response.source}</span>;
  if (!sha256) return <span>{response.fileName}</span>;
  return (
    <a href={`/originals/${sha256}`} download={response.fileName}>
      {response.fileName}
    </a>
  );
}

export function SupplierPage({ route, period, id }: PageProps & { id: string }) {
  const canWrite = useCanWrite();
  const read = useRead(async () => {
    const [detail, all, messages, risks] = await Promise.all([
      get<SupplierDetail>(`/suppliers/${encodeURIComponent(id)}`),
      getList<Supplier>('/suppliers'),
      get<{ messages: Message[] }>(`/suppliers/${encodeURIComponent(id)}/messages`, { period }).catch(() => ({
        messages: [] as Message[],
      })),
      getList<Risk>('/risk-register', { period, supplierId: id }),
    ]);
    return { detail, profile: all.rows.find((supplier) => supplier.supplierId === id), messages: messages.messages, risks: risks.rows };
  }, [id, period]);
  if (read.error) return <ErrorBox error={read.error} />;
  if (!read.data) return <Loading what={`supplier ${id}`} />;
  const { detail, profile, messages, risks } = read.data;
  return (
    <>
      <p>
        <a href={href('/suppliers', { period })}>All suppliers</a>
      </p>
      <div class="grid">
        <Section title={detail.name}>
          <dl class="facts">
            <dt>Id</dt>
            <dd data-figure="supplierId">{detail.supplierId}</dd>
            <dt>Tier</dt>
            <dd>{detail.tier}</dd>
            <dt>Country</dt>
            <dd>{detail.country ?? '—'}</dd>
            <dt>Parent</dt>
            <dd>
              {detail.parentSupplierId ? (
                <a href={href(`/suppliers/${detail.parentSupplierId}`, { period })}>{detail.parentSupplierId}</a>
              ) : (
                '—'
              )}
            </dd>
            <dt>Status</dt>
            <dd>
              <Badge value={profile?.status} />
            </dd>
            <dt>Owner</dt>
            <dd>{profile?.owner ?? '—'}</dd>
            <dt>Registered</dt>
            <dd>
              {time(detail.registeredAt)} <EventLink id={detail.eventId} />
            </dd>
            <dt>Sub-suppliers</dt>
            <dd>
              {detail.children.length
                ? detail.children.map((child) => (
                    <span key={child}>
                      <a href={href(`/suppliers/${child}`, { period })}>{child}</a>{' '}
                    </span>
                  ))
                : '—'}
            </dd>
          </dl>
          {canWrite && (
            <CommandForm
              label="Rename"
              done="Renamed: the log keeps the old name."
              onDone={read.reload}
              submit={(fields) =>
                command('RenameSupplier', { supplierId: id, name: fields.name, ...(fields.reason ? { reason: fields.reason } : {}) })
              }
            >
              <label>
                New name
                <input name="name" required defaultValue={detail.name} />
              </label>
              <label>
                Reason
                <input name="reason" />
              </label>
            </CommandForm>
          )}
        </Section>
        <Section title="Contacts">
          <ul class="plain">
            {(profile?.contacts ?? []).map((contact) => (
              <li key={contact.email}>
                {contact.name} &lt;{contact.email}&gt; {contact.language ? <span class="muted">({contact.language})</span> : null}
              </li>
            ))}
          </ul>
          {!profile?.contacts.length && <p class="muted">No contact yet: surveys cannot be mailed.</p>}
          {canWrite && (
            <CommandForm
              label="Add contact"
              done="Contact added."
              onDone={read.reload}
              submit={(fields) => command('AddSupplierContact', { supplierId: id, name: fields.name, email: fields.email })}
            >
              <label>
                Name
                <input name="name" required />
              </label>
              <label>
                E-mail
                <input name="email" type="email" required />
              </label>
            </CommandForm>
          )}
        </Section>
      </div>
      {detail.surveys.map((survey) => (
        <Section key={`${survey.period}-${survey.family}`} title={`${survey.family.toUpperCase()} survey ${survey.period}`}>
          <p>
            <Badge value={survey.status} /> due {survey.dueDate ?? '—'}, sent {time(survey.sentAt)}, {survey.remindersSent} reminder(s)
          </p>
          <Table<SurveyResponse>
            caption="Responses"
            name={`r${survey.period}${survey.family}-`}
            route={route}
            rows={survey.responses}
            rowKey={(response) => String(response.responseNumber)}
            columns={[
              { key: 'responseNumber', label: 'No.', numeric: true },
              { key: 'receivedAt', label: 'Received', render: (response) => time(response.receivedAt) },
              {
                key: 'file',
                label: 'Original',
                sortValue: (response) => response.fileName ?? '',
                render: (response) => <OriginalLink response={response} />,
              },
              { key: 'templateVersion', label: 'Template' },
              { key: 'scope', label: 'Scope' },
              {
                key: 'findings',
                label: 'Findings',
                sortValue: (response) => Object.values(response.findingCounts).reduce((a, b) => a + b, 0),
                render: (response) =>
                  Object.entries(response.findingCounts)
                    .filter(([, count]) => count > 0)
                    .map(([severity, count]) => `${count} ${severity}`)
                    .join(', ') || 'none',
              },
              { key: 'eventId', label: 'Event', render: (response) => <EventLink id={response.eventId} /> },
            ]}
          />
          <h3>Findings of the latest response, cell by cell</h3>
          <Table<Finding>
            caption="Findings"
            name={`f${survey.period}${survey.family}-`}
            route={route}
            rows={survey.latestFindings}
            rowKey={(finding) => `${finding.cell}|${finding.ruleId}|${finding.message}`}
            empty="No findings."
            columns={[
              { key: 'cell', label: 'Cell' },
              { key: 'severity', label: 'Severity', render: (finding) => <Badge value={finding.severity} /> },
              { key: 'message', label: 'Finding' },
            ]}
          />
          <h3>Follow-ups</h3>
          <Table<FollowUp>
            caption="Follow-ups"
            name={`u${survey.period}${survey.family}-`}
            route={route}
            rows={survey.followUps}
            rowKey={(followUp) => String(followUp.followUpId)}
            empty="No follow-ups."
            columns={[
              { key: 'followUpId', label: 'Follow-up' },
              { key: 'kind', label: 'Kind' },
              { key: 'requestedAt', label: 'Requested', render: (followUp) => time(followUp.requestedAt) },
              { key: 'resolution', label: 'Resolution', render: (followUp) => String(followUp.resolution ?? 'open') },
            ]}
          />
        </Section>
      ))}
      <div class="grid">
        <Section title="Messages sent">
          <Table<Message>
            caption={`Messages to ${id} in ${period}`}
            name="m-"
            route={route}
            rows={messages}
            rowKey={(message) => String(message.messageId ?? JSON.stringify(message))}
            empty="No messages sent (the outbox records each one when mail is configured)."
            columns={[
              { key: 'kind', label: 'Kind' },
              // A supplier asked for its CMRT and its EMRT gets a request of each: the template tells them apart.
              { key: 'family', label: 'Template' },
              { key: 'recipients', label: 'To', render: (message) => (message.recipients ?? []).join(', ') },
              { key: 'status', label: 'Status', render: (message) => <Badge value={String(message.status ?? '')} /> },
              { key: 'queuedAt', label: 'Queued', render: (message) => time(message.queuedAt) },
              { key: 'handedAt', label: 'Accepted by the mail server', render: (message) => time(message.handedAt as string | undefined) },
            ]}
          />
        </Section>
        <Section title="Risks">
          <Table<Risk>
            caption={`Risks of ${id} in ${period}`}
            name="k-"
            route={route}
            rows={risks}
            rowKey={(risk) => risk.riskId}
            empty="No risks."
            columns={[
              { key: 'riskId', label: 'Risk', render: (risk) => <a href={href(`/risks/${risk.riskId}`, { period })}>{risk.riskId}</a> },
              { key: 'category', label: 'Category' },
              { key: 'severity', label: 'Severity', render: (risk) => <Badge value={risk.severity} /> },
              { key: 'status', label: 'Status', render: (risk) => <Badge value={risk.status} /> },
            ]}
          />
        </Section>
      </div>
    </>
  );
}
