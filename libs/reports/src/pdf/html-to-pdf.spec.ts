import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { htmlToPdf, PdfUnavailable, renderRiskReport } from '@dd/reports';
import { sampleRiskReportModel } from '@dd/reports/testing';

const chromiumInstalled = existsSync('/usr/bin/chromium');
const pdftoppmInstalled = existsSync('/usr/bin/pdftoppm');

describe('HTML to PDF', () => {
  it('says PDF is unavailable, naming the path, when Chromium is missing', async () => {
    await expect(htmlToPdf('<p>x</p>', { executablePath: '/nowhere/chromium' })).rejects.toThrow(new PdfUnavailable('/nowhere/chromium'));
    await expect(htmlToPdf('<p>x</p>', { executablePath: '/nowhere/chromium' })).rejects.toThrow(
      'PDF unavailable: chromium not found at /nowhere/chromium',
    );
  });

  (chromiumInstalled && pdftoppmInstalled ? it : it.skip)('prints the risk report to a PDF whose first page is not blank', async () => {
    const html = renderRiskReport(sampleRiskReportModel(), 'html').bytes.toString('utf8');
    const pdf = await htmlToPdf(html);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'risk-report-pdf-'));
    try {
      writeFileSync(join(dir, 'report.pdf'), pdf);
      execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', join(dir, 'report.pdf'), join(dir, 'page')]);
      const png = readFileSync(join(dir, 'page.png'));
      const darkShare = darkPixelShare(png);
      // A blank page is all white; the cover, headline figures and charts darken a good part of it.
      expect(darkShare).toBeGreaterThan(0.01);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Share of pixels darker than light grey in a PNG, read through pdftoppm's sibling: decoded with node's zlib. */
function darkPixelShare(png: Buffer): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { inflateSync } = require('node:zlib') as typeof import('node:zlib');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const channels = colourType === 2 ? 3 : colourType === 6 ? 4 : colourType === 0 ? 1 : 0;
  if (channels === 0) throw new Error(`unexpected PNG colour type ${colourType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const previous = Buffer.alloc(stride);
  const line = Buffer.alloc(stride);
  let dark = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const source = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels] : 0;
      const b = previous[x];
      const c = x >= channels ? previous[x - channels] : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      line[x] = (source[x] + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) if (line[x * channels] < 200) dark++;
    line.copy(previous);
  }
  return dark / (width * height);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
