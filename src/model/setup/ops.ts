/**
 * Setup programs: how a file gets into the state a scenario starts from. Each operation is a
 * sequential file-system call run to completion (no other thread), from an empty file:
 * buffered writes, fallocate, writeback to quiescence, truncate, punch, reads, dropping clean
 * pages, and an mmap write past EOF. A scenario's start is the state its program leaves, so a
 * layout ext4 cannot be in (dirty data over a HOLE below EOF, where ext4 has DELALLOC) never
 * starts a check.
 *
 * Block-granular, like the model: a zeroed block stands for the partial block the kernel
 * zeroes, and sizes are whole blocks (a folio of two blocks straddling EOF has one block past it).
 */
import type { ProfileBehaviour } from '../profiles/index.ts';
import { COW_DELALLOC, COW_NONE, DATA, DELALLOC, HOLE, STALE, UNWRITTEN, WRITTEN, ZERO, type FileState } from '../types.ts';

export type SetupOp =
  /** Buffered write of blocks [from, to): HOLE becomes DELALLOC, page cache holds data, folios dirty; i_size grows. */
  | { readonly op: 'write'; readonly from: number; readonly to: number }
  /** fallocate: HOLE blocks of [from, to) become UNWRITTEN (stale on disk); without keep-size i_size (and i_disksize) grow. */
  | { readonly op: 'fallocate'; readonly from: number; readonly to: number; readonly keepSize: boolean }
  /** sync: every dirty folio written back and every completion done; post-EOF page cache zeroed. */
  | { readonly op: 'writeback' }
  /** truncate to `size` (setattr): blocks past it freed, page cache past it dropped or zeroed. */
  | { readonly op: 'truncate'; readonly size: number }
  /** punch hole [from, to): blocks become HOLE, their page cache zeroed. */
  | { readonly op: 'punch'; readonly from: number; readonly to: number }
  /** read [from, to): folios brought into the page cache, clean. */
  | { readonly op: 'read'; readonly from: number; readonly to: number }
  /** Drop clean folios from the page cache (drop_caches, reclaim). */
  | { readonly op: 'evict' }
  /** An mmap store past EOF into the cached EOF folio: garbage in its post-EOF blocks, folio dirty. */
  | { readonly op: 'mmap-past-eof' }
  /**
   * XFS reflink: COW-fork delalloc over blocks [from, to) (the cowextsize preallocation a write
   * to a shared block leaves around it: research XFS 3, T13). Only on profiles with a COW fork.
   */
  | { readonly op: 'cow-prealloc'; readonly from: number; readonly to: number };

/** Static geometry the setup runs over: blocks and how they group into folios. */
export interface Geometry {
  readonly blocks: number;
  readonly folioBlocks: readonly number[];
}

export function folioOfBlocks(g: Geometry): number[] {
  const out: number[] = [];
  g.folioBlocks.forEach((n, i) => {
    for (let k = 0; k < n; k++) out.push(i);
  });
  return out;
}

/** The empty file: every block a HOLE, nothing cached, size 0. */
export function emptyFile(g: Geometry): FileState {
  return {
    map: new Array(g.blocks).fill(HOLE),
    disk: new Array(g.blocks).fill(ZERO),
    pc: new Array(g.blocks).fill(ZERO),
    cached: new Array(g.folioBlocks.length).fill(false),
    dirty: new Array(g.folioBlocks.length).fill(false),
    iSize: 0,
    iDiskSize: 0,
    cow: new Array(g.blocks).fill(COW_NONE),
  };
}

interface Mutable {
  cow: number[];
  map: number[];
  disk: number[];
  pc: number[];
  cached: boolean[];
  dirty: boolean[];
  iSize: number;
  iDiskSize: number;
}

function copy(s: FileState): Mutable {
  return { cow: [...s.cow], map: [...s.map], disk: [...s.disk], pc: [...s.pc], cached: [...s.cached], dirty: [...s.dirty], iSize: s.iSize, iDiskSize: s.iDiskSize };
}

/** What a read of block b returns from disk (HOLE/UNWRITTEN/DELALLOC read zero). */
function diskView(s: Mutable, b: number): number {
  return s.map[b] === WRITTEN ? s.disk[b]! : ZERO;
}

/** Brings folio f into the page cache (clean), filling it from disk. */
function cacheIn(s: Mutable, folioOf: readonly number[], f: number): void {
  if (s.cached[f]) return;
  s.cached[f] = true;
  s.dirty[f] = false;
  folioOf.forEach((ff, b) => {
    if (ff === f) s.pc[b] = diskView(s, b);
  });
}

/**
 * Applies one operation, or returns why it does not apply (so a program generator can skip it).
 * `b` decides how writeback allocates (always UNWRITTEN on ext4-iomap; UNWRITTEN only with
 * dioread_nolock on buffer heads): after the sync every completion has run, so either way the
 * written blocks end WRITTEN.
 */
export function applyOp(g: Geometry, state: FileState, op: SetupOp, b: ProfileBehaviour): FileState | string {
  const s = copy(state);
  const folioOf = folioOfBlocks(g);
  const n = g.blocks;
  const inRange = (from: number, to: number) => Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from < to && to <= n;
  switch (op.op) {
    case 'write': {
      if (!inRange(op.from, op.to)) return `write [${op.from}, ${op.to}) is outside 0..${n}`;
      if (op.from > s.iSize) return `write at ${op.from} leaves a gap after EOF ${s.iSize} (extend with truncate first)`;
      for (let b = op.from; b < op.to; b++) {
        cacheIn(s, folioOf, folioOf[b]!);
        // A write that finds COW-fork blocks uses them; the data fork stays as it is (XFS, T1 found_cow).
        if (s.map[b] === HOLE && s.cow[b] === COW_NONE) s.map[b] = DELALLOC;
        s.pc[b] = DATA;
        s.dirty[folioOf[b]!] = true;
      }
      s.iSize = Math.max(s.iSize, op.to);
      return s;
    }
    case 'fallocate': {
      if (!inRange(op.from, op.to)) return `fallocate [${op.from}, ${op.to}) is outside 0..${n}`;
      let any = false;
      for (let b = op.from; b < op.to; b++) {
        if (s.map[b] !== HOLE) continue;
        s.map[b] = UNWRITTEN;
        s.disk[b] = STALE;
        if (s.cached[folioOf[b]!]) s.pc[b] = ZERO;
        any = true;
      }
      if (!op.keepSize && op.to > s.iSize) {
        // ext4_alloc_file_blocks: pagecache_isize_extended + ext4_zero_partial_blocks zero what
        // lay past the old EOF in the cached EOF folio before the new size exposes it.
        for (let b = s.iSize; b < op.to; b++) if (s.cached[folioOf[b]!] && s.pc[b] === STALE) s.pc[b] = ZERO;
        s.iSize = op.to;
        s.iDiskSize = op.to;
        any = true;
      }
      return any ? s : 'fallocate changes nothing';
    }
    case 'writeback': {
      if (!s.dirty.some((d) => d)) return 'nothing is dirty';
      for (let f = 0; f < s.dirty.length; f++) {
        if (!s.dirty[f]) continue;
        folioOf.forEach((ff, b) => {
          if (ff !== f) return;
          if (b >= s.iSize) {
            s.pc[b] = ZERO; // iomap_writepage_handle_eof / ext4_bio_write_folio zero the post-EOF part
            return;
          }
          if (s.cow[b] !== COW_NONE) {
            // XFS: the data goes to the COW block, which completion remaps into the data fork.
            s.cow[b] = COW_NONE;
            s.map[b] = WRITTEN;
            s.disk[b] = s.pc[b]!;
            return;
          }
          if (s.map[b] === HOLE) return;
          // DELALLOC is allocated (UNWRITTEN or WRITTEN); the I/O lands and every completion,
          // conversion included, has run by the end of the sync.
          s.map[b] = WRITTEN;
          s.disk[b] = s.pc[b]!;
        });
        s.dirty[f] = false;
      }
      s.iDiskSize = s.iSize;
      return s;
    }
    case 'truncate': {
      if (!Number.isInteger(op.size) || op.size < 0 || op.size > n) return `truncate to ${op.size} is outside 0..${n}`;
      if (op.size === s.iSize) return 'truncate to the same size';
      if (op.size < s.iSize) {
        for (let b = op.size; b < n; b++) {
          s.map[b] = HOLE;
          s.disk[b] = ZERO;
          s.cow[b] = COW_NONE; // truncation cancels COW blocks past the new size
        }
        for (let f = 0; f < s.cached.length; f++) {
          const blocks = folioOf.map((ff, b) => (ff === f ? b : -1)).filter((b) => b >= 0);
          if (blocks[0]! >= op.size) {
            s.cached[f] = false; // truncate_inode_pages_range drops folios wholly past the new size
            s.dirty[f] = false;
            for (const b of blocks) s.pc[b] = ZERO;
          } else for (const b of blocks) if (b >= op.size) s.pc[b] = ZERO; // the EOF folio's tail
        }
      } else {
        // truncate_setsize + pagecache_isize_extended: the cached EOF folio's post-EOF part is zeroed.
        for (let b = s.iSize; b < op.size; b++) if (s.cached[folioOf[b]!]) s.pc[b] = ZERO;
      }
      s.iSize = op.size;
      s.iDiskSize = op.size;
      return s;
    }
    case 'punch': {
      if (!inRange(op.from, op.to)) return `punch [${op.from}, ${op.to}) is outside 0..${n}`;
      if (op.from >= s.iSize) return 'punch at or beyond EOF does nothing';
      for (let b = op.from; b < op.to; b++) {
        s.map[b] = HOLE;
        s.disk[b] = ZERO;
        if (s.cached[folioOf[b]!]) s.pc[b] = ZERO;
      }
      return s;
    }
    case 'read': {
      if (!inRange(op.from, op.to)) return `read [${op.from}, ${op.to}) is outside 0..${n}`;
      if (op.from >= s.iSize) return 'read past EOF caches nothing';
      let any = false;
      for (let b = op.from; b < Math.min(op.to, s.iSize); b++) {
        if (!s.cached[folioOf[b]!]) any = true;
        cacheIn(s, folioOf, folioOf[b]!);
      }
      return any ? s : 'already cached';
    }
    case 'evict': {
      let any = false;
      for (let f = 0; f < s.cached.length; f++) {
        if (!s.cached[f] || s.dirty[f]) continue;
        s.cached[f] = false;
        folioOf.forEach((ff, b) => {
          if (ff === f) s.pc[b] = ZERO;
        });
        any = true;
      }
      return any ? s : 'nothing clean to evict';
    }
    case 'cow-prealloc': {
      if (!b.cowFork) return 'this kernel has no COW fork';
      if (!inRange(op.from, op.to)) return `cow-prealloc [${op.from}, ${op.to}) is outside 0..${n}`;
      let any = false;
      for (let k = op.from; k < op.to; k++) {
        if (s.cow[k] !== COW_NONE || s.map[k] !== HOLE) continue;
        s.cow[k] = COW_DELALLOC;
        any = true;
      }
      return any ? s : 'no data-fork hole without COW blocks in the range';
    }
    case 'mmap-past-eof': {
      if (s.iSize === 0 || s.iSize >= n) return 'no EOF folio with blocks past EOF';
      const f = folioOf[s.iSize - 1]!;
      if (!s.cached[f] || folioOf[s.iSize] !== f) return 'the EOF folio is not cached or has no block past EOF';
      for (let b = s.iSize; b < n && folioOf[b] === f; b++) s.pc[b] = STALE;
      s.dirty[f] = true;
      return s;
    }
  }
}

/** Runs a program from the empty file; an error names the step that does not apply. */
export function runSetup(g: Geometry, ops: readonly SetupOp[], b: ProfileBehaviour): { ok: true; state: FileState } | { ok: false; error: string } {
  let s = emptyFile(g);
  for (const [i, op] of ops.entries()) {
    const r = applyOp(g, s, op, b);
    if (typeof r === 'string') return { ok: false, error: `setup step ${i + 1} (${opText(op)}): ${r}` };
    s = r;
  }
  return { ok: true, state: s };
}

/** `write 0-2`, `fallocate 1-3 keep`, `truncate 1`: one operation as traces and ids show it. */
export function opText(op: SetupOp): string {
  switch (op.op) {
    case 'write':
      return `write ${op.from}-${op.to}`;
    case 'fallocate':
      return `fallocate ${op.from}-${op.to}${op.keepSize ? ' keep' : ''}`;
    case 'truncate':
      return `truncate ${op.size}`;
    case 'punch':
      return `punch ${op.from}-${op.to}`;
    case 'read':
      return `read ${op.from}-${op.to}`;
    case 'cow-prealloc':
      return `cow-prealloc ${op.from}-${op.to}`;
    default:
      return op.op;
  }
}

export function programText(ops: readonly SetupOp[]): string {
  return ops.length === 0 ? 'empty file' : ops.map(opText).join('; ');
}
