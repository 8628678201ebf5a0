import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Where the console lives: /console/ (the API's own routes never start with it), with `/` sending the browser there. */
export const CONSOLE_PATH = '/console';

/**
 * The console's page and bundle may only load what the API itself serves: no script from elsewhere,
 * no request to another origin, not framed. Inline styles stay allowed (the chart library positions
 * its tooltips with style attributes); inline scripts do not.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The bundle as `npm run build` writes it: <project>/dist/apps/web, found from this file whether it
 * runs compiled (dist/apps/api/src/console) or from source (the specs: apps/api/src/console).
 */
export function consoleBundleDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'apps', 'web');
}

/** Nest's Express application, or a bare Express app (the spec): whatever mounts middleware. */
interface MountsMiddleware {
  use(pathOrHandler: string | RequestHandler, ...handlers: RequestHandler[]): unknown;
}

/**
 * Serves the browser console from the same process as the API, as static files (express.static) in
 * front of Nest's router: public like the API's documentation (the files hold no data; every read
 * the page makes is authenticated as usual). The API's routes stay where they are.
 */
export function serveConsole(app: MountsMiddleware, bundleDir = consoleBundleDir()): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && request.path === '/') return response.redirect(302, `${CONSOLE_PATH}/`);
    next();
  });
  app.use(
    CONSOLE_PATH,
    precompressed(bundleDir),
    express.static(bundleDir, {
      index: 'index.html',
      fallthrough: true,
      setHeaders: (response: Response, path: string) => {
        const encoding = ENCODINGS.find((candidate) => path.endsWith(candidate.suffix));
        if (encoding) {
          // The file sent is <name>.br or .gz: its type is the original's, its encoding says how it travels.
          response.setHeader('Content-Encoding', encoding.name);
          response.type(extname(path.slice(0, -encoding.suffix.length)));
        }
        if (COMPRESSIBLE.has(extname(encoding ? path.slice(0, -encoding.suffix.length) : path))) response.vary('Accept-Encoding');
        response.setHeader('Content-Security-Policy', CONSOLE_CSP);
        response.setHeader('X-Content-Type-Options', 'nosniff');
        response.setHeader('Referrer-Policy', 'no-referrer');
        // The bundle keeps fixed names: the browser revalidates (ETag) rather than keep an old build.
        response.setHeader('Cache-Control', 'no-cache');
      },
    }),
    (request: Request, response: Response) => {
      const built = existsSync(join(bundleDir, 'index.html'));
      response
        .status(built ? 404 : 503)
        .type('text/plain')
        .send(built ? `no console file at ${request.originalUrl}` : 'The console is not built: run `npm run build` (npm start builds it).');
    },
  );
}

/** The encodings the build writes beside each bundle file (apps/web/build.mjs), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
const COMPRESSIBLE = new Set(['.js', '.css', '.html']);

/**
 * Sends the build's precompressed copy of a bundle file to a browser that accepts its encoding, by
 * pointing the request at `<file>.br` or `<file>.gz` before express.static answers it (ETag, ranges and
 * HEAD as for any file). A file without a copy (small ones, source maps) or a browser that accepts
 * neither gets the file as it is.
 */
function precompressed(bundleDir: string) {
  const root = resolve(bundleDir);
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const relative = request.path.endsWith('/') ? `${request.path}index.html` : request.path;
    if (!COMPRESSIBLE.has(extname(relative))) return next();
    let file: string;
    try {
      file = resolve(root, `.${decodeURIComponent(relative)}`);
    } catch {
      return next();
    }
    // express.static refuses what lies outside its folder; so does this, before looking for a copy.
    // A copy stands for a file of the bundle: none is sent for a file that is not there.
    if (!file.startsWith(root + sep) || !existsSync(file)) return next();
    const encoding = ENCODINGS.find(
      (candidate) => request.acceptsEncodings(candidate.name) === candidate.name && existsSync(file + candidate.suffix),
    );
    if (!encoding) return next();
    const query = request.url.indexOf('?');
    request.url = `${relative}${encoding.suffix}${query === -1 ? '' : request.url.slice(query)}`;
    next();
  };
}
