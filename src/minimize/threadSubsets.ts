/**
 * Fewest threads at a fixed (minimal) switch count k: which threads must move at all.
 *
 * Up to `exactUpTo` threads (default 6, at most 62 subsets) the subsets of the best trace's
 * threads are tried by increasing size, each with the switch search restricted to the subset
 * and capped at k switches; the first size with a solution is the minimum, and among that
 * size's solutions the fewest steps wins. Beyond that, threads are dropped greedily one at a
 * time (fewest-step threads first), which guarantees only that no single thread can go.
 * Searches on small subsets are cheap, since few threads reach few states.
 */
import type { Model } from '../explorer/model.ts';
import { threadsOf } from './metrics.ts';
import { searchFewestSwitches } from './switchSearch.ts';

export interface Interleaving {
  readonly initial: Uint32Array;
  readonly actions: readonly number[];
}

export interface ThreadMinimization {
  readonly best: Interleaving;
  /** 'exact': minimum thread count; 'greedy': no single thread removable; 'bounded': cut short. */
  readonly quality: 'exact' | 'greedy' | 'bounded';
  readonly nodes: number;
  readonly limit?: 'nodes' | 'time';
}

export interface SearchBudget {
  readonly maxNodes: number;
  readonly deadline: number;
  readonly abort?: () => boolean;
}

export function fewestThreads(
  model: Model,
  violated: (s: Uint32Array) => boolean,
  found: Interleaving,
  switches: number,
  budget: SearchBudget,
  exactUpTo = 6,
): ThreadMinimization {
  const threads = threadsOf(model, found.actions);
  if (threads.length <= 1) return { best: found, quality: 'exact', nodes: 0 };
  return threads.length <= exactUpTo
    ? bySubsets(model, violated, found, threads, switches, budget)
    : greedily(model, violated, found, switches, budget);
}

function bySubsets(
  model: Model,
  violated: (s: Uint32Array) => boolean,
  found: Interleaving,
  threads: readonly number[],
  switches: number,
  budget: SearchBudget,
): ThreadMinimization {
  let nodes = 0;
  for (let size = 1; size < threads.length; size++) {
    let best: Interleaving | undefined;
    for (const subset of subsetsOfSize(threads, size)) {
      const r = searchFewestSwitches(model, violated, { allowed: subset, maxSwitches: switches, ...budget });
      nodes += r.nodes;
      if (r.kind === 'limit') return { best: best ?? found, quality: 'bounded', nodes, limit: r.reason };
      if (r.kind === 'found' && (best === undefined || r.actions.length < best.actions.length)) {
        best = { initial: r.initial, actions: r.actions };
      }
    }
    if (best !== undefined) return { best, quality: 'exact', nodes };
  }
  return { best: found, quality: 'exact', nodes };
}

function greedily(
  model: Model,
  violated: (s: Uint32Array) => boolean,
  found: Interleaving,
  switches: number,
  budget: SearchBudget,
): ThreadMinimization {
  let best = found;
  let nodes = 0;
  let threads = threadsOf(model, best.actions);
  const stepsOf = (t: number) => best.actions.filter((a) => model.actions[a]!.thread === t).length;
  const order = [...threads].sort((a, b) => stepsOf(a) - stepsOf(b));
  for (const t of order) {
    if (!threads.includes(t) || threads.length <= 1) continue;
    const r = searchFewestSwitches(model, violated, { allowed: threads.filter((x) => x !== t), maxSwitches: switches, ...budget });
    nodes += r.nodes;
    if (r.kind === 'limit') return { best, quality: 'bounded', nodes, limit: r.reason };
    if (r.kind === 'found') {
      best = { initial: r.initial, actions: r.actions };
      threads = threadsOf(model, best.actions);
    }
  }
  return { best, quality: 'greedy', nodes };
}

/** Subsets of `items` with exactly `size` elements, in lexicographic order of positions. */
export function subsetsOfSize<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  const pick = (start: number, acc: T[]) => {
    if (acc.length === size) {
      out.push(acc.slice());
      return;
    }
    for (let i = start; i <= items.length - (size - acc.length); i++) {
      acc.push(items[i]!);
      pick(i + 1, acc);
      acc.pop();
    }
  };
  pick(0, []);
  return out;
}
