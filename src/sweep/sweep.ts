/**
 * Layout sweep: checks one profile and version on every generated layout (every reachable
 * start of at most N blocks, src/model/setup/reachable.ts, with every caller that applies to
 * it and every flusher mode) and says, per property and per mechanism, whether it holds on
 * every layout, on how many it is violated (with the smallest witness), and on how many it was
 * not decided. This answers "does any layout of at most N blocks deadlock, and how?" without
 * the user enumerating layouts by hand.
 *
 * The layouts are checked in batches (src/sweep/batch.ts): in this process, or as jobs on
 * worker processes (src/jobs) when there are many, or as jobs of the Redis queue (`queue`,
 * any size, batches of QUEUE_BATCH layouts so job ids do not depend on this machine's cores);
 * the batches' partial results merge into one, in any order (the merge is associative and
 * commutative). Layout order is deterministic, so a batch is just an index range.
 *
 * Soundness: a property "holds on every layout" only when every layout whose model checks it
 * decided it; a layout stopped by the state limit, an interruption, a batch never run, or a
 * sweep cut short leaves it incomplete.
 */
import { runJobs, type QueueStatus } from '../jobs/run.ts';
import { sweepBatch, sweepLayoutsFor, type BatchJob, type SweepPartial } from './batch.ts';
import { emptyPartial, mergePartial, type Witness } from './partial.ts';
import type { CallerKind, FlusherMode, GeneratedLayout } from '../model/index.ts';

export type { Witness } from './partial.ts';
export { sweepLayoutsFor } from './batch.ts';

export type PropertyStatus = 'holds' | 'violated' | 'incomplete';

export interface SweepRequest {
  readonly profile: string;
  readonly variant: string;
  readonly assumptions: Readonly<Record<string, string>>;
  readonly counterfactual?: boolean;
  readonly maxBlocks: number;
  /** Only these callers / flusher modes (default: all). */
  readonly callers?: readonly CallerKind[];
  readonly flushers?: readonly FlusherMode[];
  /** Add the updates barrier (EXT4_IOC_CHECKPOINT) to every layout. */
  readonly barrier?: boolean;
  /** Let the fill helper's kmalloc fail where the version allocates (default true). */
  readonly kmalloc?: boolean;
  readonly unalignedStarts?: boolean;
  /** Per-layout state limit; a layout that hits it leaves its undecided properties incomplete. */
  readonly maxStatesPerLayout?: number;
  /** Report only these properties (names as `--property` takes them); empty: all. */
  readonly properties?: readonly string[];
  /** Partial-order reduction on every layout (`--por`): same verdicts, fewer states. */
  readonly por?: boolean;
  /** Worker processes (default 1: in this process). Small sweeps always run in this process. */
  readonly jobs?: number;
  /** Fewest layouts worth forking workers for (default 2,000). */
  readonly parallelFrom?: number;
  readonly onProgress?: (done: number, total: number, states: number) => void;
  /** Polled between layouts and inside each check: true stops the sweep (incomplete). */
  readonly shouldAbort?: () => boolean;
  /** Registers a stop request for worker processes (Ctrl-C); returns an unregister function. */
  readonly onStop?: (stop: () => void) => () => void;
  /** Run the batches as jobs of the Redis queue at this address (`--queue`). */
  readonly queue?: { readonly url: string; readonly resume: boolean; readonly onStatus?: (s: QueueStatus) => void };
}

export interface PropertySweep {
  readonly property: string;
  /** holds: decided on every layout that checks it; violated: on at least one; incomplete: otherwise. */
  readonly status: PropertyStatus;
  readonly violatingLayouts: number;
  /** Layouts whose model checks this property (D5 only where a caller extends the file). */
  readonly checkingLayouts: number;
  /** Layouts checked that did not decide this property (limit, interruption). */
  readonly undecidedLayouts: number;
  /** Fewest blocks, then shortest trace, then layout id: a deterministic smallest witness. */
  readonly smallest?: Witness;
}

/** A mechanism found on some layout: how many layouts, through which properties, and the smallest witness. */
export interface MechanismSweep {
  readonly mechanism: string;
  readonly properties: readonly string[];
  readonly layouts: number;
  readonly smallest: Witness;
}

export type SweepResult =
  | { readonly ok: false; readonly error: string }
  | {
      readonly ok: true;
      readonly layouts: number;
      readonly checked: number;
      /** Layouts whose check stopped at a limit or an interruption. */
      readonly incomplete: number;
      /** The sweep was interrupted: `layouts - checked` layouts were never checked. */
      readonly aborted: boolean;
      readonly totalStates: number;
      readonly counterfactual: readonly string[];
      /** Worker processes used (1: this process; 0: the queue's workers). */
      readonly workers: number;
      readonly properties: readonly PropertySweep[];
      readonly mechanisms: readonly MechanismSweep[];
    };

/** Below this many layouts the sweep stays in this process: forking workers costs more. */
const PARALLEL_FROM = 2_000;
/** Layouts per job on the queue: a few seconds of work, so the queue's round trip (about a millisecond) does not show. */
export const QUEUE_BATCH = 500;

export function batchJobOf(req: SweepRequest, from: number, to: number): BatchJob {
  return {
    profile: req.profile,
    variant: req.variant,
    assumptions: { ...req.assumptions },
    ...(req.counterfactual === true ? { counterfactual: true } : {}),
    maxBlocks: req.maxBlocks,
    ...(req.callers !== undefined ? { callers: [...req.callers] } : {}),
    ...(req.flushers !== undefined ? { flushers: [...req.flushers] } : {}),
    ...(req.barrier === true ? { barrier: true } : {}),
    ...(req.kmalloc === false ? { kmalloc: false } : {}),
    ...(req.unalignedStarts === true ? { unalignedStarts: true } : {}),
    ...(req.maxStatesPerLayout !== undefined ? { maxStatesPerLayout: req.maxStatesPerLayout } : {}),
    properties: [...(req.properties ?? [])],
    ...(req.por === true ? { por: true } : {}),
    from,
    to,
  };
}

export async function sweepLayouts(req: SweepRequest): Promise<SweepResult> {
  const gen = sweepLayoutsFor(req);
  if (!gen.ok) return gen;
  const total = gen.layouts.length;
  const workers = Math.max(1, Math.min(req.jobs ?? 1, Math.ceil(total / 100)));
  const inProcess = req.queue === undefined && (workers === 1 || total < (req.parallelFrom ?? PARALLEL_FROM));
  let merged: SweepPartial;
  if (inProcess) {
    merged = sweepBatch(batchJobOf(req, 0, total), {
      layouts: gen.layouts,
      ...(req.shouldAbort !== undefined ? { shouldAbort: req.shouldAbort } : {}),
      ...(req.onProgress !== undefined ? { onProgress: req.onProgress } : {}),
    });
  } else {
    // Batches small enough for a steady progress line and an even load; large enough that the
    // per-job overhead (a message, a cached layout list) does not show.
    const size = req.queue !== undefined ? QUEUE_BATCH : Math.max(20, Math.min(2_000, Math.ceil(total / (workers * 16))));
    const jobs = [];
    for (let from = 0; from < total; from += size) jobs.push({ kind: 'layout-batch' as const, payload: batchJobOf(req, from, Math.min(total, from + size)) });
    merged = emptyPartial();
    let done = 0;
    const pool = await runJobs<BatchJob, SweepPartial>(jobs, {
      workers,
      noun: 'layout batch',
      ...(req.queue !== undefined ? { queue: { ...req.queue, model: 'src/kernel/build.ts' } } : {}),
      onResult: (r) => {
        merged = mergePartial(merged, r.result);
        done += r.result.checked;
        req.onProgress?.(done, total, merged.totalStates);
      },
      ...(req.onStop !== undefined ? { onStop: req.onStop } : {}),
    });
    if (pool.kind === 'failed') return { ok: false, error: pool.error };
    if (pool.kind === 'interrupted') merged = { ...merged, aborted: true };
  }
  // A queued sweep says "workers: 0": its processes are the queue's, not this machine's.
  if (merged.error !== undefined) return { ok: false, error: merged.error };
  return finishSweep(merged, total, gen.counterfactual, req.queue !== undefined ? 0 : inProcess ? 1 : workers);
}

/** The verdicts over the whole sweep from the merged batches. */
export function finishSweep(p: SweepPartial, total: number, counterfactual: readonly string[], workers: number): SweepResult & { ok: true } {
  const neverChecked = total - p.checked;
  return {
    ok: true,
    layouts: total,
    checked: p.checked,
    incomplete: p.incomplete,
    aborted: p.aborted,
    totalStates: p.totalStates,
    counterfactual,
    workers,
    properties: p.order.map((property) => {
        const t = p.tallies[property]!;
        // Planned: the layouts whose model checks it, plus every layout never checked.
        const planned = t.checking + neverChecked;
        const status: PropertyStatus = t.violated > 0 ? 'violated' : t.held === planned ? 'holds' : 'incomplete';
        const s = p.smallest[property];
        return {
          property,
          status,
          violatingLayouts: t.violated,
          checkingLayouts: t.checking,
          undecidedLayouts: t.undecided,
          ...(s !== undefined ? { smallest: s } : {}),
        };
    }),
    mechanisms: Object.keys(p.mechanisms)
      .sort()
      .map((mechanism) => {
        const m = p.mechanisms[mechanism]!;
        return { mechanism, properties: [...m.properties].sort(), layouts: m.layouts, smallest: m.smallest };
      }),
  };
}

export type { GeneratedLayout };
