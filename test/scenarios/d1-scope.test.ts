/**
 * The D1 scope question (spec D1, end). Decision: D1 covers every PG_writeback wait under any
 * handle, including the WB_SYNC_ALL folio_wait_writeback inside ->writepages, not only the
 * fdatawait after the flush. This suite shows the writepages wait is reachable: the zeroer
 * redirties a folio that the flusher has under writeback, then its flush's writepages meets
 * that folio dirty and under writeback. Without a handle (ext4-outside) the same wait is
 * harmless and not flagged; ext4-iomap writeback waits before it starts its own handle.
 * On buffer-head ext4 the same wait happens inside the flusher's own writepages handle.
 */
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/explorer/model.ts';
import { buildKernelModel } from '../../src/kernel/build.ts';
import { Z, ZP, type KernelCtx } from '../../src/model/state.ts';
import { d1 } from '../../src/properties/kernel/d1.ts';
import { check } from '../../src/explorer/check.ts';

/** write 0-1, truncate to 2: one dirty folio over [DELALLOC HOLE]; zero range [0,2) with a background flusher. */
const DH = '2:Z0-2:bg:w0-1.t2';

/** Reachable states where Z's writepages waits on a dirty folio under writeback. */
function writepagesWaits(m: Model, ctx: KernelCtx): Uint32Array[] {
  const { f } = ctx;
  const seen = new Set<string>();
  const todo = [...m.initialStates()];
  const hits: Uint32Array[] = [];
  const out = new Int32Array(m.actions.length);
  while (todo.length > 0) {
    const s = todo.pop()!;
    const key = s.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const c = f.zFlushCursor.get(s);
    if (f.zPc.get(s) === ZP.FLUSH_WRITE && f.dirty.is(s, c) && f.folioWriteback.is(s, c)) hits.push(s);
    for (let i = 0, n = m.enabled(s, out); i < n; i++) {
      const t = new Uint32Array(s.length);
      m.next(s, out[i]!, t);
      todo.push(t);
    }
  }
  return hits;
}

function setup(variant: string): { m: Model; ctx: KernelCtx } {
  const b = buildKernelModel({ variant, layoutId: DH });
  if (!b.ok) throw new Error(b.error);
  return { m: b.model, ctx: b.ctx };
}

describe('D1 scope: the WB_SYNC_ALL wait inside ->writepages', () => {
  it('is reachable under the handle (V3) and D1 flags it', () => {
    const { m, ctx } = setup('V3');
    const hits = writepagesWaits(m, ctx);
    expect(hits.length).toBeGreaterThan(0);
    for (const s of hits) {
      expect(ctx.f.handleOf.is(s, Z)).toBe(true);
      expect(d1(ctx).holds(s)).toBe(false);
      expect(m.waitsFor!(s, Z)).toMatchObject({ kind: 'PG_writeback', lockdep: 'invisible' });
    }
  });

  it('is reachable without a handle (-next v2) and is not a D1 violation there', () => {
    const { m, ctx } = setup('next-v2');
    const hits = writepagesWaits(m, ctx);
    expect(hits.length).toBeGreaterThan(0);
    for (const s of hits) expect(d1(ctx).holds(s)).toBe(true);
  });
});

describe('D1 scope on buffer-head ext4: writepages waits under its own handle', () => {
  it('fsync (WB_SYNC_ALL) meets a folio under writeback while holding the writepages handle: D1 by writepages-wait, no deadlock', () => {
    const b = buildKernelModel({ profile: 'ext4-bh', scenario: 'SYNC', variant: 'bh-v7.0' });
    if (!b.ok) throw new Error(b.error);
    const o = check(b.model, { stopAtFirst: false });
    if (o.verdict === 'error') throw new Error(o.error.message);
    const by = new Map(o.properties.map((p) => [p.property, p.status]));
    expect(by.get('D1:writepages-wait')).toBe('violated');
    expect(by.get('deadlock')).toBe('holds');
    // Safe only because the conversion takes the reserved handle (spec C.2).
    expect(b.ctx.cfg.b.conversionHandle).toBe('reserved');
  });
});
