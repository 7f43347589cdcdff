/**
 * Explorer options: one object, defaults resolved in one place (`resolveOptions`), so the
 * CLI, the matrix and the tests all mean the same thing by "a default run".
 */
import type { DeadlockMode } from './model.ts';
import type { Progress, SearchKind, StoreKind } from './outcome.ts';

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
}

export type ResolvedOptions = Required<Omit<CheckOptions, 'onProgress' | 'shouldAbort' | 'deadlock' | 'onFirstState'>> & {
  onProgress: ((p: Progress) => void) | undefined;
  shouldAbort: (() => boolean) | undefined;
  deadlock: DeadlockMode | undefined;
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
  };
}
