import { describe, expect, it } from 'vitest';
import { layoutsCommand } from '../../src/cli/commands/layouts.ts';
import { checkCommand } from '../../src/cli/commands/check.ts';
import { describeLayout, findLayout, sweepLayouts } from '../../src/report/layoutSweep.ts';
import { captureIO } from '../helpers/captureIO.ts';

describe('layout sweep', () => {
  it('zeroing outside the handle: no 2-block layout deadlocks or waits on writeback under a handle', () => {
    const r = sweepLayouts({ scenario: 'C1', variant: 'ext4-outside', assumptions: {}, maxBlocks: 2 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.checked).toBe(r.layouts);
    for (const p of r.properties.filter((x) => ['deadlock', 'D1'].includes(x.property))) expect(p.violatingLayouts).toBe(0);
  });

  it('V3 under a handle: some 2-block layout deadlocks, and the smallest witness replays through check --layout', async () => {
    const r = sweepLayouts({ scenario: 'C1', variant: 'V3', assumptions: {}, maxBlocks: 2 });
    if (!r.ok) throw new Error(r.error);
    const dl = r.properties.find((p) => p.property === 'deadlock')!;
    expect(dl.violatingLayouts).toBeGreaterThan(0);
    const id = dl.smallest!.layout.id;
    expect(findLayout(id)).toEqual({ ok: true, layout: dl.smallest!.layout });
    const io = captureIO();
    expect(await checkCommand(['--scenario', 'C1', '--variant', 'V3', '--layout', id, '--property', 'deadlock', '--json'], io)).toBe(1);
    expect(JSON.parse(io.stdout()).violations[0].traceLength).toBe(dl.smallest!.traceLength);
  });

  it('describes a layout in one line', () => {
    const f = findLayout('V3:2:DH:d:1-2:eof1');
    expect(f.ok && describeLayout(f.layout)).toBe('2 blocks [DELALLOC HOLE], folios 2-block dirty, zero [1,2), i_size 1');
  });
});

describe('zrcheck layouts', () => {
  it('prints per property the count and the smallest witness with the command to see it', async () => {
    const io = captureIO();
    expect(await layoutsCommand(['--variant', 'V1c', '--max-blocks', '2', '--property', 'deadlock'], io)).toBe(1);
    expect(io.stdout()).toMatch(/deadlock\s+VIOLATED on \d+ layouts; smallest: /);
    expect(io.stdout()).toMatch(/zrcheck check --scenario C1 --variant V1c --layout V1c:\S+ --property deadlock/);
  });

  it('refuses a bound too large for memory with the estimate, and bad names with the valid ones', async () => {
    for (const [args, msg] of [
      [['--variant', 'V3', '--max-blocks', '6'], /about \d+ layouts \(limit 200000\)/],
      [['--variant', 'V9', '--max-blocks', '2'], /unknown version 'V9'; valid: V0/],
      [['--max-blocks', '2'], /--variant ID is required/],
      [['--variant', 'V3', '--max-blocks', 'two'], /--max-blocks needs a whole number >= 1, got 'two'/],
      [['--variant', 'V3', '--max-blocks', '1', '--property', 'D42'], /unknown property 'D42'/],
    ] as const) {
      const io = captureIO();
      expect(await layoutsCommand([...args], io), args.join(' ')).toBe(2);
      expect(io.stderr()).toMatch(msg);
    }
  });

  it('a bad layout id is one line naming it', async () => {
    const io = captureIO();
    expect(await checkCommand(['--scenario', 'C1', '--variant', 'V3', '--layout', 'V3:2:ZZ'], io)).toBe(2);
    expect(io.stderr()).toMatch(/no generated layout has id 'V3:2:ZZ'/);
  });
});
