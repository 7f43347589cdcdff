/**
 * The verdict matrix, end to end but without touching the file system: load the catalogue,
 * plan the cells, run them as jobs (on this machine's worker processes, or through the Redis
 * queue with `queue`: src/jobs/run.ts), assemble in plan order, and render every file the results
 * folder gets (matrix.md, matrix.json, claims.md, and per violated cell a trace.md with its
 * wait-for cycle and a trace.itf.json for replay) plus the timings kept apart. The `zrcheck matrix` command writes them (atomically).
 */
import { stableJson, assembleMatrix } from './assemble.ts';
import type { MatrixData } from './matrixData.ts';
import { loadCatalog, KERNEL_CATALOG_URL } from './catalog.ts';
import { renderMatrixMarkdown } from './markdown.ts';
import { planMatrix } from './plan.ts';
import { runJobs, type QueueStatus } from '../jobs/run.ts';
import { toModelRef } from '../jobs/modelRef.ts';
import type { CellJob, CellOutcome, CellResult } from './types.ts';
import { renderClaims } from './claims.ts';
import type { FileToWrite } from '../report/atomicWrite.ts';

export interface MatrixRequest {
  readonly profiles: readonly string[];
  readonly variants: readonly string[];
  readonly scenarios: readonly string[];
  readonly jobs: number;
  readonly catalogUrl?: string;
  /** Run the non-default assumption settings too (default true). */
  readonly assumptions?: boolean;
  /** Run each profile's counterfactual versions too, labelled (default true for the full matrix). */
  readonly counterfactual?: boolean;
  /** Per-cell cap on states; a cell that hits it is reported incomplete (default 3 000 000). */
  readonly maxStates?: number;
  /** Check every cell with partial-order reduction (`--por`). */
  readonly por?: boolean;
  /** Write claims.md (default: only for the kernel catalogue). */
  readonly claims?: boolean;
  readonly onProgress?: (done: number, total: number, last: CellResult) => void;
  /** Registers a stop request (Ctrl-C). */
  readonly onStop?: (stop: () => void) => () => void;
  /** Run the cells as jobs of the Redis queue at this address (`--queue`), keeping stored results with `resume`. */
  readonly queue?: { readonly url: string; readonly resume: boolean; readonly onStatus?: (s: QueueStatus) => void };
}

export type MatrixOutcome =
  | {
      readonly kind: 'done';
      readonly data: MatrixData;
      /** Reproducible files, relative to the results folder. */
      readonly files: readonly FileToWrite[];
      /** timings.json content (not reproducible, kept apart). */
      readonly timings: string;
    }
  /** A bad variant or scenario name (usage error), or a catalogue that cannot be loaded. */
  | { readonly kind: 'usage'; readonly error: string }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'interrupted'; readonly completed: number; readonly total: number };

export async function runMatrix(req: MatrixRequest): Promise<MatrixOutcome> {
  const catalogUrl = req.catalogUrl ?? KERNEL_CATALOG_URL;
  const loaded = await loadCatalog(catalogUrl);
  if (!loaded.ok) return { kind: 'failed', error: loaded.error };
  const catalog = loaded.catalog;
  const plan = planMatrix(catalog, {
    profiles: req.profiles,
    variants: req.variants,
    counterfactual: req.counterfactual ?? true,
    scenarios: req.scenarios,
    assumptions: req.assumptions ?? true,
    maxStates: req.maxStates ?? 3_000_000,
    ...(req.por === true ? { por: true } : {}),
    catalogUrl,
  });
  if (!plan.ok) return { kind: 'usage', error: plan.error };
  const t0 = performance.now();
  const asResult = (job: CellJob, outcome: CellOutcome, ms: number): CellResult => ({
    profile: job.profile,
    scenario: job.scenario,
    variant: job.variant,
    assumptions: job.assumptions,
    ...(job.counterfactual === true ? { counterfactual: true } : {}),
    outcome,
    ms,
  });
  // Payloads name the catalogue by model ref, the same on every machine (and in every job id).
  const model = toModelRef(catalogUrl);
  const pool = await runJobs<CellJob, CellOutcome>(
    plan.jobs.map((job) => ({ kind: 'matrix-cell' as const, payload: { ...job, catalogUrl: model } })),
    {
      workers: req.jobs,
      noun: 'cell',
      ...(req.onProgress !== undefined ? { onResult: (r, done, total) => req.onProgress!(done, total, asResult(plan.jobs[r.index]!, r.result, r.ms)) } : {}),
      ...(req.onStop !== undefined ? { onStop: req.onStop } : {}),
      ...(req.queue !== undefined ? { queue: { ...req.queue, model } } : {}),
    },
  );
  if (pool.kind === 'interrupted') return { kind: 'interrupted', completed: pool.completed, total: plan.jobs.length };
  if (pool.kind === 'failed') return { kind: 'failed', error: pool.error };
  // Plan order, whatever order the jobs finished in: the files never depend on scheduling.
  const results = [...pool.results].sort((a, b) => a.index - b.index).map((r) => asResult(plan.jobs[r.index]!, r.result, r.ms));
  const totalMs = performance.now() - t0;
  const data = assembleMatrix(catalog, results);
  const files: FileToWrite[] = [
    { path: 'matrix.md', content: renderMatrixMarkdown(data) },
    { path: 'matrix.json', content: stableJson(data) },
  ];
  if (req.claims ?? catalogUrl === KERNEL_CATALOG_URL) files.push({ path: 'claims.md', content: renderClaims(data) });
  // Trace files of kept rows only (trace.md and its trace.itf.json sibling): a dropped
  // assumption row repeats its default row and would only add noise.
  const wanted = new Set(data.traceFiles.map(traceDir));
  const seen = new Set<string>();
  for (const r of results) {
    if (r.outcome.kind !== 'checked') continue;
    for (const f of r.outcome.files) {
      if (wanted.has(traceDir(f.path)) && !seen.has(f.path)) {
        seen.add(f.path);
        files.push(f);
      }
    }
  }
  const timings = stableJson({
    jobs: req.jobs,
    totalMs: Math.round(totalMs),
    cells: [...results]
      .map((r) => ({ cell: `${r.profile}/${r.scenario}/${r.variant}${Object.entries(r.assumptions).map(([k, v]) => `+${k}=${v}`).join('')}`, ms: Math.round(r.ms), states: r.outcome.kind === 'checked' ? r.outcome.states : 0 }))
      .sort((a, b) => (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0)),
  });
  return { kind: 'done', data, files, timings };
}

/** The folder of a trace file (`ext4-iomap/C1/V1c/D2/trace.md` -> `ext4-iomap/C1/V1c/D2`). */
export function traceDir(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/** Every file a previous run wrote for its traces, from its matrix.json `traceFiles`. */
export function previousTraceFiles(traceFiles: readonly string[]): string[] {
  return traceFiles.flatMap((p) => [p, `${traceDir(p)}/trace.itf.json`]);
}
