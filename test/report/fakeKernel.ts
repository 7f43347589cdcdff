/**
 * A small hand-written kernel-like model for the report tests: spec C.1 with three threads,
 * Z (zeroer under a handle, flushes then waits PG_writeback), W (conversion worker starting a
 * handle at I/O end) and C (jbd2 commit: T_LOCKED, then waits t_updates == 0).
 *
 * Why a fake: the wait-for and matrix code is generic over Model; this keeps its tests
 * independent of the real kernel model, and small enough to know every answer by hand.
 * `reserved: true` models spec C.2 (a reserved handle joins T_LOCKED), which breaks the cycle.
 */
import { defineModel } from '../../src/explorer/define.ts';
import { defineLayout, oneOf, range, bool } from '../../src/explorer/layout.ts';
import type { Model, WaitInfo } from '../../src/explorer/model.ts';

export const Z = 0;
export const W = 1;
export const C = 2;

export function fakeC1(opts: { reserved?: boolean; outside?: boolean } = {}): Model {
  const reserved = opts.reserved ?? false;
  /** Zeroing outside the handle: Z takes no handle (t_updates untouched). */
  const outside = opts.outside ?? false;
  const h = outside ? 0 : 1;
  const L = defineLayout({
    zpc: oneOf(['start', 'handle', 'flushed', 'waited', 'done']),
    wpc: oneOf(['idle', 'handle', 'done']),
    cpc: oneOf(['idle', 'locked', 'done']),
    tx: oneOf(['RUNNING', 'LOCKED']),
    updates: range(0, 2),
    wb: bool(),
  });
  const f = L.fields;
  const zHolds = (s: Uint32Array) => !outside && f.zpc.get(s) >= 1 && f.zpc.get(s) <= 3;
  const waitsFor = (s: Uint32Array, t: number): WaitInfo | undefined => {
    if (t === Z) {
      if (f.zpc.get(s) === 2 && f.wb.is(s)) return { kind: 'PG_writeback', what: 'PG_writeback of folio 0', on: [W], lockdep: 'invisible' };
      if (f.zpc.get(s) === 0 && f.tx.get(s) === 1) return { kind: 'T_LOCKED', what: 'start_this_handle: Tx locked', on: [C], lockdep: 'tracked' };
    }
    if (t === W && f.wb.is(s) && f.wpc.get(s) === 0 && f.tx.get(s) === 1 && !reserved) {
      return { kind: 'T_LOCKED', what: 'wait_transaction_locked: Tx must reach T_FLUSH', on: [C], lockdep: 'tracked' };
    }
    if (t === C && f.cpc.get(s) === 1 && f.updates.get(s) > 0) {
      const on: number[] = [];
      if (zHolds(s)) on.push(Z);
      if (f.wpc.get(s) === 1) on.push(W);
      return { kind: 't_updates', what: 'jbd2_journal_wait_updates: t_updates == 0', on, lockdep: 'tracked' };
    }
    return undefined;
  };
  return defineModel({
    name: `fake-C1${reserved ? '-reserved' : ''}${outside ? '-outside' : ''}`,
    layout: L,
    threads: [{ name: 'Z' }, { name: 'W' }, { name: 'C' }],
    rules: [
      {
        name: 'Z start handle', thread: 'Z', kernelFunction: 'jbd2__journal_start', specSection: 'B.7',
        guard: (s) => f.zpc.get(s) === 0 && f.tx.get(s) === 0,
        update: (s, n) => { f.zpc.set(n, 1); f.updates.set(n, f.updates.get(s) + h); },
      },
      {
        name: 'Z flush', thread: 'Z', kernelFunction: 'iomap_zero_iter_flush_and_stale', specSection: 'B.2',
        guard: (s) => f.zpc.get(s) === 1,
        update: (_s, n) => { f.zpc.set(n, 2); f.wb.set(n, true); },
      },
      {
        name: 'Z wait done', thread: 'Z', kernelFunction: 'folio_wait_writeback', specSection: 'B.2',
        guard: (s) => f.zpc.get(s) === 2 && !f.wb.is(s),
        update: (_s, n) => { f.zpc.set(n, 3); },
      },
      {
        name: 'Z stop', thread: 'Z', kernelFunction: 'jbd2_journal_stop', specSection: 'B.7',
        guard: (s) => f.zpc.get(s) === 3,
        update: (s, n) => { f.zpc.set(n, 4); f.updates.set(n, f.updates.get(s) - h); },
      },
      {
        name: 'W start handle', thread: 'W', kernelFunction: 'ext4_journal_start', specSection: 'B.8',
        guard: (s) => f.wb.is(s) && f.wpc.get(s) === 0 && (f.tx.get(s) === 0 || reserved),
        update: (s, n) => { f.wpc.set(n, 1); f.updates.set(n, f.updates.get(s) + 1); },
      },
      {
        name: 'W convert and end writeback', thread: 'W', kernelFunction: 'ext4_convert_unwritten_io_end_vec', specSection: 'B.8',
        guard: (s) => f.wpc.get(s) === 1,
        update: (s, n) => { f.wpc.set(n, 2); f.updates.set(n, f.updates.get(s) - 1); f.wb.set(n, false); },
      },
      {
        name: 'C lock', thread: 'C', kernelFunction: 'jbd2_journal_commit_transaction', specSection: 'B.7',
        guard: (s) => f.cpc.get(s) === 0 && f.tx.get(s) === 0,
        update: (_s, n) => { f.cpc.set(n, 1); f.tx.set(n, 1); },
      },
      {
        name: 'C flush', thread: 'C', kernelFunction: 'jbd2_journal_wait_updates', specSection: 'B.7',
        guard: (s) => f.cpc.get(s) === 1 && f.updates.get(s) === 0,
        update: (_s, n) => { f.cpc.set(n, 2); f.tx.set(n, 0); },
      },
    ],
    invariants: [
      {
        name: 'D1',
        description: 'no wait on PG_writeback while holding a handle',
        holds: (s) => !(f.zpc.get(s) === 2 && f.wb.is(s) && zHolds(s)),
      },
      { name: 'D3', description: 'trivially true here', holds: () => true },
    ],
    isValidEnd: (s) => f.zpc.get(s) === 4 && f.cpc.get(s) !== 1 && !f.wb.is(s),
    waitsFor,
  });
}

/** Runs the actions named in order from the initial state; returns the final state. */
export function run(model: Model, names: readonly string[]): Uint32Array {
  let s = model.initialStates()[0]!;
  for (const name of names) {
    const a = model.actions.findIndex((x) => x.name === name);
    if (a < 0) throw new Error(`no action ${name}`);
    const buf = new Int32Array(model.actions.length);
    const n = model.enabled(s, buf);
    if (!Array.from(buf.subarray(0, n)).includes(a)) throw new Error(`action ${name} not enabled`);
    const nx = new Uint32Array(s.length);
    model.next(s, a, nx);
    s = nx;
  }
  return s;
}
