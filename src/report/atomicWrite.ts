/**
 * Writes a set of files into a folder so that no reader, and no Ctrl-C, ever sees a half-written
 * one: every file is first written to a temporary sibling, and only when all temporaries exist
 * are they renamed over their targets (rename is atomic on one filesystem). Files named as
 * stale are removed last.
 *
 * Everything is synchronous on purpose: a SIGINT handler cannot run in the middle of the rename
 * phase, so an interrupt either lands before it (nothing in the folder changed) or after it.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync, readdirSync, rmdirSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

export interface FileToWrite {
  /** Path relative to the folder, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

export type WriteOutcome =
  | { readonly kind: 'written'; readonly written: number; readonly removed: number }
  | { readonly kind: 'interrupted' }
  | { readonly kind: 'failed'; readonly error: string };

export interface WriteOptions {
  /** Relative paths of files from an earlier run that the new set no longer has. */
  readonly remove?: readonly string[];
  /** Polled between temporary files; true abandons the write and cleans up. */
  readonly interrupted?: () => boolean;
}

/** Refuses paths that would leave the folder (user-influenced names end up in paths). */
function safeRelative(p: string): boolean {
  return p.length > 0 && !p.startsWith('/') && !p.split('/').some((part) => part === '..' || part === '');
}

export function writeFilesAtomically(dir: string, files: readonly FileToWrite[], opts: WriteOptions = {}): WriteOutcome {
  const temps: { tmp: string; final: string }[] = [];
  const cleanup = () => {
    for (const t of temps) rmSync(t.tmp, { force: true });
  };
  try {
    for (const [i, f] of files.entries()) {
      if (!safeRelative(f.path)) throw new Error(`refusing to write outside ${dir}: ${f.path}`);
      if (opts.interrupted?.()) {
        cleanup();
        return { kind: 'interrupted' };
      }
      const final = join(dir, ...f.path.split('/'));
      ensureDir(dirname(final));
      const tmp = `${final}.tmp-${process.pid}-${i}`;
      temps.push({ tmp, final });
      writeFileSync(tmp, f.content);
    }
    if (opts.interrupted?.()) {
      cleanup();
      return { kind: 'interrupted' };
    }
  } catch (e) {
    cleanup();
    return { kind: 'failed', error: e instanceof Error ? e.message : String(e) };
  }
  for (const t of temps) renameSync(t.tmp, t.final);
  let removed = 0;
  const keep = new Set(files.map((f) => f.path));
  for (const p of opts.remove ?? []) {
    if (keep.has(p) || !safeRelative(p)) continue;
    const full = join(dir, ...p.split('/'));
    rmSync(full, { force: true });
    removed++;
    pruneEmpty(dir, dirname(full));
  }
  return { kind: 'written', written: files.length, removed };
}

/** Removes now-empty folders between `from` and `root` (left behind by removed traces). */
function pruneEmpty(root: string, from: string): void {
  let d = from;
  while (d.length > root.length && d.startsWith(root + sep)) {
    try {
      if (readdirSync(d).length > 0) return;
      rmdirSync(d);
    } catch {
      return;
    }
    d = dirname(d);
  }
}

/**
 * Creates `dir` and its missing parents one level at a time. (Node's recursive mkdir loops
 * forever on some special file systems, e.g. under /proc: `--out /proc/nope` spun at 100 % CPU.)
 */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  for (;;) {
    try {
      if (!statSync(d).isDirectory()) throw new Error(`${d} exists and is not a folder`);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      missing.push(d);
      const up = dirname(d);
      if (up === d) break;
      d = up;
    }
  }
  for (const m of missing.reverse()) mkdirSync(m);
}

/**
 * Why files cannot be written into `dir` (which need not exist yet), or undefined when they
 * can: checked before any work, so `--out`/`--export` to a bad place fails in a second, not
 * after an hour of checking. The probe creates and removes a temporary folder in the nearest
 * existing ancestor; nothing is left behind.
 */
export function writableDirProblem(dir: string): string | undefined {
  let d = resolve(dir);
  for (;;) {
    try {
      const st = statSync(d);
      if (!st.isDirectory()) return `${d} is not a folder`;
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') return `${d}: a part of the path is a file, not a folder`;
      if (code !== 'ENOENT') return `cannot use ${d}: ${code ?? (e as Error).message}`;
      const up = dirname(d);
      if (up === d) return `no existing folder above ${dir}`;
      d = up;
    }
  }
  try {
    const probe = mkdtempSync(join(d, '.zrcheck-probe-'));
    rmdirSync(probe);
  } catch (e) {
    return `cannot write into ${d}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  return undefined;
}
