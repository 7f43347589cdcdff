/**
 * Loads a user's model file (`.ts`, `.mts`, `.js`, `.mjs`, `.cjs`) as an ES module from any
 * folder: esbuild bundles the file and its own relative imports into one ESM module in a
 * temporary folder, which is imported and then deleted.
 *
 * Why a bundle and not a loader hook: whether Node (and tsx) treats a `.ts` or `.js` file as
 * ESM or CommonJS depends on the nearest package.json, so a model in an empty folder used to
 * fail with "Cannot require() ES Module ... in a cycle". A bundle is ESM whatever the folder,
 * esbuild's errors carry `file:line:column`, and it is faster than registering a transform.
 *
 * A repeated run of the same file takes its bundle from bundleCache.ts when nothing it was made
 * from changed, and does not load esbuild at all.
 *
 * What stays outside the bundle, imported by absolute file URL: zrcheck itself (the bare
 * specifier `zrcheck`, or any path into this package), so the model and the checker share one
 * module instance (error classes, layouts); packages from node_modules, resolved from the
 * model's folder; and Node built-ins.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Message, Metafile, Plugin } from 'esbuild';
import { bundleKey, cachedBundle, storeBundle } from './bundleCache.ts';

/**
 * esbuild, loaded on first use through require: its CommonJS entry loads in about 13 ms that
 * way, against 55-90 ms through the ESM import's CommonJS interop (start-up of every run).
 */
let esbuildModule: typeof import('esbuild') | undefined;
const esbuild = (): typeof import('esbuild') => (esbuildModule ??= createRequire(import.meta.url)('esbuild') as typeof import('esbuild'));

/** esbuild's version, read without loading esbuild (a cached bundle needs only this). */
function esbuildVersion(): string {
  const pkg = createRequire(import.meta.url).resolve('esbuild/package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** This package's root folder (two levels above src/cli, or dist/cli). */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The public entry a model's `import ... from 'zrcheck'` gets: the same file the CLI runs. */
const ENTRY_URL = new URL(`../index${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;
/**
 * The model-author's part of that entry (src/explorer/api.ts): tried first, since it loads a
 * fraction of the modules; a model that imports anything else is bundled again against the
 * whole entry.
 */
const API_URL = new URL(`../explorer/api${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;
const ENTRY_FILE = fileURLToPath(ENTRY_URL).replace(/\.js$/, '.ts').replace(`${sep}dist${sep}`, `${sep}src${sep}`);

export type BundleResult =
  | {
      readonly ok: true;
      readonly url: string;
      readonly cleanup: () => void;
      /** The bundle's text: a search thread loads this very code (`prebuilt`) instead of bundling again. */
      readonly code: string;
    }
  | { readonly ok: false; readonly error: string; readonly detail?: string };

/**
 * From dist/ (scripts/build-dist.mjs), a model's import of a source file (examples import
 * '../src/index.ts') gets its compiled twin in dist/, the module instance the checker runs;
 * other TypeScript files of this package (an example's helpers) are bundled with the model,
 * since Node alone cannot load them. Undefined: bundle the file.
 */
const FROM_DIST = extname(fileURLToPath(import.meta.url)) === '.js';
function packageUrl(path: string): string | undefined {
  if (!FROM_DIST) return pathToFileURL(path).href;
  const rel = path.slice(PACKAGE_ROOT.length);
  if (rel.startsWith(`src${sep}`) && rel.endsWith('.ts')) return pathToFileURL(join(PACKAGE_ROOT, 'dist', rel.slice(4, -3) + '.js')).href;
  return /\.[mc]?ts$/.test(rel) ? undefined : pathToFileURL(path).href;
}

function inPackage(path: string): boolean {
  return path.startsWith(PACKAGE_ROOT) && !path.slice(PACKAGE_ROOT.length).split(sep).includes('node_modules');
}

const externals = (entry: string): Plugin => ({
  name: 'zrcheck-externals',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind === 'entry-point' || args.pluginData === 'resolving') return undefined;
      if (args.path === 'zrcheck') return { path: entry, external: true };
      if (args.path.startsWith('zrcheck/')) {
        return { errors: [{ text: `import '${args.path}': zrcheck exports only its main entry; import from 'zrcheck'` }] };
      }
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
      if (r.errors.length > 0) return { errors: r.errors };
      if (r.external || r.path === '') return { path: args.path, external: true }; // a Node built-in
      if (inPackage(r.path)) {
        if (r.path === ENTRY_FILE) return { path: entry, external: true };
        const url = packageUrl(r.path);
        return url !== undefined ? { path: url, external: true } : { path: r.path };
      }
      if (r.path.split(sep).includes('node_modules')) return { path: pathToFileURL(r.path).href, external: true };
      return { path: r.path };
    });
  },
});

/** `file:line:col: message` lines of esbuild's errors (files absolute). */
function describe(messages: readonly Message[], cwd: string): string {
  return messages
    .map((m) => (m.location ? `${resolve(cwd, m.location.file)}:${m.location.line}:${m.location.column + 1}: ${m.text}` : m.text))
    .join('; ');
}

/**
 * Bundles `file` (absolute) into a temporary ESM module; import `url`, then call `cleanup`.
 * With `prebuilt` (the `code` of an earlier bundle of the same file, in this process), that
 * text is written instead: a search thread of the same run then loads exactly the code the
 * command loaded, without starting esbuild a second time (tens of milliseconds of CPU taken
 * from the search on a two-core machine).
 */
export async function bundleModel(file: string, prebuilt?: string): Promise<BundleResult> {
  const cwd = dirname(file);
  const dir = mkdtempSync(join(tmpdir(), 'zrcheck-model-'));
  const out = join(dir, `${basename(file).replace(/\.[^.]*$/, '')}.mjs`);
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let code: string;
  if (prebuilt !== undefined) return written(out, prebuilt, cleanup);
  const key = FROM_DIST ? bundleKey(PACKAGE_ROOT, file, esbuildVersion()) : undefined;
  const cached = key !== undefined ? cachedBundle(PACKAGE_ROOT, file, key) : undefined;
  if (cached !== undefined) return written(out, cached, cleanup);
  try {
    // Against the model-author's API first; the whole entry if the model needs more of it (a
    // name the API lacks, or a namespace import or re-export, which cannot be checked).
    let made = await bundleAgainst(API_URL, file, out, cwd).catch(() => undefined);
    if (made === undefined || !(await onlyNamedImports(made.code, API_URL))) made = await bundleAgainst(ENTRY_URL, file, out, cwd);
    code = made.code;
    if (key !== undefined) storeBundle(PACKAGE_ROOT, file, key, made.inputs, code);
  } catch (e) {
    cleanup();
    const errors = (e as { errors?: Message[] }).errors;
    return { ok: false, error: errors && errors.length > 0 ? describe(errors, cwd) : (e as Error).message };
  }
  return written(out, code, cleanup);
}

/** Writes the bundle where it is imported from; a failed write removes the folder and is an error value. */
function written(out: string, code: string, cleanup: () => void): BundleResult {
  try {
    writeFileSync(out, code);
  } catch (e) {
    cleanup();
    return { ok: false, error: `cannot write the bundled model to ${out}: ${(e as Error).message}` };
  }
  // Stack traces (--debug) then name the model's own file and line.
  process.setSourceMapsEnabled(true);
  return { ok: true, url: pathToFileURL(out).href, cleanup, code };
}

/**
 * Whether every use of `url` in the bundle is `import { names } from "url"` with names `url`
 * exports (an external module's exports are not checked by esbuild).
 */
async function onlyNamedImports(code: string, url: string): Promise<boolean> {
  const quoted = JSON.stringify(url);
  const all = code.split(quoted).length - 1;
  const lists = [...code.matchAll(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*${quoted.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'g'))];
  if (lists.length !== all) return false;
  const exported = new Set(Object.keys((await import(url)) as object));
  return lists.every((m) => m[1]!.split(',').every((spec) => spec.trim() === '' || exported.has(spec.trim().split(/\s+as\s+/)[0]!)));
}

/**
 * One esbuild bundle of the model, with `zrcheck` (and this package's index) mapped to `entry`:
 * its text, and the files it was made from (absolute paths), for the cache.
 */
async function bundleAgainst(entry: string, file: string, out: string, cwd: string): Promise<{ code: string; inputs: string[] }> {
  const r = await esbuild().build({
    entryPoints: [file],
    // The real output path: the inline source map then names the model's files correctly.
    outfile: out,
    absWorkingDir: cwd,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [externals(entry)],
    loader: { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts' },
    // A model that asks where it lives gets its own file, not the temporary bundle.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(file).href), __filename: JSON.stringify(file), __dirname: JSON.stringify(dirname(file)) },
    // CommonJS code in the bundle may call require(): give it one rooted at the model.
    banner: { js: `import { createRequire as __zrcheckRequire } from 'node:module'; const require = __zrcheckRequire(${JSON.stringify(pathToFileURL(file).href)});` },
    metafile: true,
  });
  return { code: r.outputFiles[0]!.text, inputs: bundledFiles(r.metafile, cwd) };
}

/** The files a bundle holds (metafile inputs are relative to the working folder; externals are not inputs). */
function bundledFiles(meta: Metafile | undefined, cwd: string): string[] {
  return Object.keys(meta?.inputs ?? {}).map((p) => resolve(cwd, p));
}
