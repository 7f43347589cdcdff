/**
 * The control block the search threads share (an Int32Array on a SharedArrayBuffer): which
 * word means what, and the round barrier. Participant 0 is the coordinator (the calling
 * thread); participants 1..N-1 are helper threads, which join when they have loaded the model.
 *
 * A round: the coordinator sets CMD and bumps GEN; every joined helper wakes, does the round's
 * work, adds itself to ARRIVED and waits for the next GEN. The coordinator works too, then
 * waits for ARRIVED to reach the number of joined helpers (polling its limits meanwhile), and
 * does the between-rounds work alone: table growth, the next level's layout, limits, invites.
 */

/** Commands for a round. */
export const CMD_EXPAND = 1;
export const CMD_REHASH = 2;
export const CMD_EXIT = 3;
/** The second round of a growth: what the first could not place (sharedTable.ts). */
export const CMD_REHASH_SPILL = 4;

/** Why the search stopped (STOP_REASON; the first to set it wins). */
export const STOP_NONE = 0;
/** A new state broke an invariant and stopped the run: it is not counted (as Rumur does). */
export const STOP_NEW_STATE = 1;
export const STOP_VIOLATION = 2;
export const STOP_LIMIT = 3;
export const STOP_ERROR = 4;

export const GEN = 0;
export const ARRIVED = 1;
export const CMD = 2;
// Word 3 is free (it was one cursor for the whole level; claims are per segment now: CLAIMED).
/** 1: every thread stops claiming and goes to the barrier; STOP_REASON says why. */
export const STOP = 4;
export const STOP_REASON = 5;
/** 1: the table passed its load limit; the round ends and the table grows. */
export const GROW = 6;
/** The level being expanded, and the number of the first state in it (its size is the segments'). */
export const LEVEL = 7;
// Word 8 is free (it was the level's size, which nothing reads since claims are per segment).
export const LEVEL_BASE = 9;
/** Bumped whenever a new table buffer is posted to the helpers. */
export const TABLE_EPOCH = 10;
/** Set before the exit round: 1 when helpers must send their parent logs (a trace is needed). */
export const WANT_LOGS = 11;
/** 1 once the coordinator has posted the start message (pool.ts launch). */
export const STARTED = 12;
const HEADER = 16; // one cache line

/**
 * Per participant p: [READY, JOINED, INSERTED, OUTPUT, SEGMENT] at HEADER + p * STRIDE, one
 * 64-byte cache line each, so a thread's frequent writes do not evict the others' words.
 */
const STRIDE = 16;
/** 0 loading, 1 ready, 2 could not load the model (message posted). */
export const READY = 0;
/** 1 once invited: it works in every round from the next one on. */
export const JOINED = 1;
/** States this participant added to the table (published after each batch). */
export const INSERTED = 2;
/** States it wrote to its output (the next level) in this level. */
export const OUTPUT = 3;
/** Its share of the level being expanded: the states it wrote in the level before. */
export const SEGMENT = 4;
/**
 * How much of its segment has been claimed (by itself first, then by threads that ran out of
 * their own): the next unclaimed offset in the segment, taken with Atomics.add.
 */
export const CLAIMED = 5;

/** Words of a control block for `n` participants and `props` properties. */
export function controlWords(n: number, props: number): number {
  return HEADER + n * STRIDE + propertyWords(props);
}

function propertyWords(props: number): number {
  return Math.max(1, Math.ceil(props / 32));
}

/** The index of participant p's word `field`. */
export function slot(p: number, field: number): number {
  return HEADER + p * STRIDE + field;
}

/** Bitmap of the properties some thread has a violation of, after the participants. */
export function violatedWord(n: number, property: number): number {
  return HEADER + n * STRIDE + (property >>> 5);
}

/** Records a violation of `property`; true if it was the first. */
export function markViolated(ctrl: Int32Array, n: number, property: number): boolean {
  const bit = 1 << (property & 31);
  return (Atomics.or(ctrl, violatedWord(n, property), bit) & bit) === 0;
}

export function isViolated(ctrl: Int32Array, n: number, property: number): boolean {
  return (Atomics.load(ctrl, violatedWord(n, property)) & (1 << (property & 31))) !== 0;
}

export function violatedCount(ctrl: Int32Array, n: number, props: number): number {
  let c = 0;
  for (let p = 0; p < props; p++) if (isViolated(ctrl, n, p)) c++;
  return c;
}

/** Asks every thread to stop; the first reason given is kept. */
export function requestStop(ctrl: Int32Array, reason: number): void {
  Atomics.compareExchange(ctrl, STOP_REASON, STOP_NONE, reason);
  Atomics.store(ctrl, STOP, 1);
}

/** Helper side of the barrier: arrive, then sleep until the coordinator starts the next round. */
export function arriveAndWait(ctrl: Int32Array, gen: number): number {
  Atomics.add(ctrl, ARRIVED, 1);
  Atomics.notify(ctrl, ARRIVED);
  return waitForRound(ctrl, gen);
}

/** Sleeps until GEN moves past `gen`; returns the new GEN. */
export function waitForRound(ctrl: Int32Array, gen: number): number {
  for (;;) {
    const g = Atomics.load(ctrl, GEN);
    if (g !== gen) return g;
    Atomics.wait(ctrl, GEN, gen, 1000);
  }
}

/** Coordinator side: starts the next round (helpers' ARRIVED count restarts from 0). */
export function startRound(ctrl: Int32Array, cmd: number): void {
  Atomics.store(ctrl, ARRIVED, 0);
  Atomics.store(ctrl, CMD, cmd);
  Atomics.add(ctrl, GEN, 1);
  Atomics.notify(ctrl, GEN);
}

/**
 * Coordinator side: waits until `helpers` helpers arrived, calling `poll` about every
 * `pollMs` (limits, progress, Ctrl-C) meanwhile.
 */
export function awaitHelpers(ctrl: Int32Array, helpers: number, poll: () => void, pollMs = 50): void {
  for (;;) {
    const a = Atomics.load(ctrl, ARRIVED);
    if (a >= helpers) return;
    Atomics.wait(ctrl, ARRIVED, a, pollMs);
    poll();
  }
}
