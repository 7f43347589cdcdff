/**
 * Exporting one counterexample: the four views written together into
 * `<dir>/<scenario>/<variant>/<property>/` — `trace.itf.json` (canonical, replayable),
 * `trace.md`, `trace.mmd`, `trace.html`.
 *
 * By default the violation is minimised first (fewest switches, threads, steps; 1-minimal), so
 * every exported trace is the one a person should read; callers that already minimised pass
 * `minimize: false`. `renderCounterexample` returns the files without writing them, for
 * callers (the matrix) that write whole result sets atomically.
 */
import { join, resolve } from 'node:path';
import { propertyDisplayName, type Model } from '../explorer/model.ts';
import type { Violation } from '../explorer/outcome.ts';
import { minimizeViolation, type MinimizeOptions } from '../minimize/minimize.ts';
import { formatParams } from '../source/modelSource.ts';
import { writeFilesAtomically } from './atomicWrite.ts';
import { itfText, toItf, type TraceMeta } from './itf.ts';
import { traceHtml } from './html.ts';
import { traceMarkdown } from './traceMarkdown.ts';
import { traceMermaid } from './mermaid.ts';

export const TRACE_FILES = { itf: 'trace.itf.json', markdown: 'trace.md', mermaid: 'trace.mmd', html: 'trace.html' } as const;

export interface ExportOptions {
  /** Minimise before exporting (default true); options are passed to the minimiser. */
  readonly minimize?: boolean | MinimizeOptions;
}

export interface RenderedCounterexample {
  /** `<scenario>/<variant>/<property>`, forward slashes, each part file-name safe. */
  readonly relativeDir: string;
  /** Paths relative to `relativeDir`'s parent dir root, i.e. `relativeDir/trace.*`. */
  readonly files: readonly { readonly path: string; readonly content: string }[];
  /** The violation as exported (minimised unless asked not to). */
  readonly violation: Violation;
  /** Set when minimisation ran but could not finish its search (see MinimizeResult.note). */
  readonly note?: string;
}

export type ExportResult =
  | { readonly ok: true; readonly dir: string; readonly files: Record<keyof typeof TRACE_FILES, string>; readonly violation: Violation; readonly note?: string }
  | { readonly ok: false; readonly error: string };

/** Replaces characters that are unsafe in a file name. */
export function safeName(text: string): string {
  const s = text
    .replace(/[^A-Za-z0-9._=-]+/g, '_')
    .replace(/^[._]+|_+$/g, '');
  return s === '' ? '_' : s;
}

/**
 * The scenario and variant directory names: given, else from the source, else the model. A
 * kernel model's "scenario" folder names its profile too (`ext4-iomap_C1`, or the layout).
 */
export function cellNames(model: Model, meta: TraceMeta): { scenario: string; variant: string } {
  const src = meta.source;
  const kernelCell = src?.kind === 'kernel' ? `${src.profile ?? 'ext4-iomap'}_${src.scenario ?? `layout-${src.layout ?? ''}`}` : undefined;
  const scenario = meta.scenario ?? kernelCell ?? model.name;
  const params = formatParams(model.params ?? {});
  const variant = meta.variant ?? (src?.kind === 'kernel' ? src.variant : params === '' ? 'default' : params);
  return { scenario, variant };
}

/**
 * Renders the four files. `baseDir` is where they will be written (so the ITF records a module
 * path relative to its own directory); pass the same `dir` as to exportCounterexample.
 */
export function renderCounterexample(
  model: Model,
  violation: Violation,
  baseDir: string,
  meta: TraceMeta = {},
  options: ExportOptions = {},
): { ok: true; rendered: RenderedCounterexample } | { ok: false; error: string } {
  let v = violation;
  let m = meta;
  let note: string | undefined;
  if (options.minimize !== false) {
    const r = minimizeViolation(model, violation, {
      ...(meta.deadlockMode !== undefined ? { deadlock: meta.deadlockMode } : {}),
      ...(typeof options.minimize === 'object' ? options.minimize : {}),
    });
    if (!r.ok) return r;
    v = r.violation;
    note = r.note;
    m = { ...meta, minimized: { before: meta.minimized?.before ?? r.before, after: r.after } };
  }
  const { scenario, variant } = cellNames(model, m);
  const relativeDir = [scenario, variant, propertyDisplayName(model, v.property)].map(safeName).join('/');
  const itfDir = resolve(baseDir, relativeDir);
  const itf = toItf(model, v, { ...m, scenario, variant }, itfDir);
  const cellMeta: TraceMeta = { ...m, scenario, variant };
  const files = [
    { path: `${relativeDir}/${TRACE_FILES.itf}`, content: itfText(itf) },
    { path: `${relativeDir}/${TRACE_FILES.markdown}`, content: traceMarkdown(model, v, cellMeta, { itfFile: TRACE_FILES.itf }) },
    { path: `${relativeDir}/${TRACE_FILES.mermaid}`, content: traceMermaid(model, v) },
    { path: `${relativeDir}/${TRACE_FILES.html}`, content: traceHtml(model, v, itf, cellMeta, { itfFile: TRACE_FILES.itf }) },
  ];
  return { ok: true, rendered: { relativeDir, files, violation: v, ...(note !== undefined ? { note } : {}) } };
}

/**
 * Writes `trace.itf.json`, `trace.md`, `trace.mmd`, `trace.html` into
 * `<dir>/<scenario>/<variant>/<property>/` (created as needed).
 */
export async function exportCounterexample(
  model: Model,
  violation: Violation,
  dir: string,
  meta: TraceMeta = {},
  options: ExportOptions = {},
): Promise<ExportResult> {
  const r = renderCounterexample(model, violation, dir, meta, options);
  if (!r.ok) return r;
  const out = resolve(dir, r.rendered.relativeDir);
  // Atomic: an interruption or a full disk never leaves a half-written trace file.
  const w = writeFilesAtomically(resolve(dir), r.rendered.files);
  if (w.kind !== 'written') return { ok: false, error: `cannot write the trace files into ${out}: ${w.kind === 'failed' ? w.error : 'interrupted'}` };
  return {
    ok: true,
    dir: out,
    files: {
      itf: join(out, TRACE_FILES.itf),
      markdown: join(out, TRACE_FILES.markdown),
      mermaid: join(out, TRACE_FILES.mermaid),
      html: join(out, TRACE_FILES.html),
    },
    violation: r.rendered.violation,
    ...(r.rendered.note !== undefined ? { note: r.rendered.note } : {}),
  };
}
