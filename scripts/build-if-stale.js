#!/usr/bin/env node
/**
 * Builds dist/ only when a source is newer than the last build, so `npm run cli -- ...` in an
 * operator's loop pays for TypeScript once, not on every call (tsc costs ~2 s even when incremental).
 * "Newer" covers every file tsc compiles (apps/, libs/), the files that change how it compiles, and the
 * files copied beside the code (a `templates` folder: scripts/copy-assets.js) and the browser
 * console's sources (apps/web: .tsx, .css, index.html, its build script).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } = require('node:fs');
const { join, sep } = require('node:path');

// BUILD_ROOT lets the spec run the same logic on a throwaway project.
const root = process.env.BUILD_ROOT ?? join(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
const sourceDirs = ['apps', 'libs'];
const configFiles = ['tsconfig.base.json', 'tsconfig.build.json', 'package-lock.json'];
const WEB_SOURCE = /\.(tsx|css|html|mjs)$/;

/** Newest modification time (ms) of the build's inputs; stops early once one is newer than `than`. */
function newestInput(than) {
  let newest = 0;
  const consider = (path) => {
    const mtime = statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
    return newest > than;
  };
  for (const file of configFiles) if (existsSync(join(root, file)) && consider(join(root, file))) return newest;
  const pending = sourceDirs.map((dir) => join(root, dir));
  while (pending.length > 0) {
    const dir = pending.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if ((entry.name.endsWith('.ts') || WEB_SOURCE.test(entry.name) || dir.endsWith(`${sep}templates`)) && consider(path))
        return newest;
    }
  }
  return newest;
}

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (built > 0 && newestInput(built) <= built) process.exit(0);

const started = Date.now();
const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(join(root, 'dist'), { recursive: true });
// The stamp is taken as of the build's start: a source saved while tsc ran is still newer than it.
writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
const startedSeconds = started / 1000;
require('node:fs').utimesSync(stamp, startedSeconds, startedSeconds);
if (process.argv.includes('--verbose')) console.error(`built in ${Date.now() - started} ms`);
