/**
 * One search thread's view of the BFS levels in shared memory. The level being expanded is
 * every thread's output of the level before, laid end to end in thread order (segments: the
 * state numbered v in the level is in the segment of the first thread whose running count
 * passes v); this thread's output for the next level goes to its own arena of that level's
 * parity (arenas[2q] even, arenas[2q + 1] odd), so a level is read while the next is written.
 *
 * Allocation-free per state: `load` and `append` copy words between typed arrays; the output
 * buffer (growable) grows by half, in whole 64 KiB steps, only when full.
 */
import type { GrowableSharedArrayBuffer } from './arena.ts';
import { SEGMENT, slot } from './control.ts';
import { SearchThreadError } from './searchThreadError.ts';

export class LevelBuffers {
  /** Where each thread's segment starts in the level (one more entry: the level's size). */
  private readonly segStart: Int32Array;
  private readonly segViews: (Uint32Array | undefined)[];
  private out: Uint32Array = new Uint32Array(0);
  /** States this thread wrote to its output in the current level. */
  count = 0;

  constructor(
    /** Words per state. */
    private readonly W: number,
    /** This thread's participant number. */
    private readonly id: number,
    /** Participants in all. */
    private readonly n: number,
    private readonly arenas: readonly SharedArrayBuffer[],
  ) {
    this.segStart = new Int32Array(n + 1);
    this.segViews = new Array(n).fill(undefined);
  }

  /** Starts writing outputs for the level after `level` (parity decides the buffer). */
  startOutput(level: number): void {
    this.count = 0;
    const sab = this.arenas[2 * this.id + ((level + 1) & 1)]!;
    this.out = new Uint32Array(sab, 0, sab.byteLength >>> 2);
  }

  /** Lays out `level` from every thread's segment size in the control block; outputs restart. */
  begin(level: number, ctrl: Int32Array): void {
    let start = 0;
    for (let q = 0; q < this.n; q++) {
      const count = Atomics.load(ctrl, slot(q, SEGMENT));
      this.segStart[q] = start;
      const sab = this.arenas[2 * q + (level & 1)]!;
      this.segViews[q] = count > 0 ? new Uint32Array(sab, 0, count * this.W) : undefined;
      start += count;
    }
    this.segStart[this.n] = start;
    this.startOutput(level);
  }

  /** Where thread q's segment starts in the level, and its size. */
  segmentStart(q: number): number {
    return this.segStart[q]!;
  }

  segmentSize(q: number): number {
    return this.segStart[q + 1]! - this.segStart[q]!;
  }

  /** Copies level state v (0-based in the level) into `into`. */
  load(v: number, into: Uint32Array): void {
    let q = 0;
    while (v >= this.segStart[q + 1]!) q++;
    const view = this.segViews[q]!;
    const base = (v - this.segStart[q]!) * this.W;
    for (let w = 0; w < this.W; w++) into[w] = view[base + w]!;
  }

  /** Appends a state to this thread's output for the next level. */
  append(state: Uint32Array): void {
    const W = this.W;
    if ((this.count + 1) * W > this.out.length) {
      const sab = this.out.buffer as GrowableSharedArrayBuffer;
      const want = Math.ceil(Math.max((this.count + 1) * W * 4, sab.byteLength * 1.5) / 65536) * 65536;
      const bytes = Math.min(sab.maxByteLength, want);
      if (bytes < (this.count + 1) * W * 4) throw new SearchThreadError(`a level of more than ${Math.floor(sab.maxByteLength / (4 * W))} states on one thread`);
      sab.grow(bytes);
      this.out = new Uint32Array(sab, 0, bytes >>> 2);
    }
    const base = this.count * W;
    for (let w = 0; w < W; w++) this.out[base + w] = state[w]!;
    this.count++;
  }
}
