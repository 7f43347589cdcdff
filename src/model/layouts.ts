/**
 * Layout generator for the sweep: every reachable start of at most N blocks (1 or 2 folios;
 * src/model/setup/reachable.ts) combined with every caller and range that applies to it and
 * every flusher mode. Each layout carries the setup program that produces its start, so a
 * witness is reproducible and its start is a state a real file can be in.
 *
 * Layout ids are compact and parseable, e.g. `2:P0-1:bg:f0-2.w0-2` = one 2-block folio, punch
 * block 0, background flusher, after `fallocate 0-2; write 0-2`. Caller codes: P punch,
 * Z zero range (KEEP_SIZE), X zero range extending to the range end, D truncate down to >s,
 * U truncate up to >s. Flusher: none, bg, sync. Program ops: w write, f fallocate, fk
 * fallocate KEEP_SIZE, s sync writeback, t truncate, p punch, r read, e evict, m mmap store
 * past EOF.
 */
import type { ProfileBehaviour } from './profiles/index.ts';
import type { SetupOp } from './setup/ops.ts';
import { programText, runSetup } from './setup/ops.ts';
import { reachableStarts } from './setup/reachable.ts';
import { MAP_TYPES, type CallerKind, type CallerSpec, type FileState } from './types.ts';

/** Layouts the generator will produce at most (each is a model to check). */
export const MAX_LAYOUTS = 2_000_000;

export type FlusherMode = 'none' | 'background' | 'sync';
export const FLUSHER_MODES: readonly FlusherMode[] = ['none', 'background', 'sync'];

export interface GeneratedLayout {
  readonly id: string;
  readonly blocks: number;
  readonly folioBlocks: readonly number[];
  readonly program: readonly SetupOp[];
  readonly caller: CallerSpec;
  readonly flusher: FlusherMode;
}

const CALLER_CODE: Readonly<Record<CallerKind, string>> = { punch: 'P', 'zero-range': 'Z', 'zero-range-extend': 'X', 'truncate-down': 'D', 'truncate-up': 'U', 'insert-range': 'I' };
const FLUSHER_CODE: Readonly<Record<FlusherMode, string>> = { none: 'none', background: 'bg', sync: 'sync' };

export function opCode(op: SetupOp): string {
  switch (op.op) {
    case 'write':
      return `w${op.from}-${op.to}`;
    case 'fallocate':
      return `f${op.keepSize ? 'k' : ''}${op.from}-${op.to}`;
    case 'writeback':
      return 's';
    case 'truncate':
      return `t${op.size}`;
    case 'punch':
      return `p${op.from}-${op.to}`;
    case 'read':
      return `r${op.from}-${op.to}`;
    case 'evict':
      return 'e';
    case 'mmap-past-eof':
      return 'm';
    case 'cow-prealloc':
      return `c${op.from}-${op.to}`;
  }
}

function parseOp(code: string): SetupOp | undefined {
  let m = /^(w|fk|f|p|r|c)(\d+)-(\d+)$/.exec(code);
  if (m) {
    const from = Number(m[2]);
    const to = Number(m[3]);
    if (m[1] === 'w') return { op: 'write', from, to };
    if (m[1] === 'c') return { op: 'cow-prealloc', from, to };
    if (m[1] === 'p') return { op: 'punch', from, to };
    if (m[1] === 'r') return { op: 'read', from, to };
    return { op: 'fallocate', from, to, keepSize: m[1] === 'fk' };
  }
  if ((m = /^t(\d+)$/.exec(code))) return { op: 'truncate', size: Number(m[1]) };
  if (code === 's') return { op: 'writeback' };
  if (code === 'e') return { op: 'evict' };
  if (code === 'm') return { op: 'mmap-past-eof' };
  return undefined;
}

function callerCode(c: CallerSpec): string {
  const size = c.kind === 'truncate-down' || c.kind === 'truncate-up' || c.kind === 'zero-range-extend' || c.kind === 'insert-range' ? `>${c.newSize}` : '';
  const at = c.kind === 'insert-range' ? `@${c.insertAt}` : '';
  return `${CALLER_CODE[c.kind]}${c.zeroStart}${c.unalignedStart ? '+' : ''}-${c.zeroEnd}${size}${at}`;
}

export function layoutId(l: Omit<GeneratedLayout, 'id' | 'blocks'>): string {
  return `${l.folioBlocks.join('+')}:${callerCode(l.caller)}:${FLUSHER_CODE[l.flusher]}:${l.program.length === 0 ? '-' : l.program.map(opCode).join('.')}`;
}

/**
 * The callers (with ranges and sizes) that apply to a start of `n` blocks, among the kinds this
 * kernel has (all when `kinds` is omitted).
 */
export function callersFor(state: FileState, n: number, folioOf: readonly number[], unaligned: boolean, kinds?: readonly CallerKind[]): CallerSpec[] {
  const all = callersOf(state, n, folioOf, unaligned);
  return kinds === undefined ? all : all.filter((c) => kinds.includes(c.kind));
}

function callersOf(state: FileState, n: number, folioOf: readonly number[], unaligned: boolean): CallerSpec[] {
  const out: CallerSpec[] = [];
  const size = state.iSize;
  const ranges: [number, number][] = [];
  for (let zs = 0; zs < n; zs++) for (let ze = zs + 1; ze <= n; ze++) ranges.push([zs, ze]);
  const aligns = unaligned ? [false, true] : [false];
  for (const [zs, ze] of ranges) {
    for (const u of aligns) {
      const un = u ? { unalignedStart: true } : {};
      if (zs < size) out.push({ kind: 'punch', zeroStart: zs, zeroEnd: ze, ...un });
      out.push({ kind: 'zero-range', zeroStart: zs, zeroEnd: ze, ...un });
      if (ze > size) out.push({ kind: 'zero-range-extend', zeroStart: zs, zeroEnd: ze, newSize: ze, ...un });
    }
  }
  for (let s = 1; s < size; s++) out.push({ kind: 'truncate-down', zeroStart: s - 1, zeroEnd: s, newSize: s });
  for (let s = size + 1; s <= n; s++) {
    // ext4_block_truncate_page(old size): what lies past the old EOF inside the EOF folio.
    const eofFolio = size > 0 ? folioOf[size - 1]! : -1;
    let ze = size;
    while (size > 0 && ze < s && folioOf[ze] === eofFolio) ze++;
    out.push({ kind: 'truncate-up', zeroStart: size, zeroEnd: ze, newSize: s });
  }
  // XFS insert range of one block below EOF: the shift needs a free block past the new size.
  if (size >= 1 && size + 2 <= n) {
    for (let at = 0; at < size; at++) out.push({ kind: 'insert-range', zeroStart: size, zeroEnd: size + 1, newSize: size + 1, insertAt: at });
  }
  return out;
}

function splits(n: number): number[][] {
  const out: number[][] = [];
  if (n <= 4) out.push([n]);
  for (let a = 1; a < n; a++) if (a <= 4 && n - a <= 4) out.push([a, n - a]);
  return out;
}

export interface LayoutOptions {
  readonly maxBlocks: number;
  readonly behaviour: ProfileBehaviour;
  /** Only these callers (default: all). */
  readonly callers?: readonly CallerKind[];
  /** Only these flusher modes (default: all three). */
  readonly flushers?: readonly FlusherMode[];
  /** Also start zero ranges inside their first block (V1c's special case). */
  readonly unalignedStarts?: boolean;
  readonly maxLayouts?: number;
}

export type LayoutsResult = { ok: true; layouts: GeneratedLayout[] } | { ok: false; error: string };

export function generateLayouts(opts: LayoutOptions): LayoutsResult {
  const { maxBlocks } = opts;
  if (!Number.isInteger(maxBlocks) || maxBlocks < 1 || maxBlocks > 4) {
    return { ok: false, error: `maxBlocks ${maxBlocks} must be an integer in 1..4 (at most 2 folios, each of 1..4 blocks)` };
  }
  const cap = opts.maxLayouts ?? MAX_LAYOUTS;
  const flushers = opts.flushers ?? FLUSHER_MODES;
  const layouts: GeneratedLayout[] = [];
  for (let n = 1; n <= maxBlocks; n++) {
    for (const folioBlocks of splits(n)) {
      const folioOf: number[] = [];
      folioBlocks.forEach((len, i) => {
        for (let k = 0; k < len; k++) folioOf.push(i);
      });
      for (const start of reachableStarts({ blocks: n, folioBlocks }, opts.behaviour)) {
        for (const caller of callersFor(start.state, n, folioOf, opts.unalignedStarts === true, opts.behaviour.callers)) {
          if (opts.callers !== undefined && !opts.callers.includes(caller.kind)) continue;
          for (const flusher of flushers) {
            const l = { folioBlocks, program: start.program, caller, flusher };
            layouts.push({ id: layoutId(l), blocks: n, ...l });
            if (layouts.length > cap) {
              return { ok: false, error: `maxBlocks ${maxBlocks} gives more than ${cap} layouts; narrow it with --caller or --flusher, or use a smaller --max-blocks` };
            }
          }
        }
      }
    }
  }
  return { ok: true, layouts };
}

/** The layout with this id, checked (its program must run, its caller apply), or an error line. */
export function layoutFromId(id: string, behaviour: ProfileBehaviour): { ok: true; layout: GeneratedLayout } | { ok: false; error: string } {
  const parts = id.split(':');
  const bad = (why: string) => ({ ok: false as const, error: `layout id '${id}' ${why}; ids look like 2:P0-1:bg:f0-2.w0-2 (zrcheck layouts prints them)` });
  if (parts.length !== 4) return bad('does not have 4 parts separated by ":"');
  const [fb, cc, fl, prog] = parts as [string, string, string, string];
  const folioBlocks = fb.split('+').map(Number);
  if (folioBlocks.length < 1 || folioBlocks.length > 2 || folioBlocks.some((x) => !Number.isInteger(x) || x < 1 || x > 4)) return bad('has bad folio sizes');
  const blocks = folioBlocks.reduce((a, b) => a + b, 0);
  const cm = /^([PZXDUI])(\d+)(\+?)-(\d+)(?:>(\d+))?(?:@(\d+))?$/.exec(cc);
  if (!cm) return bad(`has a bad caller '${cc}'`);
  const kind = (Object.entries(CALLER_CODE).find(([, c]) => c === cm[1])![0]) as CallerKind;
  const caller: CallerSpec = {
    kind,
    zeroStart: Number(cm[2]),
    zeroEnd: Number(cm[4]),
    ...(cm[5] !== undefined ? { newSize: Number(cm[5]) } : {}),
    ...(cm[3] === '+' ? { unalignedStart: true } : {}),
    ...(cm[6] !== undefined ? { insertAt: Number(cm[6]) } : {}),
  };
  const flusher = (Object.entries(FLUSHER_CODE).find(([, c]) => c === fl)?.[0]) as FlusherMode | undefined;
  if (flusher === undefined) return bad(`has a bad flusher '${fl}' (none, bg, sync)`);
  const program: SetupOp[] = [];
  if (prog !== '-') {
    for (const code of prog.split('.')) {
      const op = parseOp(code);
      if (op === undefined) return bad(`has a bad setup step '${code}'`);
      program.push(op);
    }
  }
  const ran = runSetup({ blocks, folioBlocks }, program, behaviour);
  if (!ran.ok) return { ok: false, error: `layout ${id}: ${ran.error}` };
  const folioOf = folioBlocks.flatMap((len, i) => new Array<number>(len).fill(i));
  const applies = callersFor(ran.state, blocks, folioOf, true, behaviour.callers).some((c) => callerCode(c) === callerCode(caller));
  if (!applies) return { ok: false, error: `layout ${id}: caller ${cc} does not apply to the start its program leaves (i_size ${ran.state.iSize})` };
  return { ok: true, layout: { id, blocks, folioBlocks, program, caller, flusher } };
}

const CALLER_TEXT: Readonly<Record<CallerKind, string>> = {
  punch: 'punch hole',
  'zero-range': 'zero range (KEEP_SIZE)',
  'zero-range-extend': 'zero range (extends i_size)',
  'truncate-down': 'truncate down',
  'truncate-up': 'truncate up',
  'insert-range': 'insert range',
};

/**
 * One line a person reads, e.g. `2 blocks in 1 folio: after fallocate 0-1; write 0-2 ->
 * [UNWRITTEN DELALLOC] dirty, i_size 2; punch hole [0,1); background flusher`.
 */
export function describeLayout(l: GeneratedLayout, behaviour: ProfileBehaviour): string {
  const ran = runSetup({ blocks: l.blocks, folioBlocks: l.folioBlocks }, l.program, behaviour);
  const start = ran.ok
    ? `[${ran.state.map.map((t) => MAP_TYPES[t]).join(' ')}] ${l.folioBlocks
        .map((_n, i) => (!ran.state.cached[i] ? 'not cached' : ran.state.dirty[i] ? 'dirty' : 'clean'))
        .join(' + ')}, i_size ${ran.state.iSize}`
    : `(setup fails: ${ran.error})`;
  const c = l.caller;
  const size = c.newSize !== undefined ? ` to ${c.newSize}` : '';
  const range = c.kind === 'truncate-down' || c.kind === 'truncate-up' ? `${size}, zeroing [${c.zeroStart},${c.zeroEnd})` : ` [${c.zeroStart}${c.unalignedStart ? '+' : ''},${c.zeroEnd})${size}`;
  const flusher = l.flusher === 'none' ? 'no flusher' : l.flusher === 'sync' ? 'fsync (WB_SYNC_ALL)' : 'background flusher';
  return `${l.blocks} block${l.blocks === 1 ? '' : 's'} in ${l.folioBlocks.length} folio${l.folioBlocks.length === 1 ? '' : 's'}: after ${programText(l.program)} -> ${start}; ${CALLER_TEXT[c.kind]}${range}; ${flusher}`;
}
