/**
 * dist/, the prebuilt JavaScript the command line starts from (scripts/build-dist.mjs, run by
 * `npm install` as `prepare`): it must be current. Fails when a source under src/ changed (or
 * appeared, or went) since the last build: run `npm run build`. Also checks that every dist
 * file is exactly what the builder makes of its source today, and that the staleness check
 * itself notices edits (on a scratch tree).
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript modules without type declarations
import { buildInputs, ROOT, sha256, staleReason } from '../bin/distState.js';
// @ts-expect-error plain JavaScript modules without type declarations
import { compileSource } from '../scripts/build-dist.mjs';

const REBUILD = 'dist/ is stale: run `npm run build` (npm install does it too)';

describe('dist/ matches src/', () => {
  it('the build record matches every source file', () => {
    expect(staleReason(), REBUILD).toBeUndefined();
  });

  it('every dist file is what the builder makes of its source now, and nothing else is there', async () => {
    const inputs = (buildInputs(ROOT) as string[]).filter((p) => p.startsWith('src/'));
    const expected = inputs.map((p) => p.slice('src/'.length).replace(/\.ts$/, '.js')).sort();
    const dist = join(ROOT, 'dist');
    const present = (readdirSync(dist, { recursive: true }) as string[])
      .map((f) => String(f))
      .filter((f) => f.endsWith('.js'))
      .sort();
    expect(present, REBUILD).toEqual(expected);
    for (const p of inputs) {
      const built = readFileSync(join(dist, p.slice('src/'.length).replace(/\.ts$/, '.js')), 'utf8');
      expect(built, `${p}: ${REBUILD}`).toBe(await compileSource(readFileSync(join(ROOT, p), 'utf8'), p));
    }
  });

  it('compiled files import .js, never .ts', () => {
    const dist = join(ROOT, 'dist');
    for (const f of readdirSync(dist, { recursive: true }) as string[]) {
      if (!String(f).endsWith('.js')) continue;
      const text = readFileSync(join(dist, String(f)), 'utf8');
      expect(text.match(/["'`]\.\.?\/[^"'`\n]*\.ts["'`]/g) ?? [], String(f)).toEqual([]);
    }
  });
});

describe('the staleness check', () => {
  const root = mkdtempSync(join(tmpdir(), 'zrcheck-dist-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const record = () => {
    const inputs = buildInputs(root) as string[];
    const entries = inputs.map((p) => {
      const st = statSync(join(root, p));
      return [p, st.size, st.mtimeMs, sha256(readFileSync(join(root, p)))];
    });
    mkdirSync(join(root, 'dist'), { recursive: true });
    writeFileSync(join(root, 'dist', 'BUILD.json'), JSON.stringify({ inputs: entries }));
  };

  it('accepts an untouched tree, and one whose files were only touched; refuses edits, new and removed files', () => {
    mkdirSync(join(root, 'src', 'sub'), { recursive: true });
    mkdirSync(join(root, 'scripts'), { recursive: true });
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'src', 'sub', 'b.ts'), 'export const b = 2;\n');
    writeFileSync(join(root, 'scripts', 'build-dist.mjs'), '// builder\n');
    expect(staleReason(root)).toMatch(/no BUILD.json/);
    record();
    expect(staleReason(root)).toBeUndefined();
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'src', 'a.ts'), later, later);
    expect(staleReason(root)).toBeUndefined();
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 3;\n');
    expect(staleReason(root)).toMatch(/src\/a\.ts changed/);
    record();
    writeFileSync(join(root, 'src', 'sub', 'c.ts'), 'export const c = 4;\n');
    expect(staleReason(root)).toMatch(/changed since the build|is new/);
    record();
    rmSync(join(root, 'src', 'sub', 'b.ts'));
    expect(staleReason(root)).toMatch(/changed since the build/);
    record();
    writeFileSync(join(root, 'scripts', 'build-dist.mjs'), '// another builder\n');
    expect(staleReason(root)).toMatch(/build-dist\.mjs changed/);
  });
});
