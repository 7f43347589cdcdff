/**
 * A model over an explicit random graph, for testing the explorer against a simple
 * reference: node ids live in one field, action k follows the k-th out-edge of a node.
 */
import { defineLayout, range } from '../../src/explorer/layout.ts';
import type { Model } from '../../src/explorer/model.ts';

export interface Graph {
  readonly nodes: number;
  /** adjacency: edges[n] = successors of n (may repeat, may include n). */
  readonly edges: readonly (readonly number[])[];
  readonly initial: readonly number[];
  /** Nodes where invariant `good` fails. */
  readonly bad: readonly number[];
  /** Nodes with no edges that are valid ends (others are deadlocks). */
  readonly ends: readonly number[];
}

export function graphModel(g: Graph): Model {
  const maxOut = Math.max(1, ...g.edges.map((e) => e.length));
  const L = defineLayout({ node: range(0, Math.max(1, g.nodes - 1)) });
  const node = L.fields.node;
  const bad = new Set(g.bad);
  const ends = new Set(g.ends);
  return {
    name: 'graph',
    layout: L,
    threads: [{ name: 't' }],
    actions: Array.from({ length: maxOut }, (_, k) => ({ name: `edge${k}`, thread: 0 })),
    initialStates: () =>
      g.initial.map((n) => {
        const s = L.blank();
        node.set(s, n);
        return s;
      }),
    enabled(s, out) {
      const e = g.edges[node.get(s)]!;
      for (let k = 0; k < e.length; k++) out[k] = k;
      return e.length;
    },
    next(s, a, out) {
      out[0] = s[0]!;
      node.set(out, g.edges[node.get(s)]![a]!);
    },
    invariants: [{ name: 'good', holds: (s) => !bad.has(node.get(s)) }],
    isValidEnd: (s) => ends.has(node.get(s)),
  };
}

/** Reference: BFS distances from the initial nodes (undefined = unreachable). */
export function distances(g: Graph): Map<number, number> {
  const d = new Map<number, number>();
  const q: number[] = [];
  for (const n of g.initial) if (!d.has(n)) { d.set(n, 0); q.push(n); }
  while (q.length) {
    const n = q.shift()!;
    for (const m of g.edges[n]!) if (!d.has(m)) { d.set(m, d.get(n)! + 1); q.push(m); }
  }
  return d;
}
