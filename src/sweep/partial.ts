/**
 * What a batch of the layout sweep found, as plain data that crosses process boundaries and
 * merges: per property how many layouts checked, decided, violated it and its smallest witness;
 * per mechanism how many layouts show it and its smallest witness. Merging is associative and
 * commutative (counts add, witnesses take the smaller, order by first layout index), so the
 * result does not depend on the order in which batches finish.
 */
import type { GeneratedLayout } from '../model/index.ts';

export interface Witness {
  readonly layout: GeneratedLayout;
  readonly traceLength: number;
  /** The property whose trace it is (for mechanisms: the mechanism property, e.g. `D2:C6-batch-folio`). */
  readonly property: string;
}

export interface Tally {
  violated: number;
  held: number;
  undecided: number;
  /** Layouts whose model checks the property. */
  checking: number;
  /** Index of the first layout that reported it (keeps the report order deterministic). */
  firstSeen: number;
}

export interface SweepPartial {
  readonly checked: number;
  readonly incomplete: number;
  readonly aborted: boolean;
  readonly totalStates: number;
  readonly tallies: Readonly<Record<string, Tally>>;
  readonly smallest: Readonly<Record<string, Witness>>;
  readonly mechanisms: Readonly<Record<string, { properties: readonly string[]; layouts: number; smallest: Witness }>>;
  /** Properties by first layout index. */
  readonly order: readonly string[];
  /** A layout failed to build or check: the whole sweep reports it. */
  readonly error?: string;
}

export function emptyPartial(): SweepPartial {
  return { checked: 0, incomplete: 0, aborted: false, totalStates: 0, tallies: {}, smallest: {}, mechanisms: {}, order: [] };
}

/** A mechanism's witness shows its deadlock first, then its wait under a handle, then anything else. */
function rank(w: Witness): number {
  return w.property.startsWith('D2:') ? 0 : w.property.startsWith('D1:') ? 1 : 2;
}

/** The deterministic order of witnesses: rank, fewest blocks, shortest trace, layout id, property. */
export function smaller(a: Witness, b: Witness): boolean {
  if (rank(a) !== rank(b)) return rank(a) < rank(b);
  if (a.layout.blocks !== b.layout.blocks) return a.layout.blocks < b.layout.blocks;
  if (a.traceLength !== b.traceLength) return a.traceLength < b.traceLength;
  if (a.layout.id !== b.layout.id) return a.layout.id < b.layout.id;
  return a.property < b.property;
}

const pick = (a: Witness | undefined, b: Witness | undefined): Witness | undefined => (a === undefined ? b : b === undefined ? a : smaller(b, a) ? b : a);

export function mergePartial(a: SweepPartial, b: SweepPartial): SweepPartial {
  const tallies: Record<string, Tally> = {};
  for (const src of [a.tallies, b.tallies]) {
    for (const [p, t] of Object.entries(src)) {
      const cur = tallies[p];
      tallies[p] = cur === undefined ? { ...t } : { violated: cur.violated + t.violated, held: cur.held + t.held, undecided: cur.undecided + t.undecided, checking: cur.checking + t.checking, firstSeen: Math.min(cur.firstSeen, t.firstSeen) };
    }
  }
  const smallest: Record<string, Witness> = {};
  for (const p of new Set([...Object.keys(a.smallest), ...Object.keys(b.smallest)])) smallest[p] = pick(a.smallest[p], b.smallest[p])!;
  const mechanisms: Record<string, { properties: readonly string[]; layouts: number; smallest: Witness }> = {};
  for (const m of new Set([...Object.keys(a.mechanisms), ...Object.keys(b.mechanisms)])) {
    const x = a.mechanisms[m];
    const y = b.mechanisms[m];
    mechanisms[m] = {
      properties: [...new Set([...(x?.properties ?? []), ...(y?.properties ?? [])])].sort(),
      layouts: (x?.layouts ?? 0) + (y?.layouts ?? 0),
      smallest: pick(x?.smallest, y?.smallest)!,
    };
  }
  const order = Object.keys(tallies).sort((p, q) => tallies[p]!.firstSeen - tallies[q]!.firstSeen || (p < q ? -1 : p > q ? 1 : 0));
  const error = a.error ?? b.error;
  return {
    checked: a.checked + b.checked,
    incomplete: a.incomplete + b.incomplete,
    aborted: a.aborted || b.aborted,
    totalStates: a.totalStates + b.totalStates,
    tallies,
    smallest,
    mechanisms,
    order,
    ...(error !== undefined ? { error } : {}),
  };
}
