/**
 * XFS, the other iomap user (issue 9; research XFS 1-8): the same iomap versions under XFS's
 * ILOCK, transactions and COW fork. The stories of the XFS side of the thread: V2a breaking
 * generic/363, the V4 lift, Brian's "the race cannot happen under the ILOCK", and Dave's
 * "false positive on the inode lock".
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/explorer/check.ts';
import { buildKernelModel } from '../../src/kernel/build.ts';
import { PROFILES, SCENARIOS } from '../../src/model/index.ts';
import { scenarioApplies } from '../../src/model/scenarios.ts';
import { ZP } from '../../src/model/state.ts';
import { runScenario } from './run.ts';

const XFS_VERSIONS = ['V0', 'V1c', 'V2', 'V2a', 'V3', 'V4', 'v7.1'];
const xfs = PROFILES.find((p) => p.id === 'xfs')!;
const xfsScenarios = SCENARIOS.filter((s) => scenarioApplies(s.id, xfs.behaviour, 'xfs') === undefined).map((s) => s.id);
const run = (scenario: string, variant: string, assumptions: Record<string, string> = {}, counterfactual = false) => runScenario(scenario, variant, assumptions, 'xfs', counterfactual);

describe('XFS: no wait under the ILOCK, no deadlock', () => {
  it('runs its own scenarios and the ext4 stories whose caller XFS has (EOF, TRUNC), not punch or zero range', () => {
    expect(xfsScenarios).toEqual(['EOF', 'ISIZE', 'TRUNC', 'X-COW', 'X-EOF', 'X-C4']);
    expect(scenarioApplies('C1', xfs.behaviour, 'xfs')).toMatch(/zeroes through punch, which profile xfs does not model/);
  });

  it('in every XFS scenario and version nothing waits on writeback under the ILOCK (D1), locks a folio under it (D8), or deadlocks (D2)', () => {
    for (const s of xfsScenarios) {
      for (const v of XFS_VERSIONS) {
        const r = run(s, v);
        expect([r.verdict.D1, r.verdict.D8, r.verdict.deadlock], `${s}/${v}`).toEqual(['holds', 'holds', 'holds']);
        expect(r.states, `${s}/${v}`).toBeGreaterThan(10);
      }
    }
  });

  it('V4: the lifted hole flush runs after dropping the ILOCK, then restarts the lookup', () => {
    const b = buildKernelModel({ profile: 'xfs', scenario: 'X-COW', variant: 'V4' });
    if (!b.ok) throw new Error(b.error);
    const names = b.model.actions.map((a) => a.name);
    expect(names).toContain('Z filemap_write_and_wait_range (xfs_buffered_write_iomap_begin, ILOCK dropped) [B.4]');
    // Exhaustively: whenever the zeroer is in the lifted flush it holds no ILOCK.
    const { f } = b.ctx;
    const seen = new Set<string>();
    const todo = [...b.model.initialStates()];
    const out = new Int32Array(b.model.actions.length);
    let inLift = 0;
    while (todo.length > 0) {
      const s = todo.pop()!;
      const k = s.join(',');
      if (seen.has(k)) continue;
      seen.add(k);
      const pc = f.zPc.get(s);
      if (pc === ZP.XLIFT_WRITE || pc === ZP.XLIFT_WAIT) {
        inLift++;
        expect(f.zIlock.is(s)).toBe(false);
      }
      for (let i = 0, n = b.model.enabled(s, out); i < n; i++) {
        const t = new Uint32Array(s.length);
        b.model.next(s, out[i]!, t);
        todo.push(t);
      }
    }
    expect(inLift).toBeGreaterThan(0);
  });

  it("Dave Chinner's verdict: V2's kmalloc under the ILOCK deadlocks only if reclaim really waited for that ILOCK", () => {
    expect(run('X-C4', 'V2').verdict.deadlock).toBe('holds');
    const r = run('X-C4', 'V2', { 'kmalloc-reclaim': 'blocks' });
    expect(r.verdict['D2:ilock-reclaim']).toBe(5);
    expect(r.model.waitsFor!(r.last.deadlock!, 0)).toMatchObject({ kind: 'ILOCK', on: [0], lockdep: 'tracked' });
  });
});

describe('X-COW: dirty data over a COW-backed hole, truncate down into it', () => {
  it('V2a (and V0) return from iomap_zero_range with the data still there: the lookup reports a HOLE and nothing flushes it', () => {
    for (const v of ['V2a', 'V0']) {
      const r = run('X-COW', v);
      expect(r.verdict.D3, v).toBe(5);
      expect(r.trace.D3, v).toContain('Z iomap_iter_advance_full (skip mapping) [B.4]');
    }
    // truncate_setsize then zeroes the page cache, but a writeback that remapped the COW block in
    // between left the data on disk, where the zeroing should have reached (D4).
    expect(run('X-COW', 'V2a').verdict.D4).toBe(11);
  });

  it('the hole flush (V1c..V3), the V4 lift and the v7.1 COW batch zero it', () => {
    for (const v of ['V1c', 'V2', 'V3', 'V4', 'v7.1']) {
      const r = run('X-COW', v);
      expect([r.verdict.D3, r.verdict.D4], v).toEqual(['holds', 'holds']);
    }
  });
});

describe("X-EOF: Brian's generic/363 (a written post-EOF block after insert range)", () => {
  it('V2a: writeback after the size bump remaps the post-EOF COW block, and the shift leaves it WRITTEN past EOF', () => {
    const r = run('X-EOF', 'V2a');
    expect(r.verdict.D9).toBe(12);
    expect(r.trace.D9).toEqual([
      'Z filemap_range_needs_writeback [B.1]',
      'Z xfs_buffered_write_iomap_begin: ILOCK, lookup (->iomap_begin) [B.6]',
      'Z iomap_iter_advance_full (skip mapping) [B.4]',
      'Z iomap_iter (range done) [B.3]',
      'Z xfs_zero_range returns [B.9]',
      'Z i_size -> 2 + pagecache_isize_extended [D5]',
      'Z filemap_write_and_wait_range: writepages (size-flush) [B.2]',
      'W xfs_end_io -> xfs_end_ioend_write: ILOCK, convert/remap, setfilesize, folio_end_writeback f0 [B.8]',
      'Z __filemap_fdatawait_range (size-flush) [B.2]',
      'Z xfs_flush_unmap_range: writepages (shift-flush) [B.2]',
      'Z __filemap_fdatawait_range (shift-flush) [B.2]',
      'Z xfs_insert_file_space: cancel COW, shift extents from 0 by 1 [B.9]',
    ]);
  });

  it('the hole flush, the V4 lift and v7.1 (its EOF flush before the size bump, 4/8) keep every post-EOF block unwritten', () => {
    for (const v of ['V1c', 'V2', 'V3', 'V4', 'v7.1']) expect(run('X-EOF', v).verdict.D9, v).toBe('holds');
    const b = buildKernelModel({ profile: 'xfs', scenario: 'X-EOF', variant: 'v7.1' });
    if (!b.ok) throw new Error(b.error);
    expect(b.model.actions.map((a) => a.name)).toContain('Z filemap_write_and_wait_range: writepages (eof-flush) [B.2]');
  });
});

describe("X-C4: the mapping/batch race under the ILOCK (Brian's argument)", () => {
  it('with the ILOCK held from the lookup through the fill, and the conversion taking it, the race cannot happen (D6, D3, D4 hold)', () => {
    for (const v of ['V2', 'V2a', 'V3', 'V4', 'v7.1']) {
      const r = run('X-C4', v);
      expect([r.verdict.D6, r.verdict.D3, r.verdict.D4], v).toEqual(['holds', 'holds', 'holds']);
    }
  });

  it('COUNTERFACTUAL: drop the ILOCK between the lookup and the fill and the race is back (C4-stale-mapping)', () => {
    const r = run('X-C4', 'V3', { 'ilock-across-fill': 'no' }, true);
    expect(r.model.name).toContain('COUNTERFACTUAL');
    expect(r.verdict.D6).toBe(6);
    expect(r.trace.D6).toEqual([
      'Z filemap_range_needs_writeback [B.1]',
      'Z xfs_buffered_write_iomap_begin: ILOCK, lookup (->iomap_begin) [B.6]',
      'F folio_lock (writeback_iter, WB_SYNC_NONE) [C.6]',
      'F xfs_vm_writepages: submit, folio_unlock (no allocation) [B.8]',
      'W xfs_end_io -> xfs_end_ioend_write: ILOCK, convert/remap, setfilesize, folio_end_writeback f0 [B.8]',
      'Z iomap_fill_dirty_folios (under the ILOCK), xfs_iunlock [B.5]',
    ]);
    // No page-cache pre-zeroing on XFS: the stale data survives on disk too.
    expect(r.verdict.D4).not.toBe('holds');
  });

  it('so does a conversion that would not take the ILOCK (conversion-ilock=no, the spec\'s INFERRED point)', () => {
    expect(run('X-C4', 'V3', { 'conversion-ilock': 'no' }).verdict.D6).toBe(6);
  });
});

describe('EOF on XFS: an mmap store past EOF, then truncate up', () => {
  it('without pagecache_isize_extended zeroing, v7.1 and V2a expose the garbage; the V4 lift and the hole flush do not', () => {
    for (const v of ['V2a', 'v7.1']) expect(run('EOF', v, { 'isize-zeroing': 'no' }).verdict.D5, v).not.toBe('holds');
    for (const v of ['V1c', 'V3', 'V4']) expect(run('EOF', v, { 'isize-zeroing': 'no' }).verdict.D5, v).toBe('holds');
  });
});

describe('bad input on the xfs profile', () => {
  it('refuses ext4 versions and assumptions with one line naming the profile they belong to', () => {
    const r = buildKernelModel({ profile: 'xfs', scenario: 'X-COW', variant: 'next-v2' });
    expect(!r.ok && r.error).toMatch(/variant next-v2 does not exist in profile xfs: next-v2 is an ext4 series/);
    const a = buildKernelModel({ profile: 'xfs', scenario: 'X-COW', variant: 'V3', assumptions: { 'pre-zero': 'no' } });
    expect(!a.ok && a.error).toMatch(/assumption 'pre-zero' belongs to profile ext4-iomap, not xfs/);
    const c = buildKernelModel({ profile: 'xfs', scenario: 'C1', variant: 'V3' });
    expect(!c.ok && c.error).toMatch(/scenario C1 zeroes through punch, which profile xfs does not model/);
    const x = buildKernelModel({ profile: 'ext4-iomap', scenario: 'X-EOF', variant: 'V3' });
    expect(!x.ok && x.error).toMatch(/scenario X-EOF is a story about xfs, not ext4-iomap/);
  });

  it('checks a run that the exhaustive search decides: state counts are reported', () => {
    const b = buildKernelModel({ profile: 'xfs', scenario: 'X-C4', variant: 'v7.1' });
    if (!b.ok) throw new Error(b.error);
    const o = check(b.model, { stopAtFirst: false });
    if (o.verdict !== 'holds') throw new Error(`X-C4/v7.1: ${o.verdict}`);
    expect(o.stats.states).toBeGreaterThan(20);
  });
});
