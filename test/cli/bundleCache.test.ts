/**
 * The cache of model bundles (src/cli/bundleCache.ts): a record is used only while every file it
 * was bundled from has the same bytes and the key (build, esbuild, path) is the same; a torn or
 * foreign record is no record. bin/cli-worker.js names records as the command does. Through the
 * real command line: a second run of a model takes the bundle from the cache, and an edit to the
 * model or to a file it imports is seen at once (the verdict follows the edit).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without type declarations
import { bundleRecordPath } from '../../bin/bundleCacheName.js';
import { bundleCacheDir, bundleCacheFile, bundleKey, cachedBundle, storeBundle } from '../../src/cli/bundleCache.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
const scratch = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('bundle records', () => {
  it('bin/cli-worker.js and the command name the same record for a model file', () => {
    for (const f of ['/tmp/a/model.ts', '/work/x y/m.mts']) expect(bundleRecordPath(ROOT, f)).toBe(bundleCacheFile(ROOT, f));
    expect(bundleRecordPath(ROOT, 'm.ts', '/srv/models')).toBe(bundleCacheFile(ROOT, '/srv/models/m.ts'));
  });

  it('a record serves while its inputs are unchanged, and not after an edit, a removal or another key', () => {
    const root = scratch('zrcheck-cache-root-');
    const src = scratch('zrcheck-cache-src-');
    const model = join(src, 'm.ts');
    const helper = join(src, 'h.ts');
    writeFileSync(model, 'export default 1;\n');
    writeFileSync(helper, 'export const h = 2;\n');
    expect(cachedBundle(root, model, 'k1'), 'nothing stored yet').toBeUndefined();
    storeBundle(root, model, 'k1', [model, helper], 'CODE');
    expect(existsSync(bundleCacheFile(root, model))).toBe(true);
    expect(cachedBundle(root, model, 'k1')).toBe('CODE');
    expect(cachedBundle(root, model, 'k2'), 'another build or esbuild').toBeUndefined();
    writeFileSync(helper, 'export const h = 3;\n');
    expect(cachedBundle(root, model, 'k1'), 'an imported file changed').toBeUndefined();
    storeBundle(root, model, 'k1', [model, helper], 'CODE2');
    expect(cachedBundle(root, model, 'k1')).toBe('CODE2');
    rmSync(helper);
    expect(cachedBundle(root, model, 'k1'), 'an input is gone').toBeUndefined();
  });

  it('a file added beside the inputs (which could change how an import resolves) makes the record stale', () => {
    const root = scratch('zrcheck-cache-root-');
    const src = scratch('zrcheck-cache-src-');
    const model = join(src, 'm.ts');
    writeFileSync(model, 'export default 1;\n');
    storeBundle(root, model, 'k', [model], 'CODE');
    expect(cachedBundle(root, model, 'k')).toBe('CODE');
    writeFileSync(join(src, 'helper.ts'), 'export const h = 1;\n');
    // The folder's mtime moves with the new entry; set it apart from the stored one explicitly
    // (a coarse file-system clock could give both the same value).
    utimesSync(src, new Date(), new Date(Date.now() + 5000));
    expect(cachedBundle(root, model, 'k')).toBeUndefined();
  });

  it('a torn or foreign record is no record', () => {
    const root = scratch('zrcheck-cache-root-');
    const model = join(scratch('zrcheck-cache-src-'), 'm.ts');
    writeFileSync(model, 'export default 1;\n');
    storeBundle(root, model, 'k', [model], 'CODE');
    const file = bundleCacheFile(root, model);
    const good = readFileSync(file, 'utf8');
    for (const bad of [good.slice(0, 20), '{}', JSON.stringify({ ...JSON.parse(good), format: 999 }), JSON.stringify({ ...JSON.parse(good), code: 5 })]) {
      writeFileSync(file, bad);
      expect(cachedBundle(root, model, 'k')).toBeUndefined();
    }
  });

  it('keeps at most the newest records: storing one more removes the least recently written', () => {
    const root = scratch('zrcheck-cache-root-');
    const src = scratch('zrcheck-cache-src-');
    const models = [0, 1, 2, 3, 4].map((k) => join(src, `m${k}.ts`));
    // Every file first: a file added to the folder later would make the earlier records stale.
    models.forEach((m, k) => writeFileSync(m, `export default ${k};\n`));
    models.forEach((m, k) => {
      storeBundle(root, m, 'k', [m], `CODE${k}`, 3);
      // Distinct write times, oldest first.
      utimesSync(bundleCacheFile(root, m), k + 1, k + 1);
    });
    expect(readdirSync(bundleCacheDir(root)).filter((n) => n.endsWith('.json'))).toHaveLength(3);
    expect(models.map((m) => cachedBundle(root, m, 'k'))).toEqual([undefined, undefined, 'CODE2', 'CODE3', 'CODE4']);
  });

  it('no key without a build record (running from src/), nor with ZRCHECK_BUNDLE_CACHE=0', () => {
    expect(bundleKey(scratch('zrcheck-cache-root-'), '/m.ts', '0.0.0')).toBeUndefined();
    expect(bundleKey(ROOT, '/m.ts', '0.0.0')).toMatch(/^[0-9a-f]{64}$/);
    expect(bundleKey(ROOT, '/m.ts', '0.0.0')).not.toBe(bundleKey(ROOT, '/m.ts', '0.0.1'));
    expect(bundleKey(ROOT, '/m.ts', '0.0.0')).not.toBe(bundleKey(ROOT, '/n.ts', '0.0.0'));
    process.env['ZRCHECK_BUNDLE_CACHE'] = '0';
    try {
      expect(bundleKey(ROOT, '/m.ts', '0.0.0')).toBeUndefined();
    } finally {
      delete process.env['ZRCHECK_BUNDLE_CACHE'];
    }
  });
});

describe('through the command line', () => {
  const model = (limit: number) => `import { defineLayout, defineModel, range } from 'zrcheck';
import { LIMIT } from './limit.ts';
export default function counter() {
  const L = defineLayout({ n: range(0, 7) });
  const { n } = L.fields;
  return defineModel({
    name: 'counter',
    layout: L,
    rules: [{ name: 'inc', thread: 't', guard: (s) => n.get(s) < 7, update: (s, x) => n.set(x, n.get(s) + 1) }],
    invariants: [{ name: 'small', holds: (s) => n.get(s) <= Math.min(${limit}, LIMIT) }],
    isValidEnd: () => true,
  });
}
`;
  const run = (cwd: string) => spawnSync(process.execPath, [join(ROOT, 'bin', 'zrcheck.js'), 'check', 'counter.ts', '--workers', '1'], { cwd, encoding: 'utf8', timeout: 60_000 });

  it('a second run uses the record; an edit to the model or to its import is seen at once', () => {
    const dir = scratch('zrcheck-cache-cli-');
    const file = join(dir, 'counter.ts');
    writeFileSync(file, model(7));
    writeFileSync(join(dir, 'limit.ts'), 'export const LIMIT = 7;\n');
    const record = bundleCacheFile(ROOT, file);
    try {
      let r = run(dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(existsSync(record), 'the run from dist/ left a record').toBe(true);
      // The record is what the next run loads: replace its code and the run shows it.
      const rec = JSON.parse(readFileSync(record, 'utf8')) as { code: string };
      writeFileSync(record, JSON.stringify({ ...rec, code: rec.code.replace(/name: (["'])counter\1/, 'name: "from-the-cache"') }));
      expect(JSON.parse(readFileSync(record, 'utf8')).code).toMatch(/from-the-cache/);
      r = run(dir);
      expect(r.stdout).toMatch(/model from-the-cache/);
      writeFileSync(file, model(5));
      r = run(dir);
      expect(r.status, 'the edited model is checked, not the cached one').toBe(1);
      expect(r.stdout).toMatch(/model counter/);
      expect(r.stdout).toMatch(/small\s+VIOLATED/);
      writeFileSync(file, model(7));
      writeFileSync(join(dir, 'limit.ts'), 'export const LIMIT = 3;\n');
      r = run(dir);
      expect(r.status, 'an edit to an imported file is seen too').toBe(1);
      expect(r.stdout).toMatch(/small\s+VIOLATED/);
    } finally {
      rmSync(record, { force: true });
    }
  }, 60_000);
});
