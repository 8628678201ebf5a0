import { useState } from 'preact/hooks';
import { ApiError, getList, upload } from '../api';
import { Badge, ErrorBox, Loading } from '../components/bits';
import type { PageProps } from '../main';
import { href } from '../router';
import { useCanWrite } from '../session';
import type { Finding, Supplier } from '../types';
import { useRead } from '../use-read';

/** What POST /cmrt-responses answers (the fields shown here). */
interface UploadAnswer {
  recorded: boolean;
  duplicate?: boolean;
  reason?: string;
  family?: string;
  templateVersion?: string;
  responseNumber?: number;
  usability?: { usable?: boolean; [other: string]: unknown } | string;
  findings?: Finding[];
  findingCounts?: Record<string, number>;
  eventIds?: string[];
}

interface Queued {
  key: string;
  file: File;
  supplierId: string;
  progress: number;
  state: 'waiting' | 'sending' | 'done' | 'failed';
  answer?: UploadAnswer;
  error?: Error;
}

/** The supplier a file is probably from: the longest supplier id its name contains (`demo-cm-5_CMRT.xlsx`). */
export function supplierOfFile(fileName: string, suppliers: Supplier[]): string {
  const name = fileName.toLowerCase();
  const found = suppliers
    .filter((supplier) => name.includes(supplier.supplierId.toLowerCase()))
    .sort((a, b) => b.supplierId.length - a.supplierId.length)[0];
  return found?.supplierId ?? '';
}

/**
 * Drop one or many CMRT/EMRT workbooks: each is sent to the existing upload endpoint (read, checked
 * and recorded as its supplier's response in one step) with its own progress bar, and its findings
 * are shown as soon as it is answered.
 */
export function UploadPage({ period }: PageProps) {
  const canWrite = useCanWrite();
  const suppliers = useRead(async () => (await getList<Supplier>('/suppliers')).rows, []);
  const [queue, setQueue] = useState<Queued[]>([]);
  const [over, setOver] = useState(false);
  if (!canWrite) return <p>Uploading responses needs the compliance or admin role.</p>;
  if (suppliers.error) return <ErrorBox error={suppliers.error} />;
  if (!suppliers.data) return <Loading what="suppliers" />;
  const known = suppliers.data;

  const update = (key: string, change: Partial<Queued>) =>
    setQueue((items) => items.map((item) => (item.key === key ? { ...item, ...change } : item)));
  const add = (files: FileList | null) => {
    if (!files) return;
    const added = [...files].map((file, index) => ({
      key: `${Date.now()}-${index}-${file.name}`,
      file,
      supplierId: supplierOfFile(file.name, known),
      progress: 0,
      state: 'waiting' as const,
    }));
    setQueue((items) => [...items, ...added]);
  };
  async function send(item: Queued) {
    if (!item.supplierId) return update(item.key, { state: 'failed', error: new Error('choose the supplier this workbook is from') });
    update(item.key, { state: 'sending', progress: 0, error: undefined });
    const form = new FormData();
    form.append('supplierId', item.supplierId);
    form.append('period', String(period));
    form.append('file', item.file, item.file.name);
    try {
      const answer = await upload<UploadAnswer>('/cmrt-responses', form, (progress) => update(item.key, { progress }));
      update(item.key, { state: 'done', progress: 1, answer });
    } catch (error) {
      update(item.key, { state: 'failed', error: error instanceof ApiError ? error : new Error(String(error)) });
    }
  }
  const sendAll = async () => {
    for (const item of queue.filter((candidate) => candidate.state === 'waiting' || candidate.state === 'failed')) await send(item);
  };

  return (
    <>
      <div
        class={`drop ${over ? 'over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          add(event.dataTransfer?.files ?? null);
        }}
      >
        <p>Drop CMRT or EMRT workbooks (.xlsx) here, for period {period}, or</p>
        <label class="button secondary">
          choose files
          <input
            id="workbooks"
            type="file"
            multiple
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            class="visually-hidden"
            onChange={(event) => {
              add(event.currentTarget.files);
              event.currentTarget.value = '';
            }}
          />
        </label>
      </div>
      {queue.some((item) => item.state === 'waiting' || item.state === 'failed') && (
        <p>
          <button
            type="button"
            onClick={() => void sendAll()}
            disabled={!queue.some((item) => item.state === 'waiting' || item.state === 'failed')}
          >
            Upload {queue.filter((item) => item.state === 'waiting' || item.state === 'failed').length} workbook(s)
          </button>
        </p>
      )}
      {queue.map((item) => (
        <section class="card upload-item" key={item.key} aria-label={item.file.name} data-file={item.file.name}>
          <div class="form-row">
            <strong>{item.file.name}</strong>
            <label>
              Supplier
              <select
                value={item.supplierId}
                disabled={item.state === 'sending' || item.state === 'done'}
                onChange={(event) => update(item.key, { supplierId: event.currentTarget.value })}
              >
                <option value="">choose…</option>
                {known.map((supplier) => (
                  <option key={supplier.supplierId} value={supplier.supplierId}>
                    {supplier.supplierId} — {supplier.name}
                  </option>
                ))}
              </select>
            </label>
            <progress value={item.progress} max={1} aria-label={`Upload of ${item.file.name}`} />
            <Badge value={item.state === 'done' ? (item.answer?.recorded ? 'recorded' : 'not-recorded') : item.state} />
          </div>
          <ErrorBox error={item.error} />
          {item.answer && <UploadResult answer={item.answer} supplierId={item.supplierId} period={period} />}
        </section>
      ))}
    </>
  );
}

function UploadResult({ answer, supplierId, period }: { answer: UploadAnswer; supplierId: string; period: number }) {
  const findings = answer.findings ?? [];
  return (
    <div class="upload-result">
      <p>
        {answer.recorded
          ? `Recorded as response ${answer.responseNumber} (${answer.family?.toUpperCase()} ${answer.templateVersion}).`
          : `Not recorded: ${answer.reason ?? 'the same file was recorded before'}.`}{' '}
        <a href={href(`/suppliers/${encodeURIComponent(supplierId)}`, { period })}>Supplier page</a>
      </p>
      <table>
        <caption data-figure="uploadFindings">
          {findings.length} finding(s)
          {findings.length > 0 && answer.findingCounts
            ? ` (${Object.entries(answer.findingCounts)
                .filter(([, count]) => count > 0)
                .map(([severity, count]) => `${count} ${severity}`)
                .join(', ')})`
            : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Cell</th>
            <th scope="col">Severity</th>
            <th scope="col">Finding</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((finding, index) => (
            <tr key={index}>
              <td>{finding.cell ?? '—'}</td>
              <td>
                <Badge value={finding.severity} />
              </td>
              <td>{finding.message}</td>
            </tr>
          ))}
          {findings.length === 0 && (
            <tr>
              <td colSpan={3} class="empty">
                No findings: the answer is complete.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
