/**
 * A cheap upper bound on context switches: replay the trace's per-thread step sequences,
 * letting the running thread keep going while its next step is enabled, and switching only
 * when it is blocked or done (to the thread whose next step came earliest in the original
 * trace). If the result still violates the property, it often has far fewer switches.
 *
 * Why: the exact switch search must exhaust every level below the optimum; a good bound caps
 * the levels it explores, and when the search gives up on a big model this is what is left.
 * It is a heuristic: it may fail (returns undefined) and it proves nothing.
 */
import type { Model } from '../explorer/model.ts';

export function coalesceRuns(
  model: Model,
  initial: Uint32Array,
  actions: readonly number[],
  violated: (s: Uint32Array) => boolean,
): number[] | undefined {
  if (actions.length === 0) return undefined;
  const threads = model.threads.length;
  // Per thread: positions of its steps in the original trace, consumed front to back.
  const queues: number[][] = Array.from({ length: threads }, () => []);
  actions.forEach((a, i) => queues[model.actions[a]!.thread]!.push(i));
  const head = new Int32Array(threads);
  const ids = new Int32Array(Math.max(1, model.actions.length));
  let cur = initial.slice();
  let nxt = new Uint32Array(cur.length);
  const out: number[] = [];
  let last = model.actions[actions[0]!]!.thread;
  const nextOf = (t: number) => {
    const q = queues[t]!;
    return head[t]! < q.length ? actions[q[head[t]!]!]! : -1;
  };
  const enabledNow = (a: number) => {
    const n = model.enabled(cur, ids);
    for (let j = 0; j < n; j++) if (ids[j] === a) return true;
    return false;
  };
  while (out.length < actions.length) {
    if (violated(cur)) return out;
    let pick = -1;
    const mine = nextOf(last);
    if (mine >= 0 && enabledNow(mine)) pick = last;
    else {
      let earliest = Number.POSITIVE_INFINITY;
      for (let t = 0; t < threads; t++) {
        const a = nextOf(t);
        if (a < 0 || !enabledNow(a)) continue;
        const pos = queues[t]![head[t]!]!;
        if (pos < earliest) {
          earliest = pos;
          pick = t;
        }
      }
    }
    if (pick < 0) return undefined;
    const a = nextOf(pick);
    head[pick]!++;
    model.next(cur, a, nxt);
    const tmp = cur;
    cur = nxt;
    nxt = tmp;
    out.push(a);
    last = pick;
  }
  return violated(cur) ? out : undefined;
}
