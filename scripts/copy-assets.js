#!/usr/bin/env node
/**
 * tsc compiles .ts only: the files a library reads at run time beside its code (a `templates` folder,
 * e.g. libs/reports/src/supplier-mail/templates/*.hbs) are copied into dist/ at the same place, so
 * `npm start` finds them where __dirname points. Run by `npm run build`.
 */
'use strict';
const { cpSync, existsSync, readdirSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = process.env.BUILD_ROOT ?? join(__dirname, '..');
const ASSET_DIRS = new Set(['templates']);

function copyAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (ASSET_DIRS.has(entry.name)) cpSync(path, join(root, 'dist', relative(root, path)), { recursive: true });
    else copyAssets(path);
  }
}

for (const top of ['libs', 'apps']) if (existsSync(join(root, top))) copyAssets(join(root, top));
