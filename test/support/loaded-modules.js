/**
 * `NODE_OPTIONS=--require <this file>` with DD_TEST_LOADED_MODULES=<file>: appends to that file, one a
 * line, every package (node_modules) and every file of ours the process loads, as it loads it, so a
 * spec can say what a process has loaded so far (test/loaded-on-first-use.e2e-spec.ts).
 */
const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const { basename } = require('node:path');

const record = process.env.DD_TEST_LOADED_MODULES;
if (record) {
  const seen = new Set();
  const load = Module._load;
  Module._load = function recordLoad(request, parent, isMain) {
    let name;
    try {
      const file = Module._resolveFilename(request, parent, isMain);
      const inPackages = file.lastIndexOf('node_modules/');
      if (inPackages >= 0) {
        const parts = file.slice(inPackages + 'node_modules/'.length).split('/');
        name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
      } else if (file.includes('/')) {
        name = basename(file).replace(/\.(ts|js)$/, '');
      }
    } catch {
      // Not resolvable here: Node's own loader says so as it always does.
    }
    if (name && !seen.has(name)) {
      seen.add(name);
      appendFileSync(record, `${name}\n`);
    }
    return load.apply(this, arguments);
  };
}
