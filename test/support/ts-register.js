/**
 * `node -r ./test/support/ts-register.js apps/api/src/main.ts`: runs the TypeScript sources in a child
 * process the way jest runs them (swc, same options as jest.config.js, @dd/* paths from tsconfig), so
 * that end-to-end tests can start real servers and CLI processes without a build step.
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../..');
const libs = {
  '@dd/domain': 'libs/domain/src/index.ts',
  '@dd/event-store': 'libs/event-store/src/index.ts',
  '@dd/projections': 'libs/projections/src/index.ts',
  '@dd/cmrt': 'libs/cmrt/src/index.ts',
  '@dd/engine': 'libs/engine/src/index.ts',
  '@dd/engine/as-of': 'libs/engine/src/as-of.ts',
  '@dd/reports': 'libs/reports/src/index.ts',
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveDdPaths(request, ...rest) {
  if (libs[request]) return path.join(root, libs[request]);
  if (request.startsWith('@dd/event-store/'))
    return resolveFilename.call(this, path.join(root, 'libs/event-store/src', request.slice('@dd/event-store/'.length)), ...rest);
  return resolveFilename.call(this, request, ...rest);
};

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
