/**
 * A batch of states being expanded together (the first pass of BFS, sequential and parallel):
 * each state's successors in action order, their fingerprints, and per successor whether the
 * recent-fingerprint cache already settled it. The second pass, which differs between the
 * sequential and the parallel search, then walks the successors in order.
 *
 * A model error met while filling (a guard or update throws) is held: the state it happened
 * in is the last one of the batch, its successors before the failing action are kept, and
 * the search throws the error when its second pass reaches that point (and only if it has not
 * stopped before), exactly where a one-state-at-a-time search would have thrown it.
 *
 * Allocation-free per state: buffers and one view per slot are made once.
 */
import { fingerprintAt } from './fingerprint.ts';
import type { Model } from './model.ts';
import type { SymmetryReduction } from './symmetry/reduction.ts';

/** States expanded per batch, and successors a batch holds at most (one state's always fit). */
export const BATCH_STATES = 16;
const BATCH_SUCCESSORS = 512;

export class Batch {
  readonly W: number;
  private readonly A: number;
  readonly maxSucc: number;
  /** The batch's states, one view per slot. */
  readonly states: Uint32Array[];
  /** Successors of state k are start[k] .. start[k + 1] - 1. */
  readonly start = new Int32Array(BATCH_STATES + 1);
  /** Successor words, one view per successor slot. */
  readonly succ: Uint32Array;
  readonly succViews: Uint32Array[];
  /** The action of each successor. */
  readonly action: Int32Array;
  /** Fingerprint of each successor: (lo, hi), both halves non-zero. */
  readonly fps: Uint32Array;
  /** 1 where the recent cache settled the successor (a duplicate). */
  readonly dup: Uint8Array;
  private readonly ids: Int32Array;
  /** States and successors filled. */
  nb = 0;
  ns = 0;
  /** The held error, the slot of the state it happened in (-1: none), and its action (-1: in enabled). */
  held: unknown;
  heldAt = -1;
  heldAction = -1;

  constructor(
    private readonly model: Model,
    /** With --symmetry: successors are fingerprinted by their canonical form (symmetry/reduction.ts). */
    private readonly sym?: SymmetryReduction,
  ) {
    this.W = model.layout.words;
    this.A = Math.max(1, model.actions.length);
    this.maxSucc = Math.max(BATCH_SUCCESSORS, this.A);
    const W = this.W;
    const states = new Uint32Array(BATCH_STATES * W);
    this.states = Array.from({ length: BATCH_STATES }, (_, k) => states.subarray(k * W, (k + 1) * W));
    this.succ = new Uint32Array(this.maxSucc * W);
    this.succViews = Array.from({ length: this.maxSucc }, (_, k) => this.succ.subarray(k * W, (k + 1) * W));
    this.action = new Int32Array(this.maxSucc);
    this.fps = new Uint32Array(this.maxSucc * 2);
    this.dup = new Uint8Array(this.maxSucc);
    this.ids = new Int32Array(this.A);
  }

  reset(): void {
    this.nb = 0;
    this.ns = 0;
    this.held = undefined;
    this.heldAt = -1;
    this.heldAction = -1;
  }

  /** Whether another state fits (with all its successors) and no error is held. */
  hasRoom(): boolean {
    return this.nb < BATCH_STATES && this.ns + this.A <= this.maxSucc && this.heldAt < 0;
  }

  /** The slot the caller copies the next state into before `expandNext`. */
  nextSlot(): Uint32Array {
    return this.states[this.nb]!;
  }

  /**
   * Expands the state in `nextSlot()`: successors, actions, fingerprints. Returns false when
   * a model function threw (the error is held and the batch is closed).
   */
  expandNext(): boolean {
    const model = this.model;
    const cur = this.states[this.nb]!;
    const ids = this.ids;
    const W = this.W;
    this.start[this.nb] = this.ns;
    const sym = this.sym;
    try {
      if (sym !== undefined) sym.countOrbit(cur);
      const n = model.enabled(cur, ids);
      for (let j = 0; j < n; j++) {
        const a = ids[j]!;
        this.heldAction = a;
        model.next(cur, a, this.succViews[this.ns]!);
        this.action[this.ns] = a;
        if (sym === undefined) fingerprintAt(this.succ, this.ns * W, W, this.fps, this.ns);
        else sym.fingerprintAt(this.succViews[this.ns]!, this.fps, this.ns);
        this.ns++;
      }
      this.heldAction = -1;
    } catch (e) {
      this.held = e;
      this.heldAt = this.nb;
      this.start[++this.nb] = this.ns;
      return false;
    }
    this.start[++this.nb] = this.ns;
    return true;
  }
}
