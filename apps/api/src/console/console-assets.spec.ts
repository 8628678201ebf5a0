import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { CONSOLE_CSP, serveConsole } from './console-assets';

/**
 * The console's files over real HTTP: a browser that accepts brotli or gzip gets the build's
 * precompressed copy, with the original's type, the CSP and `Vary: Accept-Encoding`; any other gets the
 * file as it is. (The bundle here is written by the spec; apps/web/build.mjs writes the real one alike.)
 */
describe('the console bundle, precompressed', () => {
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;
  let dir: string;
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dd-console-bundle-'));
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'console.js'), script);
    writeFileSync(join(dir, 'console.js.gz'), gzipSync(script));
    writeFileSync(join(dir, 'console.js.br'), brotliCompressSync(script));
    // Only gzip written for this one: a brotli browser falls back to it.
    writeFileSync(join(dir, 'chunks', 'charts.js'), script);
    writeFileSync(join(dir, 'chunks', 'charts.js.gz'), gzipSync(script));
    // A stray copy without its file: nothing stands behind it.
    writeFileSync(join(dir, 'stray.js.br'), brotliCompressSync('stray'));
    const app = express();
    serveConsole(app, dir);
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A raw GET (fetch would decode the body and hide the encoding). */
  function get(path: string, acceptEncoding?: string, method = 'GET') {
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const request = httpRequest(
        { port, path, method, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        },
      );
      request.on('error', reject);
      request.end();
    });
  }

  it('given a browser that accepts brotli, sends the brotli copy as JavaScript, with the CSP and Vary', async () => {
    const response = await get('/console/console.js', 'gzip, deflate, br');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(response.headers['vary']).toMatch(/Accept-Encoding/);
    expect(response.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(brotliDecompressSync(response.body).toString()).toBe(script);
  });

  it('given a browser that accepts gzip only, sends the gzip copy; given none, the file as it is', async () => {
    const gzipped = await get('/console/console.js', 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(script);
    const plain = await get('/console/console.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/);
    expect(plain.body.toString()).toBe(script);
    const refused = await get('/console/console.js', 'br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('falls back to the copy there is (gzip for a brotli browser) and answers HEAD alike', async () => {
    const chunk = await get('/console/chunks/charts.js', 'br, gzip');
    expect(chunk.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(chunk.body).toString()).toBe(script);
    const head = await get('/console/console.js', 'br', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });

  it('sends a file without a copy as it is, never a copy without its file, nothing outside the bundle', async () => {
    const page = await get('/console/', 'br, gzip');
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body.toString()).toContain('<title>console</title>');
    expect((await get('/console/..%2f..%2fetc%2fpasswd.js', 'br')).status).toBe(404);
    expect((await get('/console/stray.js', 'br')).status).toBe(404);
  });
});
