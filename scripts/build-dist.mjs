#!/usr/bin/env node
// `npm run build` (also the `prepare` step of `npm install` / `npm ci`): compiles every
// src/**/*.ts to dist/**/*.js, one file each, in the same folders, so relative URLs computed
// at run time (../model/index.js, ../../package.json) keep pointing at the same places. Each
// file goes through esbuild's TypeScript transform (no bundling, no type check: `npm run
// typecheck` does that), then relative specifiers ending in .ts ('./x.ts' in imports, dynamic
// imports and new URL(...)) are rewritten to .js. dist/BUILD.json records every input (see
// bin/distState.js), so the command line runs dist/ only while it matches src/.
//
// Why: starting from JavaScript skips tsx's loader and its per-file transform, which is most of
// the command line's start-up. The build is written to a temporary folder and renamed into
// place, so an interrupted build never leaves a half-written dist/.
//
//   node scripts/build-dist.mjs [--out DIR]
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { transform } from 'esbuild';
import { buildInputs, RECORD, ROOT, sha256 } from '../bin/distState.js';

/** 'x.ts' relative specifiers inside string literals, as esbuild prints them. */
const RELATIVE_TS = /(["'`])(\.\.?\/[^"'`\n]*?)\.ts\1/g;

/** The transform options: the repository's tsconfig decides class-field and import semantics. */
function tsconfigRaw() {
  const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
  const { target, useDefineForClassFields, verbatimModuleSyntax } = tsconfig.compilerOptions ?? {};
  return { compilerOptions: { target, useDefineForClassFields, verbatimModuleSyntax } };
}

/** Compiles one source file's text (exported for the test that checks dist/ is current). */
export async function compileSource(text, path) {
  const r = await transform(text, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: path, tsconfigRaw: tsconfigRaw() });
  return r.code.replace(RELATIVE_TS, (_, q, p) => `${q}${p}.js${q}`);
}

/** Builds into `out` (default dist/); returns the number of files written. */
export async function buildDist(out = join(ROOT, 'dist')) {
  const inputs = buildInputs(ROOT);
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    let n = 0;
    const entries = [];
    for (const path of inputs) {
      // Recorded from the very bytes compiled, so an edit during the build reads as stale.
      const st = statSync(join(ROOT, path));
      const bytes = readFileSync(join(ROOT, path));
      entries.push([path, st.size, st.mtimeMs, sha256(bytes)]);
      if (!path.startsWith('src/')) continue;
      const code = await compileSource(bytes.toString('utf8'), path);
      const target = join(tmp, path.slice('src/'.length).replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
      n++;
    }
    const record = { note: 'written by scripts/build-dist.mjs; read by bin/distState.js', inputs: entries };
    writeFileSync(join(tmp, RECORD), `${JSON.stringify(record, null, 1)}\n`);
    rmSync(out, { recursive: true, force: true });
    renameSync(tmp, out);
    return n;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? process.argv[i + 1] : undefined;
  const t0 = performance.now();
  const n = await buildDist(out);
  process.stderr.write(`zrcheck: built ${n} files into ${out ?? 'dist/'} in ${Math.round(performance.now() - t0)} ms\n`);
}
