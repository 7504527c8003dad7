#!/usr/bin/env node
// Installed entry of the CLI: runs the compiled CLI (npm run build) or, in a checkout, the TypeScript through tsx.
const { existsSync } = require('node:fs');
const path = require('node:path');
const compiled = path.join(__dirname, '..', 'dist', 'main', 'cli', 'index.js');
if (existsSync(compiled)) {
  require(compiled)
    .main(process.argv.slice(2))
    .then((code) => (process.exitCode = code));
} else {
  const { spawnSync } = require('node:child_process');
  const tsx = path.join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  const cli = path.join(__dirname, '..', 'main', 'cli', 'index.ts');
  const r = spawnSync(tsx, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = r.status ?? 70;
}
