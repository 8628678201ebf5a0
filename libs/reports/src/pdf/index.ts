export { htmlToPdf, chromiumPath, PdfUnavailable, CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH, type HtmlToPdfOptions } from './html-to-pdf';
