/**
 * One search thread's share of a parallel BFS level (the coordinator and every helper run
 * this): claim runs of the level's states, expand them in batches as the sequential search
 * does (batch.ts: successors, fingerprints, touches, then the same checks in order), add new
 * states to the shared table, and write each new state to this thread's output, which is its
 * part of the next level (levelBuffers.ts), with (parent number, action rank) in its own
 * parent log.
 *
 * Numbering: level L holds states base(L) .. base(L) + size(L) - 1, the outputs of every
 * thread in the level before, thread 0's first. A state's parent is such a number; a
 * violation found here is kept as where it happened (a level state's number, or an entry of
 * this thread's log) and becomes a trace at the end, when the coordinator has every log.
 *
 * The levels are strict: no thread starts level L+1 before every thread finished level L,
 * so every state of a level is no further from an initial state than any state of the next,
 * and a violation met in level L has a shortest trace, whichever thread meets it.
 */
import { Batch } from '../batch.ts';
import { SymmetryReduction } from '../symmetry/reduction.ts';
import { StrayBitsError } from '../bfs.ts';
import { DEADLOCK, type DeadlockMode, type Model } from '../model.ts';
import { modelErrorOf } from '../modelError.ts';
import type { ViolationKind } from '../outcome.ts';
import type { RunPhase } from '../run.ts';
import { ParentLog, ROOT } from '../parentLog.ts';
import {
  GROW,
  INSERTED,
  isViolated,
  JOINED,
  LEVEL,
  LEVEL_BASE,
  markViolated,
  OUTPUT,
  requestStop,
  slot,
  STOP,
  STOP_ERROR,
  STOP_NEW_STATE,
  STOP_VIOLATION,
  violatedCount,
} from './control.ts';
import type { Finding, Location, ThreadError } from './protocol.ts';
import { LevelBuffers } from './levelBuffers.ts';
import { SearchThreadError } from './searchThreadError.ts';
import { growthShare, SHARED_MAX_LOAD, SharedFingerprintTable } from './sharedTable.ts';

const SEARCH: RunPhase = { kind: 'search' };
const VALID_END: RunPhase = { kind: 'valid-end' };

export interface ParticipantOptions {
  readonly id: number;
  /** The most participants there can be (the control block's size). */
  readonly n: number;
  /** Properties the control block has room for. */
  readonly maxProperties: number;
  readonly deadlock: DeadlockMode;
  readonly stopAtFirst: boolean;
  /** Symmetry reduction: successors are fingerprinted by their canonical form (symmetry/). */
  readonly symmetry?: boolean;
}

export class Participant {
  readonly log = new ParentLog();
  readonly findings: Finding[] = [];
  error: ThreadError | undefined;
  /** The original error object behind `error` (this thread only; it does not cross threads). */
  errorCause: unknown;
  transitions = 0;
  inserted = 0;
  /** The level this thread last set up. */
  level = -1;
  table: SharedFingerprintTable;

  private readonly W: number;
  private readonly batch: Batch;
  readonly sym: SymmetryReduction | undefined;
  private readonly unused: Uint32Array;
  private readonly properties: string[];
  private readonly propIndex = new Map<string, number>();
  private readonly stuttering: boolean;
  private readonly deadlockOn: boolean;
  // The level being expanded: the number of its first state (its claims are in levelBuffers.ts).
  private levelBase = 0;
  /** The level's states (every thread's segment) and this thread's output for the next one. */
  private readonly levels: LevelBuffers;
  /** This thread asked every thread to stop (a violation or an error it met). */
  private halted = false;
  private phase: RunPhase = SEARCH;
  private action = -1;
  private sink = 0;
  /** The phase each invariant names when it throws (made once: the hot path allocates nothing). */
  private readonly invariantPhases: readonly RunPhase[];
  /** Entries the first growth round could not place in this thread's stretch (lo, hi pairs). */
  private spill: number[] = [];

  constructor(
    readonly model: Model,
    private readonly ctrl: Int32Array,
    /** Per thread p, its transitions so far at index 8p (read by the coordinator). */
    private readonly stats: Float64Array,
    /** Thread q's output buffers for even and odd levels: arenas[2q], arenas[2q + 1]. */
    arenas: readonly SharedArrayBuffer[],
    table: SharedArrayBuffer,
    readonly o: ParticipantOptions,
    /** The coordinator's own reduction (already checked); a helper makes its own. */
    sym?: SymmetryReduction,
  ) {
    this.W = model.layout.words;
    this.sym = sym ?? (o.symmetry === true ? new SymmetryReduction(model) : undefined);
    this.batch = new Batch(model, this.sym);
    this.unused = model.layout.usedBits.map((b) => ~b >>> 0);
    this.table = new SharedFingerprintTable(table);
    this.stuttering = o.deadlock === 'stuttering';
    this.deadlockOn = o.deadlock !== 'off';
    this.properties = [...model.invariants.map((i) => i.name), ...(this.deadlockOn ? [DEADLOCK] : []), ...(model.endChecks ?? []).map((i) => i.name)];
    this.properties.forEach((p, i) => this.propIndex.set(p, i));
    this.invariantPhases = model.invariants.map((p) => ({ kind: 'invariant', name: p.name }));
    this.levels = new LevelBuffers(this.W, o.id, o.n, arenas);
  }

  /** Number of states this thread wrote to its output in the current level. */
  get outputs(): number {
    return this.levels.count;
  }

  bytes(): number {
    return this.log.bytes();
  }

  /** Adds an initial state (the coordinator, before level 0): level 0 is its roots. */
  addRoot(state: Uint32Array, index: number, fps: Uint32Array): boolean {
    if (!this.table.insert(fps[0]!, fps[1]!)) return false;
    this.inserted++;
    Atomics.store(this.ctrl, slot(this.o.id, INSERTED), this.inserted);
    this.levels.append(state);
    const i = this.log.push(ROOT, index);
    this.checkNewState(state, i, 0);
    return true;
  }

  /** Starts writing outputs for the level after `level` (parity decides the buffer). */
  startOutput(level: number): void {
    this.levels.startOutput(level);
  }

  /** Reads the level the coordinator laid out in the control block and prepares to expand it. */
  beginLevel(): void {
    const ctrl = this.ctrl;
    this.level = Atomics.load(ctrl, LEVEL);
    this.levelBase = Atomics.load(ctrl, LEVEL_BASE);
    this.levels.begin(this.level, ctrl);
  }

  /**
   * Whether to stop now: this thread's own stop at once; another thread's is seen at the next
   * batch (Atomics.load costs about 25 ns here: once a batch, not once a state).
   */
  private stopped(): boolean {
    return this.halted;
  }

  /**
   * Expands claims of the current level until it is used up, or the search stops, or the
   * table must grow. `poll` (the coordinator's) runs after every batch.
   */
  expand(poll: (() => void) | undefined): void {
    const ctrl = this.ctrl;
    const growAt = Math.floor(this.table.slots * SHARED_MAX_LOAD);
    for (;;) {
      if (Atomics.load(ctrl, STOP) !== 0 || Atomics.load(ctrl, GROW) !== 0) return;
      if (this.halted) return;
      const levels = this.levels;
      if (levels.claimFrom >= levels.claimTo && !levels.claimNext(ctrl)) {
        Atomics.store(ctrl, slot(this.o.id, OUTPUT), this.levels.count);
        return;
      }
      levels.claimFrom += this.expandBatch();
      Atomics.store(ctrl, slot(this.o.id, INSERTED), this.inserted);
      Atomics.store(ctrl, slot(this.o.id, OUTPUT), this.levels.count);
      this.stats[8 * this.o.id] = this.transitions;
      poll?.();
      if (this.totalInserted() >= growAt) Atomics.store(ctrl, GROW, 1);
    }
  }

  /** States in the table, as published by every thread (never more than the truth). */
  totalInserted(): number {
    let t = 0;
    for (let q = 0; q < this.o.n; q++) t += Atomics.load(this.ctrl, slot(q, INSERTED));
    return t;
  }

  /** One batch from the current claim; returns how many level states it consumed. */
  private expandBatch(): number {
    const batch = this.batch;
    batch.reset();
    const levels = this.levels;
    for (let v = levels.claimFrom; v < levels.claimTo && batch.hasRoom(); v++) {
      levels.load(v, batch.nextSlot());
      if (!batch.expandNext()) break;
    }
    this.sink ^= this.table.touchAll(batch.fps, batch.ns, batch.dup);
    let k = 0;
    try {
      for (; k < batch.nb; k++) {
        if (this.stopped()) return batch.nb;
        this.expandOne(k, this.levelBase + levels.claimFrom + k);
        if (this.error !== undefined) return batch.nb;
      }
    } catch (e) {
      this.fail(e, this.levelBase + levels.claimFrom + k);
      return batch.nb;
    }
    return batch.nb;
  }

  /** The second pass for batch state k (number n): the sequential search's checks, in order. */
  private expandOne(k: number, n: number): void {
    const batch = this.batch;
    const W = this.W;
    const cur = batch.states[k]!;
    const from = batch.start[k]!;
    const to = batch.start[k + 1]!;
    if (from === to && batch.heldAt !== k) {
      this.terminal(cur, n);
      return;
    }
    const sBuf = batch.succ;
    const fps = batch.fps;
    let allSelf = this.stuttering;
    for (let p = from; p < to; p++) {
      const a = batch.action[p]!;
      this.action = a;
      this.transitions++;
      const base = p * W;
      for (let w = 0; w < W; w++) if ((sBuf[base + w]! & this.unused[w]!) !== 0) throw new StrayBitsError(a, w);
      if (allSelf) for (let w = 0; w < W; w++) if (sBuf[base + w] !== cur[w]) allSelf = false;
      if (batch.dup[p] === 0 && this.table.insert(fps[2 * p]!, fps[2 * p + 1]!)) {
        this.inserted++;
        const succ = batch.succViews[p]!;
        this.levels.append(succ);
        const i = this.log.push(n, p - from);
        this.checkNewState(succ, i, this.level + 1);
        if (this.stopped()) break;
      }
    }
    this.action = -1;
    if (batch.heldAt === k) {
      if (this.stopped()) return;
      this.action = batch.heldAction;
      throw batch.held;
    }
    if (allSelf && this.deadlockOn && !this.stopped() && !this.isValidEnd(cur)) this.report(DEADLOCK, 'deadlock', this.level, { kind: 'number', n }, false);
  }

  private terminal(state: Uint32Array, n: number): void {
    if (this.isValidEnd(state)) {
      for (const p of this.model.endChecks ?? []) {
        this.phase = { kind: 'end-check', name: p.name };
        const ok = p.holds(state);
        this.phase = SEARCH;
        if (!ok && this.report(p.name, 'end-check', this.level, { kind: 'number', n }, false)) return;
      }
    } else if (this.deadlockOn) {
      this.report(DEADLOCK, 'deadlock', this.level, { kind: 'number', n }, false);
    }
  }

  private isValidEnd(state: Uint32Array): boolean {
    const f = this.model.isValidEnd;
    if (f === undefined) return false;
    this.phase = VALID_END;
    const r = f.call(this.model, state);
    this.phase = SEARCH;
    return r;
  }

  /**
   * Invariants of a new state (log entry i, in `level`); as RunContext.checkNewState, and like
   * it allocation-free unless an invariant fails or throws (the phase is named only then).
   */
  private checkNewState(state: Uint32Array, i: number, level: number): void {
    const inv = this.model.invariants;
    for (let k = 0; k < inv.length; k++) {
      const p = inv[k]!;
      let ok: boolean;
      try {
        ok = p.holds(state);
      } catch (e) {
        this.phase = this.invariantPhases[k]!;
        this.fail(e, undefined, { kind: 'log', p: this.o.id, i });
        return;
      }
      if (!ok && this.report(p.name, 'invariant', level, { kind: 'log', p: this.o.id, i }, true)) return;
    }
  }

  /**
   * Records a violation unless some thread already has this property's (the levels are
   * strict, so whoever records first has a shortest one); returns true when the search stops.
   */
  private report(property: string, kind: ViolationKind, level: number, at: Location, newState: boolean): boolean {
    const idx = this.propIndex.get(property)!;
    if (isViolated(this.ctrl, this.o.n, idx)) return this.halted;
    if (markViolated(this.ctrl, this.o.n, idx)) this.findings.push({ property, kind, level, at });
    if (this.o.stopAtFirst || violatedCount(this.ctrl, this.o.n, this.properties.length) === this.properties.length) {
      requestStop(this.ctrl, newState ? STOP_NEW_STATE : STOP_VIOLATION);
      this.halted = true;
      return true;
    }
    return false;
  }

  /**
   * A model function threw: keep its description and where, and stop every thread. A
   * SearchThreadError is kept as what it is (failInternal), whatever the phase.
   */
  fail(e: unknown, n: number | undefined, at?: Location): void {
    if (this.error !== undefined) return;
    if (e instanceof SearchThreadError) {
      this.failInternal(e);
      return;
    }
    const site = { phase: this.phase, action: this.action };
    const where: Location | undefined = at ?? (n !== undefined ? { kind: 'number', n } : undefined);
    const { cause, trace: _t, ...error } = modelErrorOf(this.model, e, site, undefined);
    const c = cause instanceof Error ? { name: cause.name, message: cause.message, ...(cause.stack !== undefined ? { stack: cause.stack } : {}) } : cause === undefined ? undefined : { name: 'Error', message: String(cause) };
    this.error = { error, cause: c, at: where };
    this.errorCause = cause;
    requestStop(this.ctrl, STOP_ERROR);
    this.halted = true;
  }

  /**
   * The search itself failed here (not the model: nothing it ran is to blame), e.g. between
   * rounds: stop every thread; checkParallel then throws rather than report a model error.
   */
  failInternal(e: unknown): void {
    if (this.error !== undefined) return;
    const message = e instanceof SearchThreadError ? e.message : `internal: ${e instanceof Error ? e.message : String(e)}`;
    const cause = e instanceof Error ? { name: e.name, message: e.message, ...(e.stack !== undefined ? { stack: e.stack } : {}) } : undefined;
    this.error = { error: { code: 'ZR_MODEL_THROW', message }, cause, at: undefined, internal: true };
    this.errorCause = e;
    requestStop(this.ctrl, STOP_ERROR);
    this.halted = true;
  }

  /**
   * Growth, first round: moves this thread's slice of the old table into the stretch of the
   * new one it owns (the same share of both; sharedTable.ts rehashOwned), keeping aside what
   * falls outside for the second round. The joined set cannot change between the rounds
   * (helpers join only between levels), so every thread computes the same shares.
   */
  rehash(old: SharedFingerprintTable, fresh: SharedArrayBuffer): void {
    this.table = old.withBuffer(fresh);
    const active: number[] = [];
    for (let q = 0; q < this.o.n; q++) if (q === 0 || Atomics.load(this.ctrl, slot(q, JOINED)) === 1) active.push(q);
    const rank = active.indexOf(this.o.id);
    const [from, to] = growthShare(old.slots, rank, active.length);
    const [own, ownEnd] = growthShare(this.table.slots, rank, active.length);
    this.spill = [];
    this.table.rehashOwned(old.t, from, to, own, ownEnd, this.spill);
  }

  /** Growth, second round: the entries the first round kept aside, with the lock-free insert. */
  rehashSpill(): void {
    const spill = this.spill;
    this.spill = [];
    this.table.rehashSpill(spill);
  }
}
