/**
 * Fewest context switches, then fewest steps: a Dijkstra search over the product of model
 * states and "thread that ran last", with lexicographic cost (switches, steps).
 *
 * A step by the same thread as the previous one costs (0, 1); a step by another thread costs
 * (1, 1); the first step of a trace costs (0, 1). Costs are small integers, so the priority
 * queue is a grid of buckets [switches][steps] processed in order: all of level k before
 * level k + 1, and inside a level by steps. The first settled node that violates the target is
 * optimal. Only threads in `allowed` may move (the minimiser uses this to drop threads), and
 * the search is bounded: switches above `maxSwitches` are never explored, and it gives up
 * after `maxNodes` nodes or at `deadline`, saying so (never pretending to be exhaustive).
 */
import type { Model } from '../explorer/model.ts';
import { NodeStore } from './nodeStore.ts';

export interface SwitchSearchOptions {
  /** Threads that may move; the others stay at their initial positions. */
  readonly allowed: readonly number[];
  /** No trace with more switches is explored. */
  readonly maxSwitches: number;
  /**
   * A known solution (e.g. the input trace): at its switch level, nodes with more steps are
   * pruned because they cannot beat it.
   */
  readonly known?: { readonly switches: number; readonly steps: number };
  readonly maxNodes: number;
  /** `performance.now()` value after which the search gives up. */
  readonly deadline: number;
  /** Polled with the deadline: an interruption (Ctrl-C) gives up like a deadline. */
  readonly abort?: () => boolean;
}

export type SwitchSearchResult =
  | {
      readonly kind: 'found';
      readonly initial: Uint32Array;
      readonly actions: number[];
      readonly switches: number;
      readonly nodes: number;
    }
  /** Exhaustive within `maxSwitches` (and `known`): no violation reachable that way. */
  | { readonly kind: 'none'; readonly nodes: number }
  | { readonly kind: 'limit'; readonly reason: 'nodes' | 'time'; readonly nodes: number };

export function searchFewestSwitches(
  model: Model,
  violated: (state: Uint32Array) => boolean,
  opts: SwitchSearchOptions,
): SwitchSearchResult {
  const words = model.layout.words;
  const store = new NodeStore(words);
  const allowed = new Uint8Array(model.threads.length);
  for (const t of opts.allowed) allowed[t] = 1;
  const threadOf = Int32Array.from(model.actions, (a) => a.thread);
  const ids = new Int32Array(Math.max(1, model.actions.length));
  const cur = new Uint32Array(words);
  const nxt = new Uint32Array(words);
  // buckets[k][s]: node ids pushed with cost (k, s); stale entries are skipped at pop.
  const buckets: (number[] | undefined)[][] = [];
  const push = (id: number, k: number, s: number) => {
    const level = (buckets[k] ??= []);
    (level[s] ??= []).push(id);
  };
  const knownK = opts.known?.switches ?? Number.POSITIVE_INFINITY;
  const knownS = opts.known?.steps ?? Number.POSITIVE_INFINITY;

  for (const init of model.initialStates()) {
    if (store.find(init, -1) >= 0) continue;
    const id = store.add(init, -1);
    store.parent[id] = -1;
    store.action[id] = -1;
    store.switches[id] = 0;
    store.steps[id] = 0;
    push(id, 0, 0);
  }

  let settledCount = 0;
  for (let k = 0; k <= opts.maxSwitches; k++) {
    const level = buckets[k];
    if (level === undefined) continue;
    for (let s = 0; s < level.length; s++) {
      const list = level[s];
      if (list === undefined) continue;
      for (let i = 0; i < list.length; i++) {
        const id = list[i]!;
        if (store.settled[id] === 1 || store.switches[id] !== k || store.steps[id] !== s) continue;
        store.settled[id] = 1;
        if ((++settledCount & 0xfff) === 0 && (performance.now() > opts.deadline || opts.abort?.() === true)) {
          return { kind: 'limit', reason: 'time', nodes: store.size };
        }
        store.copyState(id, cur);
        if (violated(cur)) return found(store, id, k);
        const last = store.last[id]!;
        const n = model.enabled(cur, ids);
        for (let j = 0; j < n; j++) {
          const a = ids[j]!;
          const t = threadOf[a]!;
          if (allowed[t] === 0) continue;
          const nk = last === -1 || t === last ? k : k + 1;
          const ns = s + 1;
          if (nk > opts.maxSwitches || (nk === knownK && ns > knownS) || nk > knownK) continue;
          model.next(cur, a, nxt);
          let id2 = store.find(nxt, t);
          if (id2 < 0) {
            if (store.size >= opts.maxNodes) return { kind: 'limit', reason: 'nodes', nodes: store.size };
            id2 = store.add(nxt, t);
          } else if (store.settled[id2] === 1 || store.switches[id2]! < nk || (store.switches[id2] === nk && store.steps[id2]! <= ns)) {
            continue;
          }
          store.switches[id2] = nk;
          store.steps[id2] = ns;
          store.parent[id2] = id;
          store.action[id2] = a;
          push(id2, nk, ns);
        }
      }
      level[s] = undefined; // processed: free the bucket
    }
  }
  return { kind: 'none', nodes: store.size };
}

function found(store: NodeStore, id: number, switches: number): SwitchSearchResult {
  const actions: number[] = [];
  let cur = id;
  while (store.parent[cur]! >= 0) {
    actions.push(store.action[cur]!);
    cur = store.parent[cur]!;
  }
  actions.reverse();
  return { kind: 'found', initial: store.state(cur).slice(), actions, switches, nodes: store.size };
}
