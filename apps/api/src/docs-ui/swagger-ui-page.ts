import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where swagger-ui-dist keeps its bundle: served from this machine, never from a CDN. */
const SWAGGER_UI_DIST = dirname(require.resolve('swagger-ui-dist/package.json'));

/** The files of swagger-ui-dist the page loads, by the name it asks for them under /docs/. */
export const SWAGGER_UI_ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'favicon-32x32.png': { file: 'favicon-32x32.png', type: 'image/png' },
  'favicon-16x16.png': { file: 'favicon-16x16.png', type: 'image/png' },
};

const cache = new Map<string, Buffer>();

/** An asset's bytes, read once (the bundle is 1.7 MB: read on first use, not at start). */
export function swaggerUiAsset(name: string): { bytes: Buffer; type: string } | undefined {
  const asset = Object.hasOwn(SWAGGER_UI_ASSETS, name) ? SWAGGER_UI_ASSETS[name] : undefined;
  if (!asset) return undefined;
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFileSync(join(SWAGGER_UI_DIST, asset.file));
    cache.set(name, bytes);
  }
  return { bytes, type: asset.type };
}

/**
 * The page has no inline script, so its policy allows scripts from this origin only. Swagger UI sets
 * inline style attributes, hence 'unsafe-inline' for styles alone; its icons are data: URLs.
 */
export const SWAGGER_UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SWAGGER_UI_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>API: conflict-minerals due-diligence engine</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css">
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
    <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16">
  </head>
  <body>
    <main id="swagger-ui"></main>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/swagger-initializer.js"></script>
  </body>
</html>
`;

/**
 * Starts Swagger UI on /docs-json. validatorUrl null: the default sends the document to
 * validator.swagger.io. Requests made with "Try it out" carry the console's session cookie when
 * there is one, so they add the header the API asks of cookie-authenticated writes (session/).
 */
export const SWAGGER_UI_INITIALIZER = `'use strict';
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/docs-json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    requestInterceptor: function (request) {
      request.headers['X-Requested-With'] = 'dd-console';
      return request;
    },
  });
});
`;
