/** `zrcheck layouts`: the sweep over reachable layouts, per mechanism, with replayable witnesses. */
import { describe, expect, it } from 'vitest';
import { layoutsCommand } from '../../src/cli/commands/layouts.ts';
import { checkCommand } from '../../src/cli/commands/check.ts';
import { sweepLayouts } from '../../src/sweep/sweep.ts';
import { describeLayout, layoutFromId, resolveProfile } from '../../src/model/index.ts';
import { captureIO } from '../helpers/captureIO.ts';

const iomap = (() => {
  const r = resolveProfile('ext4-iomap', 'V4');
  if (!r.ok) throw new Error(r.error);
  return r.resolved.behaviour;
})();

describe('layout sweep', () => {
  it('zeroing outside the handle (next-v2): no 1-block layout deadlocks or waits on writeback under a handle', async () => {
    const r = await sweepLayouts({ profile: 'ext4-iomap', variant: 'next-v2', assumptions: {}, maxBlocks: 1 });
    if (!r.ok) throw new Error(r.error);
    expect(r.checked).toBe(r.layouts);
    expect(r.layouts).toBeGreaterThan(20);
    for (const p of r.properties.filter((x) => ['deadlock', 'D1'].includes(x.property))) expect(p.status).toBe('holds');
    expect(r.mechanisms.filter((m) => m.properties.includes('D2'))).toEqual([]);
  });

  it('V4, 2 blocks, punch with a background flusher: the mixed UNWRITTEN + DELALLOC folio deadlocks (C6-batch-folio)', async () => {
    const r = await sweepLayouts({ profile: 'ext4-iomap', variant: 'V4', assumptions: {}, maxBlocks: 2, callers: ['punch'], flushers: ['background'] });
    if (!r.ok) throw new Error(r.error);
    const m = r.mechanisms.find((x) => x.mechanism === 'C6-batch-folio')!;
    expect(m).toBeDefined();
    expect(m.properties).toContain('D2');
    const w = m.smallest;
    // The witness's start is reachable by construction: its setup program rebuilds it.
    expect(layoutFromId(w.layout.id, iomap)).toEqual({ ok: true, layout: w.layout });
    expect(describeLayout(w.layout, iomap)).toMatch(/\[UNWRITTEN DELALLOC\] dirty/);
    const io = captureIO();
    expect(await checkCommand(['--variant', 'V4', '--layout', w.layout.id, '--property', w.property, '--json'], io)).toBe(1);
    expect(JSON.parse(io.stdout()).violations[0].traceLength).toBe(w.traceLength);
  });

  it('describes a layout in one line: setup program, resulting start, caller, flusher', () => {
    const f = layoutFromId('2:P0-1:bg:f0-1.w0-2', iomap);
    expect(f.ok && describeLayout(f.layout, iomap)).toBe(
      '2 blocks in 1 folio: after fallocate 0-1; write 0-2 -> [UNWRITTEN DELALLOC] dirty, i_size 2; punch hole [0,1); background flusher',
    );
  });
});

describe('layout sweep on worker processes', () => {
  it('two workers give the same verdicts, counts and witnesses as one process', async () => {
    const req = { profile: 'ext4-iomap', variant: 'V2', assumptions: {}, maxBlocks: 2, callers: ['zero-range' as const], flushers: ['none' as const], parallelFrom: 100 };
    const one = await sweepLayouts({ ...req, jobs: 1 });
    const two = await sweepLayouts({ ...req, jobs: 2 });
    if (!one.ok || !two.ok) throw new Error('sweep failed');
    expect(one.layouts).toBeGreaterThanOrEqual(500);
    expect(one.mechanisms.length).toBeGreaterThan(0);
    expect(two.workers).toBe(2);
    expect({ ...two, workers: 1 }).toEqual(one);
  }, 120_000);
});

describe('zrcheck layouts', () => {
  it('--json reports the mixed UNWRITTEN + DELALLOC deadlock on V4 with its mechanism and a minimal witness', async () => {
    const io = captureIO();
    expect(await layoutsCommand(['--profile', 'ext4-iomap', '--variant', 'V4', '--max-blocks', '2', '--caller', 'punch', '--flusher', 'background', '--json'], io)).toBe(1);
    const j = JSON.parse(io.stdout());
    const m = j.mechanisms.find((x: { mechanism: string }) => x.mechanism === 'C6-batch-folio');
    expect(m.smallest.description).toMatch(/UNWRITTEN DELALLOC/);
    expect(m.smallest.command).toMatch(/^zrcheck check --variant V4 --layout \S+ --property D2:C6-batch-folio$/);
    expect(j.checked).toBe(j.layouts);
  });

  it('prints per mechanism the count and the smallest witness with the command to see it', async () => {
    const io = captureIO();
    expect(await layoutsCommand(['--variant', 'V1c', '--max-blocks', '1', '--flusher', 'none'], io)).toBe(1);
    expect(io.stdout()).toMatch(/^ {2}C1-no-batch\s+\d+ layouts \(D1 D1-literal D2\); smallest: 1 block in 1 folio: /m);
    expect(io.stdout()).toMatch(/zrcheck check --variant V1c --layout 1:\S+ --property D2:C1-no-batch/);
    expect(io.stdout()).toMatch(/^ {2}deadlock\s+VIOLATED on \d+ layouts/m);
  });

  it('refuses bad input with one line naming the value and the valid ones', async () => {
    for (const [args, msg] of [
      [['--variant', 'V3', '--max-blocks', '6'], /maxBlocks 6 must be an integer in 1\.\.4/],
      [['--variant', 'V9', '--max-blocks', '2'], /unknown variant 'V9' for profile ext4-iomap; valid: V1c/],
      [['--profile', 'zfs', '--variant', 'V3', '--max-blocks', '1'], /unknown profile 'zfs'; valid: ext4-iomap, ext4-bh, xfs/],
      [['--variant', 'V0', '--max-blocks', '1'], /counterfactual mix.*--counterfactual/],
      [['--variant', 'V3', '--max-blocks', '1', '--assume', 'dioread-nolock=no'], /belongs to profile ext4-bh/],
      [['--variant', 'V3', '--max-blocks', '1', '--caller', 'fsync'], /unknown caller 'fsync'; valid: punch/],
      [['--variant', 'V3', '--max-blocks', '1', '--flusher', 'kswapd'], /unknown flusher 'kswapd'; valid: none, background, sync/],
      [['--max-blocks', '2'], /--variant ID is required/],
      [['--variant', 'V3', '--max-blocks', 'two'], /--max-blocks needs a whole number >= 1, got 'two'/],
      [['--variant', 'V3', '--max-blocks', '1', '--property', 'D42'], /unknown property 'D42'/],
    ] as const) {
      const io = captureIO();
      expect(await layoutsCommand([...args], io), args.join(' ')).toBe(2);
      expect(io.stderr(), args.join(' ')).toMatch(msg);
      expect(io.stderr().trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('a bad layout id is one line naming it', async () => {
    const io = captureIO();
    expect(await checkCommand(['--variant', 'V3', '--layout', '2:ZZ'], io)).toBe(2);
    expect(io.stderr()).toMatch(/layout id '2:ZZ' does not have 4 parts/);
  });
});
