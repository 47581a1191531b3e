#!/usr/bin/env node
// `npm run contract`: checks schema.graphql against the API contract, which lives beside the repository
// (../shared/contract), not in it. A clone without it skips the check and says so, rather than failing
// everything else CI does; the arguments are passed on to the contract's own checker.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const checker = resolve(root, '../shared/contract/check-contract.mjs');
if (!existsSync(checker)) {
  console.log(`Contract check skipped: ${checker} is absent (the contract lives outside this repository).`);
  process.exit(0);
}
const run = spawnSync(process.execPath, [checker, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
