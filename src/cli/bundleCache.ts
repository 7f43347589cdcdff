/**
 * The bundles of model files from earlier runs (bundleModel.ts), so that running the same model
 * again starts without esbuild: loading esbuild and waiting for its bundle was about a tenth of
 * a small run's start-up (first state 253 -> 230 ms, median of 11 alternating runs, when the
 * command line also skips starting esbuild, bin/cli-worker.js).
 *
 * One record per model file, named by the sha256 of its absolute path (bin/cli-worker.js looks
 * for it by that name to decide whether to start esbuild early), in
 * `<package>/node_modules/.cache/zrcheck/bundles/`. A record is used only when everything the
 * bundle was made from is unchanged: the same zrcheck build (the sha256 of dist/BUILD.json,
 * which changes with any source), the same esbuild, and the same bytes in every file esbuild
 * bundled (its metafile's inputs, the model and its own imports), in folders where no file
 * came or went since (each input's folder has the same mtime: a new `helper.ts` beside the
 * `helper.js` an import resolved to would change what esbuild picks). Packages and zrcheck
 * itself stay outside a bundle (imported by URL at run time), so their changes need no record.
 *
 * At most MAX_RECORDS records are kept (the least recently written go first).
 *
 * Only runs from dist/ use it (from src/ there is no build record to key on). Best effort: a
 * folder that cannot be written, a torn or foreign record, or ZRCHECK_BUNDLE_CACHE=0 means
 * bundling as if there were no cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Changes whenever what a record holds or how a bundle is made changes. */
const FORMAT = 2;

/**
 * Records kept at most: storing one more removes the least recently written (models in
 * temporary folders, e.g. a test's, would otherwise leave records forever).
 */
export const MAX_RECORDS = 256;

export interface BundleRecord {
  readonly format: number;
  /** What the bundle depends on besides its inputs: build, esbuild version, model path. */
  readonly key: string;
  /** Every file esbuild read into the bundle: absolute path and sha256 of its bytes. */
  readonly inputs: readonly (readonly [string, string])[];
  /** The folders of the inputs and their mtimes (a file added or removed there changes it). */
  readonly dirs: readonly (readonly [string, number])[];
  readonly code: string;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** The folder of the records, under the package root. */
export function bundleCacheDir(packageRoot: string): string {
  return join(packageRoot, 'node_modules', '.cache', 'zrcheck', 'bundles');
}

/** The record of the model at absolute path `file` (bin/cli-worker.js computes the same name). */
export function bundleCacheFile(packageRoot: string, file: string): string {
  return join(bundleCacheDir(packageRoot), `${sha256(file)}.json`);
}

/** What a record of `file` must have been made with; undefined when nothing can be keyed (from src/). */
export function bundleKey(packageRoot: string, file: string, esbuildVersion: string): string | undefined {
  if (process.env['ZRCHECK_BUNDLE_CACHE'] === '0') return undefined;
  let build: string;
  try {
    build = sha256(readFileSync(join(packageRoot, 'dist', 'BUILD.json')));
  } catch {
    return undefined;
  }
  return sha256(JSON.stringify([FORMAT, build, esbuildVersion, file]));
}

/** The cached bundle of `file` when it was made with `key` from inputs that are all unchanged. */
export function cachedBundle(packageRoot: string, file: string, key: string): string | undefined {
  let r: BundleRecord;
  try {
    r = JSON.parse(readFileSync(bundleCacheFile(packageRoot, file), 'utf8')) as BundleRecord;
  } catch {
    return undefined;
  }
  if (r?.format !== FORMAT || r.key !== key || !Array.isArray(r.inputs) || !Array.isArray(r.dirs) || typeof r.code !== 'string') return undefined;
  for (const [dir, mtime] of r.dirs) {
    try {
      if (statSync(dir).mtimeMs !== mtime) return undefined;
    } catch {
      return undefined;
    }
  }
  for (const [path, hash] of r.inputs) {
    try {
      if (sha256(readFileSync(path)) !== hash) return undefined;
    } catch {
      return undefined;
    }
  }
  return r.code;
}

/**
 * Keeps `code`, bundled from `inputs` (absolute paths), for the next run, and prunes the folder
 * to `maxRecords`; failures are ignored.
 */
export function storeBundle(packageRoot: string, file: string, key: string, inputs: readonly string[], code: string, maxRecords = MAX_RECORDS): void {
  try {
    const dirs = [...new Set(inputs.map((p) => dirname(p)))].map((d) => [d, statSync(d).mtimeMs] as const);
    const record: BundleRecord = { format: FORMAT, key, inputs: inputs.map((p) => [p, sha256(readFileSync(p))] as const), dirs, code };
    const target = bundleCacheFile(packageRoot, file);
    mkdirSync(bundleCacheDir(packageRoot), { recursive: true });
    // Written aside and renamed: a concurrent run reads the old record or the new one, never half.
    const tmp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify(record));
    renameSync(tmp, target);
    prune(bundleCacheDir(packageRoot), maxRecords);
  } catch {
    // A cache that cannot be written is no cache.
  }
}

/** Removes the least recently written records beyond `max` (only on a store: a miss already paid for esbuild). */
function prune(dir: string, max: number): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= max) return;
  const aged = names.map((n) => {
    try {
      return { n, t: statSync(join(dir, n)).mtimeMs };
    } catch {
      return { n, t: 0 };
    }
  });
  aged.sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - max)) rmSync(join(dir, n), { force: true });
}
