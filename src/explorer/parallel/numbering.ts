/**
 * State numbers of the parallel search, and traces from them. Level L holds the numbers
 * base(L) .. base(L) + size(L) - 1: first the states thread 0 wrote in level L-1, then thread
 * 1's, and so on. Thread q's j-th state of a level is entry start_q(L) + j of q's parent log,
 * which holds (parent number, action rank). So any number, or any log entry, walks back to an
 * initial state, and the ranks replay into a trace (trace.ts).
 */
import type { Model } from '../model.ts';
import type { Trace } from '../outcome.ts';
import { ParentLog, ROOT } from '../parentLog.ts';
import { buildTraceFromRanks } from '../trace.ts';
import type { Location } from './protocol.ts';
import { SearchThreadError } from './searchThreadError.ts';

interface Level {
  readonly base: number;
  /** Each thread's count of this level's states. */
  readonly counts: readonly number[];
  /** Each thread's log index of its first state in this level. */
  readonly logStart: readonly number[];
}

export class Numbering {
  private readonly levels: Level[] = [];
  private readonly logged: number[];
  private next = 0;

  constructor(private readonly threads: number) {
    this.logged = new Array<number>(threads).fill(0);
  }

  /** Records the next level: `counts[q]` states written by thread q (its next log entries). */
  addLevel(counts: readonly number[]): void {
    this.levels.push({ base: this.next, counts: [...counts], logStart: [...this.logged] });
    for (let q = 0; q < this.threads; q++) this.logged[q]! += counts[q] ?? 0;
    this.next += counts.reduce((a, b) => a + b, 0);
  }

  /** The thread and log entry of state number n. */
  locate(n: number): { p: number; i: number } {
    let lo = 0;
    let hi = this.levels.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.levels[mid]!.base <= n) lo = mid;
      else hi = mid - 1;
    }
    const level = this.levels[lo]!;
    let off = n - level.base;
    for (let q = 0; q < this.threads; q++) {
      const c = level.counts[q] ?? 0;
      if (off < c) return { p: q, i: level.logStart[q]! + off };
      off -= c;
    }
    throw new SearchThreadError(`state number ${n} is past the last level`);
  }

  /** The trace to a location, replayed from its initial state. */
  trace(model: Model, inits: readonly Uint32Array[], logs: readonly (ParentLog | undefined)[], at: Location): Trace {
    let { p, i } = at.kind === 'number' ? this.locate(at.n) : at;
    const ranks: number[] = [];
    for (;;) {
      const log = logs[p];
      if (log === undefined) throw new SearchThreadError(`no parent log from search thread ${p}`);
      const parent = log.parentOf(i);
      const rank = log.rankOf(i);
      if (parent === ROOT) {
        ranks.reverse();
        return buildTraceFromRanks(model, inits[rank]!, ranks);
      }
      ranks.push(rank);
      ({ p, i } = this.locate(parent));
    }
  }
}
