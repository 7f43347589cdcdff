// Whether dist/ (the prebuilt JavaScript that `npm install` makes, scripts/build-dist.mjs)
// matches src/ as it is now. The command line runs dist/ when it does, which starts in a
// fraction of the time tsx takes; when it does not (a source edited since the last build, a
// file added or removed), it runs src/ through tsx, so a stale build is never what runs.
//
// dist/BUILD.json records every source file's path, size, mtime and sha256. The check stats
// each source (about 1 ms) and hashes only a file whose size or mtime differs (a checkout can
// touch a file without changing it). Plain JavaScript with no dependency: it runs before
// anything is loaded.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RECORD = 'BUILD.json';

/** What a build depends on, relative to the root, sorted: every .ts under src/ and the builder. */
export function buildInputs(root = ROOT) {
  const files = readdirSync(join(root, 'src'), { recursive: true })
    .map((f) => String(f).split('\\').join('/'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => `src/${f}`);
  files.push('scripts/build-dist.mjs');
  return files.sort();
}

export function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Why dist/ cannot be used as it is (a line a person reads), or undefined when it matches the
 * sources exactly.
 */
export function staleReason(root = ROOT, distDir = join(root, 'dist')) {
  const recordFile = join(distDir, RECORD);
  if (!existsSync(recordFile)) return `${distDir} has no ${RECORD} (not built: run npm run build)`;
  let record;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8'));
  } catch {
    return `${recordFile} is unreadable`;
  }
  // Entries are [path, size, mtimeMs, sha256].
  const inputs = buildInputs(root);
  const built = new Map((record.inputs ?? []).map((e) => [e[0], e]));
  if (built.size !== inputs.length) return `the sources changed since the build (${inputs.length} files now, ${built.size} built)`;
  for (const path of inputs) {
    const e = built.get(path);
    if (e === undefined) return `${path} is new since the build`;
    const st = statSync(join(root, path));
    if (st.size === e[1] && st.mtimeMs === e[2]) continue;
    if (st.size !== e[1] || sha256(readFileSync(join(root, path))) !== e[3]) return `${path} changed since the build`;
  }
  return undefined;
}
