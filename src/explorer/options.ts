/**
 * Explorer options: one object, defaults resolved in one place (`resolveOptions`), so the
 * CLI, the matrix and the tests all mean the same thing by "a default run".
 */
import type { DeadlockMode } from './model.ts';
import type { Progress, SearchKind, StoreKind } from './outcome.ts';

/** A bitstate search (store 'bitstate', DFS): src/explorer/bitstate.ts. */
export interface BitstateOptions {
  /** The table has 2^log2Bits bits (`--bitstate BITS`, 8..32). */
  readonly log2Bits: number;
  /** Hash functions, bits set per state (default 3, SPIN's default). */
  readonly hashes?: number;
  /** Seeds the hash functions: another seed, another set of collisions (swarm). */
  readonly seed?: number;
  /** Seeds the order in which each state's actions are tried (0: the model's order). */
  readonly orderSeed?: number;
  /** States at this depth are not expanded (a swarm member's bound); unlike maxDepth, the search goes on. */
  readonly depthBound?: number;
  /** Keep a HyperLogLog sketch of the stored states (stats.bitstate.sketch), for a swarm's union. */
  readonly sketch?: boolean;
}

export interface CheckOptions {
  /** 'bfs' (default: shortest counterexamples) or 'dfs'. */
  search?: SearchKind;
  /** 'fingerprint' (default, 64-bit), 'exact' (whole states), 'bounded' (DFS state caching). */
  store?: StoreKind;
  /** Bounded mode: how many states the cache keeps (default 1<<20). */
  cacheCapacity?: number;
  /** Stop at the first violation (default) or go on to find one trace per property. */
  stopAtFirst?: boolean;
  /** Overrides the model's deadlock semantics. */
  deadlock?: DeadlockMode;
  maxStates?: number;
  maxDepth?: number;
  timeLimitMs?: number;
  /** Cap on visited-set plus parent-log bytes. */
  memoryLimitMb?: number;
  /** Called every `progressIntervalMs` (default 2000) on long runs. */
  onProgress?: (p: Progress) => void;
  progressIntervalMs?: number;
  /** Polled with progress; returning true stops the run as incomplete ('aborted'). */
  shouldAbort?: () => boolean;
  /** Called once, when the search is about to store its first state (start-up measurements). */
  onFirstState?: () => void;
  /** With store 'bitstate': the table and the diversification of the search. */
  bitstate?: BitstateOptions;
  /**
   * Symmetry reduction over the model's declared symmetric index sets (Model.symmetry): one
   * state stored per orbit (src/explorer/symmetry/). Not with store 'bitstate'.
   */
  symmetry?: boolean;
  /**
   * Partial-order reduction from the actions' declared footprints (src/explorer/por): BFS or
   * DFS with a full store (fingerprint or exact), one thread. Default false.
   */
  por?: boolean;
  /**
   * Trace every field access during a full (unreduced) search and fail with ZR_MODEL_FOOTPRINT
   * on the first one outside the declared footprints (src/explorer/por/verifyFootprints.ts).
   */
  verifyFootprints?: boolean;
}

export type ResolvedOptions = Required<Omit<CheckOptions, 'onProgress' | 'shouldAbort' | 'deadlock' | 'onFirstState' | 'bitstate' | 'symmetry' | 'verifyFootprints'>> & {
  onProgress: ((p: Progress) => void) | undefined;
  shouldAbort: (() => boolean) | undefined;
  deadlock: DeadlockMode | undefined;
  symmetry: boolean;
};

export function resolveOptions(o: CheckOptions = {}): ResolvedOptions {
  return {
    search: o.search ?? 'bfs',
    store: o.store ?? 'fingerprint',
    cacheCapacity: o.cacheCapacity ?? 1 << 20,
    stopAtFirst: o.stopAtFirst ?? true,
    deadlock: o.deadlock,
    maxStates: o.maxStates ?? Number.POSITIVE_INFINITY,
    maxDepth: o.maxDepth ?? Number.POSITIVE_INFINITY,
    timeLimitMs: o.timeLimitMs ?? Number.POSITIVE_INFINITY,
    memoryLimitMb: o.memoryLimitMb ?? Number.POSITIVE_INFINITY,
    onProgress: o.onProgress,
    progressIntervalMs: o.progressIntervalMs ?? 2000,
    shouldAbort: o.shouldAbort,
    symmetry: o.symmetry ?? false,
    por: o.por ?? false,
  };
}
