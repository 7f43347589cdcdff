/**
 * Which model a job runs, named so that every machine with the project reads it the same way,
 * and the hash of its sources, which a worker compares with the submitter's before it runs.
 *
 * - A model ref is a path relative to the project root for a file inside the project
 *   (`src/kernel/catalog.ts`, `examples/zr-wb-jc.ts`), else an absolute path (a user's module,
 *   which must then be at the same path on every worker). A ref always names the source
 *   (`src/….ts`), also when this process runs the prebuilt `dist/` (`dist/kernel/catalog.js`
 *   is `src/kernel/catalog.ts`): a worker may run either, and both hash the same sources.
 * - The model source hash covers every source file the model's module imports, transitively,
 *   plus those of the checker's public entry (src/index.ts): what the model is and what runs
 *   it. esbuild lists them (its metafile); packages from node_modules are left out (the
 *   lockfile pins them). Files are named relative to the project root (or the module's folder),
 *   so two checkouts at different paths agree.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** The project's root folder (two levels above src/jobs). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Whether this process runs the prebuilt dist/ (bin/distState.js) rather than src/ through tsx. */
const RUNNING_DIST = relative(PROJECT_ROOT, fileURLToPath(import.meta.url)).split(sep)[0] === 'dist';

const inProject = (abs: string) => abs.startsWith(PROJECT_ROOT) && !relative(PROJECT_ROOT, abs).split(sep).includes('node_modules');

/** A file URL or path → its model ref (project-relative with '/', or absolute). */
export function toModelRef(urlOrPath: string): string {
  const abs = urlOrPath.startsWith('file:') ? fileURLToPath(urlOrPath) : resolve(PROJECT_ROOT, urlOrPath);
  if (!inProject(abs)) return abs;
  const rel = relative(PROJECT_ROOT, abs).split(sep).join('/');
  return rel.startsWith('dist/') && rel.endsWith('.js') ? `src/${rel.slice('dist/'.length, -'.js'.length)}.ts` : rel;
}

/** A model ref (or a file URL) → the absolute path on this machine. */
export function refToPath(ref: string): string {
  if (ref.startsWith('file:')) return fileURLToPath(ref);
  return isAbsolute(ref) ? ref : join(PROJECT_ROOT, ...ref.split('/'));
}

/**
 * A model ref (or a file URL) → a file URL on this machine, for import: a project source runs
 * as its dist/ build when this process runs dist/ (it cannot import .ts without tsx).
 */
export function refToUrl(ref: string): string {
  if (ref.startsWith('file:')) return ref;
  const runAs = RUNNING_DIST && ref.startsWith('src/') && ref.endsWith('.ts') ? `dist/${ref.slice('src/'.length, -'.ts'.length)}.js` : ref;
  return pathToFileURL(refToPath(runAs)).href;
}

/** The source files `file` imports (itself included), as [name, absolute path], node_modules left out. */
async function closure(file: string): Promise<[string, string][]> {
  const base = inProject(file) ? PROJECT_ROOT : dirname(file);
  const r = await build({
    entryPoints: [file],
    absWorkingDir: base,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
    loader: { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts' },
  });
  return Object.keys(r.metafile.inputs)
    .filter((p) => !p.split('/').includes('node_modules'))
    .map((p) => [p, resolve(base, p)]);
}

const cache = new Map<string, Promise<string>>();

/**
 * `sha256:…` over the model's sources and the checker's (see the header). Throws when the
 * file is missing or does not build; the caller words the message.
 */
export function modelSourceHash(ref: string): Promise<string> {
  const key = refToPath(ref);
  let p = cache.get(key);
  if (p === undefined) {
    p = (async () => {
      const files = new Map<string, string>();
      for (const f of [key, join(PROJECT_ROOT, 'src', 'index.ts')]) for (const [name, abs] of await closure(f)) files.set(name, abs);
      const h = createHash('sha256');
      for (const name of [...files.keys()].sort()) h.update(`${name}\0`).update(readFileSync(files.get(name)!)).update('\0');
      return `sha256:${h.digest('hex').slice(0, 32)}`;
    })();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}
