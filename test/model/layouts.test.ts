/** The layout generator: every reachable start x caller x flusher, parseable ids, bounds, and the V4 finding it exposes. */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/explorer/check.ts';
import { buildKernelModel } from '../../src/kernel/build.ts';
import { classifyViolation } from '../../src/kernel/classify.ts';
import { describeLayout, generateLayouts, layoutFromId, PROFILES, runSetup, type GeneratedLayout } from '../../src/model/index.ts';
import { UNWRITTEN } from '../../src/model/types.ts';

const IOMAP = PROFILES.find((p) => p.id === 'ext4-iomap')!.behaviour;

function layouts(opts: Omit<Parameters<typeof generateLayouts>[0], 'behaviour'>, behaviour = IOMAP): GeneratedLayout[] {
  const g = generateLayouts({ behaviour, ...opts });
  if (!g.ok) throw new Error(g.error);
  return g.layouts;
}

describe('layout generator', () => {
  it('enumerates every reachable small layout on each profile; ids are unique, round-trip and build', () => {
    for (const p of PROFILES) {
      // XFS has fewer callers (no punch, no zero range) but COW-fork starts and insert range.
      const sizes = p.id === 'xfs' ? [24, 6588] : [126, 10854];
      expect(layouts({ maxBlocks: 1 }, p.behaviour).length, p.id).toBe(sizes[0]);
      const all = layouts({ maxBlocks: 2 }, p.behaviour);
      expect(all.length, p.id).toBe(sizes[1]);
      expect(new Set(all.map((l) => l.id)).size).toBe(all.length);
      for (const l of all) {
        const back = layoutFromId(l.id, p.behaviour);
        if (!back.ok) throw new Error(back.error);
        expect(back.layout).toEqual(l);
      }
      const version = p.versions[0]!.id;
      for (let i = 0; i < all.length; i += 97) {
        const b = buildKernelModel({ profile: p.id, variant: version, layout: all[i]! });
        expect(b.ok, `${p.id} ${all[i]!.id}: ${b.ok ? '' : b.error}`).toBe(true);
      }
    }
  });

  it('narrows by caller and flusher; unaligned starts add the "+" variants of punch and zero range only', () => {
    const all = layouts({ maxBlocks: 2 });
    const none = layouts({ maxBlocks: 2, flushers: ['none'] });
    expect(none.length * 3).toBe(all.length);
    expect(none.every((l) => l.flusher === 'none')).toBe(true);
    const punch = layouts({ maxBlocks: 2, callers: ['punch'] });
    expect(punch.length).toBe(all.filter((l) => l.caller.kind === 'punch').length);
    expect(punch.every((l) => l.caller.kind === 'punch')).toBe(true);
    const un = layouts({ maxBlocks: 2, unalignedStarts: true });
    const extra = un.filter((l) => l.caller.unalignedStart === true);
    expect(un.length - extra.length).toBe(all.length);
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.every((l) => ['punch', 'zero-range', 'zero-range-extend'].includes(l.caller.kind) && /:[PZX]\d\+-/.test(l.id))).toBe(true);
  });

  it('refuses a bound out of range, or too many layouts, as a value', () => {
    for (const maxBlocks of [0, 5, 1.5]) {
      const g = generateLayouts({ maxBlocks, behaviour: IOMAP });
      expect(g.ok ? '' : g.error).toMatch(new RegExp(`^maxBlocks ${maxBlocks} must be an integer in 1\\.\\.4`));
    }
    const capped = generateLayouts({ maxBlocks: 2, behaviour: IOMAP, maxLayouts: 10 });
    expect(capped.ok ? '' : capped.error).toMatch(/^maxBlocks 2 gives more than 10 layouts; narrow it with --caller or --flusher/);
  });

  it('describes a layout in one line, its start from its setup program', () => {
    const l = layoutFromId('2:P0-2:none:w0-1.fk0-2', IOMAP);
    if (!l.ok) throw new Error(l.error);
    expect(describeLayout(l.layout, IOMAP)).toBe(
      '2 blocks in 1 folio: after write 0-1; fallocate 0-2 keep -> [DELALLOC UNWRITTEN] dirty, i_size 1; punch hole [0,2); no flusher',
    );
  });

  it('FINDING: under a handle V4 still deadlocks for some 2-block layouts (UNWRITTEN at or beyond EOF gets no batch); filling every UNWRITTEN mapping removes it', () => {
    const deadlocked = (assumptions: Record<string, string>): { id: string; mechanism: string | undefined }[] => {
      const out: { id: string; mechanism: string | undefined }[] = [];
      for (const l of layouts({ maxBlocks: 2, flushers: ['none'] })) {
        const b = buildKernelModel({ variant: 'V4', layout: l, assumptions });
        if (!b.ok) throw new Error(b.error);
        const o = check(b.model, { stopAtFirst: false });
        const v = o.verdict === 'violated' ? o.violations.find((x) => x.property === 'deadlock') : undefined;
        if (v === undefined) continue;
        out.push({ id: l.id, mechanism: classifyViolation(b.model, b.ctx, 'deadlock', v.trace.steps.at(-1)?.state ?? v.trace.initial) });
      }
      return out;
    };
    const dead = deadlocked({});
    expect(dead.length).toBe(48);
    expect(new Set(dead.map((d) => d.mechanism))).toEqual(new Set(['C1-unfilled']));
    expect(dead.map((d) => d.id)).toContain('2:P0-2:none:w0-1.fk0-2');
    // Every one starts with an UNWRITTEN block at or beyond EOF inside the zeroed range.
    for (const { id } of dead) {
      const l = layoutFromId(id, IOMAP);
      if (!l.ok) throw new Error(l.error);
      const st = runSetup({ blocks: l.layout.blocks, folioBlocks: l.layout.folioBlocks }, l.layout.program, IOMAP);
      if (!st.ok) throw new Error(st.error);
      const { zeroStart, zeroEnd } = l.layout.caller;
      const blocks = [...Array(zeroEnd - zeroStart).keys()].map((k) => zeroStart + k);
      expect(blocks.some((b) => st.state.map[b] === UNWRITTEN && b >= st.state.iSize), id).toBe(true);
    }
    expect(deadlocked({ 'ext4-fill': 'all-unwritten' })).toEqual([]);
  }, 60_000);
});
