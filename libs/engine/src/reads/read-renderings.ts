import { EXPORT_MEDIA_TYPES, renderExport, type ExportDocument, type ExportFormat } from '@dd/reports';

/** A read's answer rendered as a file: a spreadsheet, a page, plain text. */
export interface ReadRendering<Params, Answer> {
  /** The Content-Type it is sent with (what an Accept header names to get it). */
  mediaType: string;
  /** File name extension, without the dot. */
  extension: string;
  /** A download (Content-Disposition: attachment) rather than a page shown in place. */
  attachment: boolean;
  /** The file name a download is saved under, without extension. */
  fileName(params: Params): string;
  render(answer: Answer, params: Params): Buffer | Promise<Buffer>;
}

/** Format name (the ?format= value, the CLI's --format) → rendering. JSON is always there besides. */
export type ReadRenderings<Params, Answer> = Readonly<Record<string, ReadRendering<Params, Answer>>>;

/**
 * CSV and XLSX of a read whose answer is a table: the read declares the table once (its sheets, headers
 * in the domain's words) and both formats come from it. CSV holds the first sheet.
 */
export function spreadsheetRenderings<Params, Answer>(
  fileName: (params: Params) => string,
  document: (answer: Answer, params: Params) => ExportDocument,
): ReadRenderings<Params, Answer> {
  const rendering = (format: ExportFormat): ReadRendering<Params, Answer> => ({
    mediaType: EXPORT_MEDIA_TYPES[format],
    extension: format,
    attachment: true,
    fileName,
    render: (answer, params) => renderExport(document(answer, params), format),
  });
  return { csv: rendering('csv'), xlsx: rendering('xlsx') };
}
