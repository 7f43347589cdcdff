#!/usr/bin/env node
// Runs the whole vitest suite and ends with the plain line CI reads: "N passed, N failed"
// (", N skipped" when any were skipped). Vitest's own summary stays above it for people; the
// counts come from scripts/countReporter.mjs through a temporary file removed afterwards.
// Exit status: non-zero when any test failed or vitest itself failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'zrcheck-test-'));
const counts = join(dir, 'counts.json');
const r = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=./scripts/countReporter.mjs', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, ZRCHECK_TEST_COUNTS: counts } },
);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  ({ passed, failed, skipped } = JSON.parse(readFileSync(counts, 'utf8')));
} catch {
  failed = Math.max(1, failed);
}
rmSync(dir, { recursive: true, force: true });
if (r.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || r.status !== 0 ? 1 : 0;
