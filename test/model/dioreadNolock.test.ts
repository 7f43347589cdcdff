/** ext4-bh dioread_nolock: with it off, writepages converts a fallocated UNWRITTEN block itself; with it on, the reserved conversion handle only costs the D1 writepages wait. */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/explorer/check.ts';
import type { Model } from '../../src/explorer/model.ts';
import { buildKernelModel } from '../../src/kernel/build.ts';
import { IO, type KernelCtx } from '../../src/model/state.ts';
import { UNWRITTEN, WRITTEN } from '../../src/model/types.ts';
import { ctxOf, modelOf, run } from './helpers.ts';

const SYNC = { profile: 'ext4-bh', scenario: 'SYNC', variant: 'bh-v7.0' } as const;

function built(assumptions: Record<string, string>): { model: Model; ctx: KernelCtx } {
  const b = buildKernelModel({ ...SYNC, assumptions });
  if (!b.ok) throw new Error(b.error);
  return b;
}

/** Every reachable state of a model (breadth first). */
function reachable(m: Model): Uint32Array[] {
  const seen = new Set<string>();
  const out: Uint32Array[] = [];
  const ids = new Int32Array(m.actions.length);
  for (const s of m.initialStates()) {
    seen.add(s.join(','));
    out.push(s);
  }
  for (let i = 0; i < out.length; i++) {
    const n = m.enabled(out[i]!, ids);
    for (let k = 0; k < n; k++) {
      const nxt = new Uint32Array(out[i]!.length);
      m.next(out[i]!, ids[k]!, nxt);
      const key = nxt.join(',');
      if (!seen.has(key)) (seen.add(key), out.push(nxt));
    }
  }
  return out;
}

describe('ext4-bh, dioread-nolock=no (SYNC, bh-v7.0)', () => {
  it('writepages converts the fallocated UNWRITTEN blocks under its own handle: the completion ends in bio context', () => {
    const req = { ...SYNC, assumptions: { 'dioread-nolock': 'no' } };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    expect([ctx.f.map.get(s, 0), ctx.f.map.get(s, 1)]).toEqual([UNWRITTEN, UNWRITTEN]);
    const t = run(m, s, 'F ext4_journal_start_with_reserve [B.8]', 'F folio_lock (mpage_prepare_extent_to_map, under the handle) [B.8]', 'F mpage_map_and_submit_extent + stop + unlock [B.8]');
    expect([ctx.f.map.get(t, 0), ctx.f.map.get(t, 1), ctx.f.io.get(t, 0), ctx.f.ioReserved.is(t, 0)]).toEqual([WRITTEN, WRITTEN, IO.BIO, false]);
  });

  it('no end-I/O conversion work is ever queued, and D2 (deadlock) holds, as does every property', () => {
    const { model, ctx } = built({ 'dioread-nolock': 'no' });
    const states = reachable(model);
    expect(states.length).toBeGreaterThan(100);
    for (const s of states) {
      for (let i = 0; i < ctx.cfg.folios; i++) expect(ctx.f.io.get(s, i)).not.toBe(IO.WORK);
      expect(ctx.f.wBusy.is(s)).toBe(false);
      expect(ctx.f.fRsvAttached.is(s)).toBe(false);
    }
    const o = check(model, { stopAtFirst: false });
    expect(o.verdict).toBe('holds');
    if (o.verdict !== 'holds') return;
    expect(o.properties.find((p) => p.property === 'deadlock')).toEqual({ property: 'deadlock', status: 'holds' });
    expect(o.properties.every((p) => p.status === 'holds')).toBe(true);
  });
});

describe('ext4-bh defaults (dioread_nolock, SYNC, bh-v7.0)', () => {
  it('conversions are queued with the reserved handle; D2 holds and the only violation is D1 by writepages-wait', () => {
    const { model, ctx } = built({});
    const states = reachable(model);
    expect(states.some((s) => ctx.f.io.get(s, 0) === IO.WORK && ctx.f.ioReserved.is(s, 0))).toBe(true);
    const o = check(model, { stopAtFirst: false });
    if (o.verdict !== 'violated') throw new Error(`expected D1 to be violated, got ${o.verdict}`);
    expect(o.violations.map((v) => v.property).sort()).toEqual(['D1', 'D1:writepages-wait']);
    expect(o.properties.find((p) => p.property === 'deadlock')).toEqual({ property: 'deadlock', status: 'holds' });
    expect(o.exhaustive).toBe(true);
  });
});
