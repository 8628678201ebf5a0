import { useState } from 'preact/hooks';
import { ApiError, apiUrl, upload } from '../api';
import { Badge, ErrorBox } from '../components/bits';
import { Table } from '../components/table';
import type { PageProps } from '../main';
import { href } from '../router';
import { useCanWrite } from '../session';

/** One row of the import's answer (console-api's POST /suppliers/import): what it would do, or why it cannot. */
interface ImportRow {
  row: number;
  supplierId?: string;
  status: string;
  field?: string;
  message?: string;
  errors?: Array<{ field?: string; message: string }>;
  [other: string]: unknown;
}

interface ImportAnswer {
  rows?: ImportRow[];
  [other: string]: unknown;
}

const rowsOf = (answer: unknown): ImportRow[] => {
  const body = answer as ImportAnswer & { errors?: ImportRow[] };
  return body?.rows ?? (Array.isArray(answer) ? (answer as ImportRow[]) : []);
};

/**
 * Suppliers from a spreadsheet (CSV or XLSX): first a preview (dryRun=true) row by row, with each
 * row's errors; the import itself is all-or-nothing on the server, and only offered when the preview
 * found no error.
 */
export function SupplierImportPage({ route, period }: PageProps) {
  const canWrite = useCanWrite();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportRow[] | null>(null);
  const [imported, setImported] = useState<ImportRow[] | null>(null);
  const [error, setError] = useState<Error | undefined>();
  const [progress, setProgress] = useState(0);

  async function send(dryRun: boolean) {
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    setError(undefined);
    try {
      const answer = await upload<unknown>(apiUrl('/suppliers/import', { dryRun }), form, setProgress);
      if (dryRun) setPreview(rowsOf(answer));
      else setImported(rowsOf(answer));
    } catch (failure) {
      // A refused import answers 400 with the rows and their errors: shown like a preview.
      if (failure instanceof ApiError && rowsOf(failure.problem).length) setPreview(rowsOf(failure.problem));
      setError(failure as Error);
    }
  }

  if (!canWrite) return <p>Importing suppliers needs the compliance or admin role.</p>;
  const errors = (preview ?? []).filter((row) => row.status === 'error');
  return (
    <>
      <p>
        <a href={href('/suppliers', { period })}>All suppliers</a>
      </p>
      <form
        class="form-row"
        aria-label="Supplier spreadsheet"
        onSubmit={(event) => {
          event.preventDefault();
          void send(true);
        }}
      >
        <label>
          Spreadsheet (CSV or XLSX), a header row first: supplierId, name, tier; optional country, parentSupplierId, owner, contactName,
          contactEmail, contactRole, contactLanguage
          <input
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setPreview(null);
              setImported(null);
            }}
          />
        </label>
        <button type="submit" disabled={!file}>
          Preview
        </button>
        {progress > 0 && progress < 1 && <progress value={progress} max={1} aria-label="Upload progress" />}
      </form>
      <ErrorBox error={error} />
      {preview && !imported && (
        <>
          <p role="status" data-figure="previewErrors">
            {errors.length
              ? `${errors.length} row(s) with errors: fix the file and preview again. Nothing is imported while any row is wrong.`
              : `${preview.length} row(s) ready to import.`}
          </p>
          {errors.length === 0 && preview.length > 0 && (
            <button type="button" onClick={() => void send(false)}>
              Import {preview.length} row(s)
            </button>
          )}
          <ImportTable route={route} rows={preview} caption="Preview, row by row" />
        </>
      )}
      {imported && (
        <>
          <p class="ok-note" role="status">
            Imported: {imported.length} row(s).
          </p>
          <ImportTable route={route} rows={imported} caption="Imported rows" />
        </>
      )}
    </>
  );
}

function ImportTable({ route, rows, caption }: { route: PageProps['route']; rows: ImportRow[]; caption: string }) {
  return (
    <Table<ImportRow>
      caption={caption}
      route={route}
      rows={rows}
      rowKey={(row) => String(row.row)}
      pageSize={100}
      columns={[
        { key: 'row', label: 'Row', numeric: true },
        { key: 'supplierId', label: 'Supplier' },
        { key: 'status', label: 'Status', render: (row) => <Badge value={row.status} /> },
        {
          key: 'message',
          label: 'Errors',
          render: (row) =>
            (row.errors ?? (row.message ? [{ field: row.field, message: row.message }] : []))
              .map((error) => `${error.field ? `${error.field}: ` : ''}${error.message}`)
              .join('; '),
        },
      ]}
    />
  );
}
