// Where an earlier run left the bundle of a model file (src/cli/bundleCache.ts writes and checks
// the record; bin/cli-worker.js only asks whether one is there, before the command loads, to
// decide whether to start esbuild early). Plain JavaScript: it runs before dist/ or src/ is chosen.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** The record of the model file `file` (absolute, or relative to `cwd`) under the package root. */
export function bundleRecordPath(root, file, cwd = process.cwd()) {
  const abs = isAbsolute(file) ? file : resolve(cwd, file);
  return join(root, 'node_modules', '.cache', 'zrcheck', 'bundles', `${createHash('sha256').update(abs).digest('hex')}.json`);
}

/** Whether a record of `file` exists (whether it is still valid is the command's to check). */
export function hasBundleRecord(root, file) {
  return existsSync(bundleRecordPath(root, file));
}
