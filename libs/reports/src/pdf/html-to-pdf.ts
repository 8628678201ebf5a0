import { existsSync } from 'node:fs';

/** Where Debian puts its Chromium; DD_CHROMIUM_PATH overrides it. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Chromium's switches for a server without a display, sandbox or network chatter. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * PDF cannot be made here: no Chromium at the configured path. HTTP answers 503 problem+json, the CLI
 * prints the message and exits 1; HTML, Markdown and JSON do not need Chromium and still work.
 */
export class PdfUnavailable extends Error {
  readonly code = 'pdf-unavailable';
  constructor(readonly executablePath: string) {
    super(`PDF unavailable: chromium not found at ${executablePath} (install Debian's chromium or set DD_CHROMIUM_PATH)`);
  }
}

export interface HtmlToPdfOptions {
  /** Chromium's executable; default DD_CHROMIUM_PATH, else /usr/bin/chromium. */
  executablePath?: string;
}

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DD_CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH;
}

/**
 * Prints a self-contained HTML document to A4 PDF in headless Chromium, honouring the document's
 * print CSS (@page). Generic: any report kind hands in its HTML. The page is opened with JavaScript
 * off and every request blocked: a report is one file and must not reach out. PDF bytes are not
 * deterministic (Chromium writes its own creation date and document id); a report's SHA-256 is that
 * of its HTML, JSON or Markdown.
 */
export async function htmlToPdf(html: string, options: HtmlToPdfOptions = {}): Promise<Buffer> {
  const executablePath = options.executablePath ?? chromiumPath();
  if (!existsSync(executablePath)) throw new PdfUnavailable(executablePath);
  // Loaded by the first PDF, not at start: playwright-core is some 0.3 s of CPU to load (docs/bounded-start.md).
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: false });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
