#!/usr/bin/env node
/**
 * Bundles the browser console (apps/web/src) into dist/apps/web with esbuild: one script, one
 * stylesheet and index.html, everything the browser needs, so nothing is fetched from the network at
 * run time. Run by `npm run build`; the browser suite runs it too, so it tests the sources as they are.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = process.env.BUILD_ROOT ?? join(here, '..', '..');
const outdir = join(root, 'dist', 'apps', 'web');

// Chunks carry a hash in their names: a new build replaces the folder rather than pile up old ones.
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  entryPoints: { console: join(here, 'src', 'main.tsx') },
  bundle: true,
  outdir,
  format: 'esm',
  // The chart library is a chunk of its own, loaded by the pages that draw charts.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});
copyFileSync(join(here, 'src', 'index.html'), join(outdir, 'index.html'));

// Compressed once here, at the strongest settings, rather than by the server on every request: the API
// serves `<file>.br` or `<file>.gz` to a browser that accepts it (apps/api/src/console/console-assets.ts).
// The chart chunk goes from ~550 KB to ~160 KB over the wire. Source maps stay uncompressed (rarely fetched).
for (const entry of readdirSync(outdir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !['.js', '.css', '.html'].includes(extname(entry.name))) continue;
  const file = join(entry.parentPath, entry.name);
  const bytes = readFileSync(file);
  // Below a kilobyte the headers outweigh what compression saves.
  if (bytes.length < 1024) continue;
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  );
}
if (process.argv.includes('--sizes')) {
  for (const [file, { bytes }] of Object.entries(result.metafile.outputs))
    process.stdout.write(`${file}  ${(bytes / 1024).toFixed(1)} KB\n`);
}
