/**
 * Turns a request (scenario, version, assumptions, optional generated layout) into a
 * KernelConfig, or a one-line error naming the bad value and the valid ones.
 */
import { resolveAssumptions } from './assumptions.ts';
import { isScenarioId, SCENARIOS, scenarioSetup } from './scenarios.ts';
import {
  DATA,
  MAP_TYPES,
  STALE,
  WRITTEN,
  UNWRITTEN,
  ZERO,
  type GeneratedLayout,
  type KernelConfig,
} from './types.ts';
import { isVersionId, VERSIONS, versionSemantics } from './versions.ts';

/**
 * A model request. `layout` (from generateLayouts, or hand-written) replaces the scenario's
 * initial layout; the scenario still chooses the threads, the caller (pre-zeroing, handle)
 * and kmalloc failure. With a layout there are no extra extent boundaries, no size
 * extension, and the flusher covers every folio.
 */
export interface KernelRequest {
  scenario: string;
  variant: string;
  assumptions?: Record<string, string>;
  layout?: GeneratedLayout;
  /** A generated layout by id (as `zrcheck layouts` prints it); must be of this variant. */
  layoutId?: string;
}

export type ConfigResult = { ok: true; cfg: KernelConfig } | { ok: false; error: string };

/** Checks a layout's shape; returns an error line or undefined. */
export function layoutError(l: GeneratedLayout): string | undefined {
  const n = l.blocks;
  if (!Number.isInteger(n) || n < 1 || n > 8) return `layout ${l.id}: blocks ${n} must be an integer in 1..8`;
  if (l.folioBlocks.length < 1 || l.folioBlocks.length > 2) return `layout ${l.id}: ${l.folioBlocks.length} folios; valid: 1 or 2`;
  if (l.folioBlocks.some((x) => !Number.isInteger(x) || x < 1 || x > 4)) return `layout ${l.id}: folio sizes ${l.folioBlocks.join(',')} must each be 1..4 blocks`;
  if (l.folioBlocks.reduce((a, b) => a + b, 0) !== n) return `layout ${l.id}: folio sizes ${l.folioBlocks.join('+')} do not sum to ${n} blocks`;
  if (l.map.length !== n) return `layout ${l.id}: ${l.map.length} mappings for ${n} blocks`;
  const bad = l.map.find((m) => !(MAP_TYPES as readonly string[]).includes(m));
  if (bad !== undefined) return `layout ${l.id}: mapping '${bad}'; valid: ${MAP_TYPES.join(', ')}`;
  if (l.folios.length !== l.folioBlocks.length) return `layout ${l.id}: ${l.folios.length} folio states for ${l.folioBlocks.length} folios`;
  const badF = l.folios.find((x) => x !== 'absent' && x !== 'clean' && x !== 'dirty');
  if (badF !== undefined) return `layout ${l.id}: folio state '${badF}'; valid: absent, clean, dirty`;
  if (!(Number.isInteger(l.zeroStart) && Number.isInteger(l.zeroEnd) && l.zeroStart >= 0 && l.zeroStart < l.zeroEnd && l.zeroEnd <= n)) {
    return `layout ${l.id}: zero range [${l.zeroStart}, ${l.zeroEnd}) must satisfy 0 <= start < end <= ${n}`;
  }
  const size = l.iSize ?? n;
  if (!Number.isInteger(size) || size < 0 || size > n) return `layout ${l.id}: iSize ${size} must be in 0..${n}`;
  let b = 0;
  for (let i = 0; i < l.folioBlocks.length; i++) {
    for (let k = 0; k < l.folioBlocks[i]!; k++, b++) {
      if (l.map[b] === 'DELALLOC' && l.folios[i] !== 'dirty') return `layout ${l.id}: DELALLOC block ${b} needs a dirty folio`;
    }
  }
  return undefined;
}

export function buildConfig(req: KernelRequest): ConfigResult {
  if (!isScenarioId(req.scenario)) {
    return { ok: false, error: `unknown scenario '${req.scenario}'; valid: ${SCENARIOS.map((s) => s.id).join(', ')}` };
  }
  if (!isVersionId(req.variant)) {
    return { ok: false, error: `unknown variant '${req.variant}'; valid: ${VERSIONS.map((v) => v.id).join(', ')}` };
  }
  const a = resolveAssumptions(req.assumptions);
  if (!a.ok) return a;
  const setup = scenarioSetup(req.scenario);
  const l = req.layout ?? setup.layout;
  const le = layoutError(l);
  if (le !== undefined) return { ok: false, error: le };
  const base = versionSemantics(req.variant);
  const sem =
    req.variant === 'ext4-outside' && a.values['ext4-outside-iomap'] === 'V4' ? { ...base, holeFlush: false } : base;
  const n = l.blocks;
  const size = l.iSize ?? n;
  const folioOf: number[] = [];
  const folioStart: number[] = [];
  const folioEnd: number[] = [];
  let b = 0;
  l.folioBlocks.forEach((len, i) => {
    folioStart.push(b);
    for (let k = 0; k < len; k++) folioOf.push(i);
    b += len;
    folioEnd.push(b);
  });
  const initMap = l.map.map((m) => (MAP_TYPES as readonly string[]).indexOf(m));
  const initDisk = initMap.map((m) => (m === WRITTEN ? DATA : m === UNWRITTEN ? STALE : ZERO));
  const initPc = initMap.map((m, blk) => {
    const st = l.folios[folioOf[blk]!];
    if (st === 'dirty') return blk >= size ? STALE : DATA;
    if (st === 'clean') return m === WRITTEN ? DATA : ZERO;
    return ZERO;
  });
  const breaks = req.layout === undefined ? (setup.extentBreaks ?? []) : [];
  const extentStart = initMap.map((_m, blk) => blk === 0 || breaks.includes(blk));
  const flusher = setup.flusher;
  const cfg: KernelConfig = {
    scenario: req.scenario,
    version: req.variant,
    sem,
    assumptions: a.values,
    blocks: n,
    folios: l.folioBlocks.length,
    folioOf,
    folioStart,
    folioEnd,
    extentStart,
    initMap,
    initDisk,
    initPc,
    initFolio: l.folios,
    iSize: size,
    zeroStart: l.zeroStart,
    zeroEnd: l.zeroEnd,
    unalignedStart: l.unalignedStart === true,
    newSize: req.layout === undefined ? setup.newSize : 0,
    underHandle: sem.underHandle && !setup.neverHandle,
    preZero: setup.callerPreZeroes && a.values['pre-zero'] === 'yes',
    withFlusher: flusher !== undefined,
    flusherFirst: flusher === undefined ? 0 : req.layout === undefined ? flusher.first : 0,
    flusherLast: flusher === undefined ? 0 : req.layout === undefined ? flusher.last : l.folioBlocks.length - 1,
    flusherPasses: flusher?.passes ?? 0,
    withCommit: setup.commits > 0,
    commits: setup.commits,
    kmallocMayFail: setup.kmallocMayFail,
    caller: setup.caller,
  };
  return { ok: true, cfg };
}
