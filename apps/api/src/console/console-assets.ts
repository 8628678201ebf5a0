import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

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

/**
 * Serves the browser console from the same process as the API, as static files (express.static) in
 * front of Nest's router: public like the API's documentation (the files hold no data; every read
 * the page makes is authenticated as usual). The API's routes stay where they are.
 */
export function serveConsole(app: NestExpressApplication, bundleDir = consoleBundleDir()): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && request.path === '/') return response.redirect(302, `${CONSOLE_PATH}/`);
    next();
  });
  app.use(
    CONSOLE_PATH,
    express.static(bundleDir, {
      index: 'index.html',
      fallthrough: true,
      setHeaders: (response: Response) => {
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
