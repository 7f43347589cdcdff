/** Page-cache primitives: what needs writeback, what a read returns, what persists, and reading a folio in. */
import { describe, expect, it } from 'vitest';
import { LK } from '../../src/model/state.ts';
import { cacheFolio, persistedValue, rangeNeedsWriteback, rangeUnderWriteback, readValue } from '../../src/model/pagecache.ts';
import { DATA, STALE, WRITTEN, ZERO } from '../../src/model/types.ts';
import { ctxOf } from './helpers.ts';

describe('page cache primitives (spec A.1-A.3, B.1)', () => {
  it('filemap_range_needs_writeback: dirty, locked-but-clean, or writeback; cached folios only', () => {
    const { ctx, s } = ctxOf({ scenario: 'C4', variant: 'V3' }); // folios 0, 1 dirty
    expect(rangeNeedsWriteback(ctx, s, 0, 1)).toBe(true);
    ctx.f.dirty.set(s, false, 0);
    expect(rangeNeedsWriteback(ctx, s, 0, 1)).toBe(false);
    ctx.f.lockedBy.set(s, LK.F, 0);
    expect(rangeNeedsWriteback(ctx, s, 0, 1)).toBe(true);
    ctx.f.lockedBy.set(s, LK.C, 0);
    expect(rangeNeedsWriteback(ctx, s, 0, 1)).toBe(true);
    ctx.f.lockedBy.set(s, LK.NONE, 0);
    ctx.f.folioWriteback.set(s, true, 0);
    expect(rangeNeedsWriteback(ctx, s, 0, 1)).toBe(true);
    expect(rangeUnderWriteback(ctx, s, 0, 2)).toBe(0);
    expect(rangeNeedsWriteback(ctx, s, 1, 1)).toBe(false); // empty range
  });

  it('reads: cached folio content, else the mapping (UNWRITTEN and HOLE read zero)', () => {
    const { ctx, s } = ctxOf({ scenario: 'C1', variant: 'V3' });
    expect(readValue(ctx, s, 0)).toBe(DATA); // dirty page cache
    ctx.f.cached.set(s, false, 0);
    expect(ctx.f.disk.get(s, 0)).toBe(STALE);
    expect(readValue(ctx, s, 0)).toBe(ZERO); // UNWRITTEN hides the stale disk
    ctx.f.map.set(s, WRITTEN, 0);
    expect(readValue(ctx, s, 0)).toBe(STALE); // converted: stale data exposed
  });

  it('persisted value: dirty content, post-EOF blocks zeroed by writeback, else the mapping', () => {
    const { ctx, s } = ctxOf({ scenario: 'EOF', variant: 'V3' });
    expect(ctx.f.pc.get(s, 1)).toBe(STALE); // mmap garbage beyond EOF
    expect(persistedValue(ctx, s, 0)).toBe(DATA);
    expect(persistedValue(ctx, s, 1)).toBe(ZERO);
  });

  it('cacheFolio reads uncached blocks from the mapping', () => {
    const { ctx, s } = ctxOf({ scenario: 'EOF', variant: 'V3' });
    ctx.f.cached.set(s, false, 0);
    ctx.f.pc.set(s, STALE, 0);
    cacheFolio(ctx, s, 0);
    expect([ctx.f.pc.get(s, 0), ctx.f.pc.get(s, 1)]).toEqual([DATA, ZERO]);
  });
});
