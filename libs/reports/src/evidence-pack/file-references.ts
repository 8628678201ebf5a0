const SHA256 = /^[0-9a-f]{64}$/;

/** A file an event names by its SHA-256 (a supplier's workbook, an issued report, an imported list). */
export interface FileReference {
  sha256: string;
  /** Where in the event's data, e.g. "source.sha256". */
  field: string;
  /** The file name given beside the hash, if any. */
  fileName?: string;
}

/**
 * Every `sha256` an event's data holds (at any depth), with the file name beside it. Generic on
 * purpose: ResponseRecorded's source, an issued report's sha256, a reference list's source, and any
 * event added later that names a file the same way, without the pack knowing each event type.
 */
export function fileReferences(data: unknown): FileReference[] {
  const found: FileReference[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (Array.isArray(value)) return value.forEach((item, index) => walk(item, [...path, String(index)]));
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(record)) {
      if (key === 'sha256' && typeof child === 'string' && SHA256.test(child)) {
        const fileName = typeof record.fileName === 'string' ? record.fileName : undefined;
        found.push({ sha256: child, field: [...path, key].join('.'), ...(fileName ? { fileName } : {}) });
      } else walk(child, [...path, key]);
    }
  };
  walk(data, []);
  return found;
}
