/** Writeback primitives (spec B.2, B.8): which folios need a handle, submission per profile, I/O-end work and its order. */
import { describe, expect, it } from 'vitest';
import { endWriteback, finishWork, nextWork, submitFolio, workPending, writebackNeedsHandle } from '../../src/model/writeback.ts';
import { IO } from '../../src/model/state.ts';
import { DATA, DELALLOC, STALE, UNWRITTEN, WRITTEN, ZERO } from '../../src/model/types.ts';
import { ctxOf } from './helpers.ts';

const BH = { profile: 'ext4-bh', variant: 'bh-v7.0' } as const;

describe('writeback primitives (spec B.2, B.8)', () => {
  it('DELALLOC needs a handle; UNWRITTEN only on buffer heads (mapped under the writepages handle)', () => {
    const c6 = ctxOf({ scenario: 'C6', variant: 'V3' });
    expect(writebackNeedsHandle(c6.ctx, c6.s, 0)).toBe(true);
    const c1 = ctxOf({ scenario: 'C1', variant: 'V3' });
    expect(writebackNeedsHandle(c1.ctx, c1.s, 0)).toBe(false);
    const bh = ctxOf({ ...BH, scenario: 'C1' });
    expect(writebackNeedsHandle(bh.ctx, bh.s, 0)).toBe(true);
    const eof = ctxOf({ ...BH, scenario: 'EOF' }); // WRITTEN + post-EOF HOLE: mapped already
    expect(writebackNeedsHandle(eof.ctx, eof.s, 0)).toBe(false);
  });

  it('iomap: submit allocates DELALLOC as UNWRITTEN, writes data, sets writeback; the worker converts and raises i_disksize', () => {
    const { ctx, s } = ctxOf({ scenario: 'C6', variant: 'V3' });
    const f = ctx.f;
    submitFolio(ctx, s, 0, { reserved: false, mapped: true });
    expect([f.map.get(s, 0), f.map.get(s, 1)]).toEqual([UNWRITTEN, UNWRITTEN]);
    expect([f.disk.get(s, 0), f.dirty.is(s, 0), f.folioWriteback.is(s, 0)]).toEqual([DATA, false, true]);
    expect([f.io.get(s, 0), f.ioReserved.is(s, 0), f.iDiskSize.get(s)]).toEqual([IO.WORK, false, 0]);
    finishWork(ctx, s, 0);
    expect([f.map.get(s, 0), f.iDiskSize.get(s)]).toEqual([WRITTEN, 2]);
    expect(f.folioWriteback.is(s, 0)).toBe(true); // conversion first, then end writeback
    endWriteback(ctx, s, 0);
    expect([f.folioWriteback.is(s, 0), f.io.get(s, 0)]).toEqual([false, IO.NONE]);
  });

  it('iomap: a WRITTEN folio that extends i_disksize still goes to the worker', () => {
    const { ctx, s } = ctxOf({ scenario: 'TRUNC', variant: 'V3' }); // dirty over WRITTEN, i_disksize 2
    ctx.f.iDiskSize.set(s, 1);
    submitFolio(ctx, s, 0, { reserved: false, mapped: false });
    expect(ctx.f.io.get(s, 0)).toBe(IO.WORK);
    const bh = ctxOf({ ...BH, scenario: 'TRUNC' });
    bh.ctx.f.iDiskSize.set(bh.s, 1);
    submitFolio(bh.ctx, bh.s, 0, { reserved: false, mapped: false });
    expect(bh.ctx.f.io.get(bh.s, 0)).toBe(IO.BIO); // buffer heads never touch i_disksize at I/O end
  });

  it('buffer heads: the io_end takes the reserved handle and i_disksize is raised in writepages', () => {
    const { ctx, s } = ctxOf({ ...BH, scenario: 'C6' });
    submitFolio(ctx, s, 0, { reserved: true, mapped: true });
    expect([ctx.f.map.get(s, 0), ctx.f.io.get(s, 0), ctx.f.ioReserved.is(s, 0), ctx.f.iDiskSize.get(s)]).toEqual([UNWRITTEN, IO.WORK, true, 2]);
  });

  it("buffer heads with dioread-nolock 'no': DELALLOC allocated WRITTEN, fallocated UNWRITTEN converted in writepages: no I/O-end work", () => {
    const c6 = ctxOf({ ...BH, scenario: 'C6', assumptions: { 'dioread-nolock': 'no' } });
    submitFolio(c6.ctx, c6.s, 0, { reserved: false, mapped: true });
    expect([c6.ctx.f.map.get(c6.s, 0), c6.ctx.f.map.get(c6.s, 1), c6.ctx.f.io.get(c6.s, 0)]).toEqual([WRITTEN, WRITTEN, IO.BIO]);
    expect(c6.ctx.f.map.get(c6.s, 1)).not.toBe(DELALLOC);
    const c1 = ctxOf({ ...BH, scenario: 'C1', assumptions: { 'dioread-nolock': 'no' } });
    expect(c1.ctx.f.map.get(c1.s, 0)).toBe(UNWRITTEN);
    expect(c1.ctx.f.disk.get(c1.s, 0)).toBe(STALE);
    submitFolio(c1.ctx, c1.s, 0, { reserved: false, mapped: true });
    expect([c1.ctx.f.map.get(c1.s, 0), c1.ctx.f.disk.get(c1.s, 0), c1.ctx.f.io.get(c1.s, 0)]).toEqual([WRITTEN, DATA, IO.BIO]);
    expect(workPending(c1.ctx, c1.s)).toBe(false);
  });

  it('writeback zeroes the post-EOF part of the EOF folio and does no I/O for holes', () => {
    const { ctx, s } = ctxOf({ scenario: 'EOF', variant: 'V3' });
    expect(ctx.f.pc.get(s, 1)).toBe(STALE);
    submitFolio(ctx, s, 0, { reserved: false, mapped: false });
    expect(ctx.f.pc.get(s, 1)).toBe(ZERO);
    expect(ctx.f.disk.get(s, 1)).toBe(ZERO);
    expect(ctx.f.io.get(s, 0)).toBe(IO.BIO); // WRITTEN block only, i_disksize unchanged: ends at bio completion
  });

  it('the worker takes completions by file offset on iomap, first in first out on buffer heads', () => {
    for (const [req, first] of [
      [{ scenario: 'C4', variant: 'V3' }, 0],
      [{ ...BH, scenario: 'C4' }, 1],
    ] as const) {
      const { ctx, s } = ctxOf(req);
      expect(nextWork(ctx, s)).toBe(-1);
      submitFolio(ctx, s, 1, { reserved: false, mapped: true });
      submitFolio(ctx, s, 0, { reserved: false, mapped: true });
      expect(nextWork(ctx, s), JSON.stringify(req)).toBe(first);
      finishWork(ctx, s, first);
      endWriteback(ctx, s, first);
      expect(nextWork(ctx, s)).toBe(1 - first);
    }
  });
});
