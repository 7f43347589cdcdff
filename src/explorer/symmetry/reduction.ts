/**
 * Symmetry reduction at visited-set insertion, the one place it touches the search: a state
 * is stored (fingerprinted, or kept whole by --exact) as its canonical form, while the search
 * goes on from the concrete state it reached. So every state the search holds, and every
 * trace it reports, is a real execution from a real initial state: a counterexample replays
 * (`zrcheck replay`) and minimises as without symmetry, with no mapping back.
 *
 * Why that is sound: with a symmetric model, a state whose orbit was already stored has, up to
 * that permutation, the successors and the property verdicts of the stored one, so pruning it
 * loses no orbit and no violation; the first state of each orbit BFS meets is at its least
 * depth, so traces stay shortest.
 *
 * Also keeps the unreduced count: the sum of the orbit sizes of the states stored (BFS adds
 * them as it expands each state, batch.ts; DFS as it stores one, `CanonicalStore`).
 */
import { fingerprintAt } from '../fingerprint.ts';
import type { Model } from '../model.ts';
import type { VisitedStore } from '../visited.ts';
import { Canonicalizer } from './canonicalizer.ts';
import { planSymmetry } from './plan.ts';

export class SymmetryReduction {
  readonly canon: Canonicalizer;
  /** Where canonical forms are written (one state). */
  readonly scratch: Uint32Array;
  /** Sum of orbit sizes counted so far: the states a full search would store. */
  unreduced = 0;
  /**
   * Whether the initial states are closed under the permutations (verify.ts): only then is
   * `unreduced` the count of a search without reduction. Set by check() after its check.
   */
  initialClosed = true;

  constructor(model: Model) {
    this.canon = new Canonicalizer(planSymmetry(model.layout, model.symmetry), model.layout.words);
    this.scratch = new Uint32Array(model.layout.words);
  }

  /** The fingerprint of `state`'s canonical form into out[2k], out[2k+1] (see fingerprintAt). */
  fingerprintAt(state: Uint32Array, out: Uint32Array, k: number): void {
    this.canon.canonicalize(state, this.scratch);
    fingerprintAt(this.scratch, 0, this.scratch.length, out, k);
  }

  /** Adds the orbit size of `state` to the unreduced count. */
  countOrbit(state: Uint32Array): void {
    this.canon.canonicalize(state, this.scratch);
    this.unreduced += this.canon.orbitSize;
  }
}

/**
 * A visited store that holds canonical forms. BFS inserts successors into a fingerprint table
 * by the canonical fingerprints its batches computed (`fingerprints`), so they are not
 * canonicalised twice and keep the batched touch pass; everything else goes through `add`.
 */
export class CanonicalStore implements VisitedStore {
  constructor(
    readonly inner: VisitedStore,
    private readonly sym: SymmetryReduction,
    /** Count each stored state's orbit (DFS; BFS counts at expansion instead). */
    private readonly countOrbits: boolean,
  ) {}
  add(state: Uint32Array): boolean {
    this.sym.canon.canonicalize(state, this.sym.scratch);
    const added = this.inner.add(this.sym.scratch);
    if (added && this.countOrbits) this.sym.unreduced += this.sym.canon.orbitSize;
    return added;
  }
  get size(): number {
    return this.inner.size;
  }
  bytes(): number {
    return this.inner.bytes();
  }
}
