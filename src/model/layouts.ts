/**
 * Layout generator: every small initial layout (blocks x folio split x mapping type per block
 * x folio absent/clean/dirty x block-aligned zero range x i_size at or one block before the
 * end) for a version, so a user can ask
 * whether any layout of at most N blocks deadlocks. The count is estimated first; a bound
 * too large is refused with the estimate, as a value.
 */
import { layoutError } from './config.ts';
import { MAP_TYPES, type FolioInit, type GeneratedLayout, type MapName, type VersionId } from './types.ts';
import { isVersionId, VERSIONS } from './versions.ts';

/** Layouts the generator will produce at most (each is a model to check). */
export const MAX_LAYOUTS = 200_000;
const FOLIO_STATES: readonly FolioInit[] = ['absent', 'clean', 'dirty'];

function splits(n: number): number[][] {
  const out: number[][] = [];
  if (n <= 4) out.push([n]);
  for (let a = 1; a < n; a++) if (a <= 4 && n - a <= 4) out.push([a, n - a]);
  return out;
}

/** Upper bound on the layouts for 1..maxBlocks blocks (before filtering invalid ones). */
export function estimateLayouts(maxBlocks: number): number {
  let total = 0;
  for (let n = 1; n <= maxBlocks; n++) {
    for (const sp of splits(n)) total += 4 ** n * 3 ** sp.length * ((n * (n + 1)) / 2) * (n > 1 ? 2 : 1);
  }
  return total;
}

export type LayoutsResult = { ok: true; layouts: GeneratedLayout[] } | { ok: false; error: string };

export function generateLayouts(opts: {
  maxBlocks: number;
  version: VersionId;
  /** Also generate each layout with an unaligned first block (V1c's special case). */
  unalignedStarts?: boolean;
  maxLayouts?: number;
}): LayoutsResult {
  const { maxBlocks } = opts;
  if (!isVersionId(opts.version)) {
    return { ok: false, error: `unknown version '${String(opts.version)}'; valid: ${VERSIONS.map((v) => v.id).join(', ')}` };
  }
  if (!Number.isInteger(maxBlocks) || maxBlocks < 1 || maxBlocks > 8) {
    return { ok: false, error: `maxBlocks ${maxBlocks} must be an integer in 1..8 (at most 2 folios of 4 blocks)` };
  }
  const cap = opts.maxLayouts ?? MAX_LAYOUTS;
  const aligns = opts.unalignedStarts === true ? [false, true] : [false];
  const est = estimateLayouts(maxBlocks) * aligns.length;
  if (est > cap) {
    return {
      ok: false,
      error: `maxBlocks ${maxBlocks} gives about ${est} layouts (limit ${cap}); each is a model to check and the list alone needs ~${Math.ceil((est * 400) / 1048576)} MB; use a smaller maxBlocks`,
    };
  }
  const layouts: GeneratedLayout[] = [];
  for (let n = 1; n <= maxBlocks; n++) {
    for (const sp of splits(n)) {
      for (let code = 0; code < 4 ** n; code++) {
        const map: MapName[] = [];
        for (let b = 0, c = code; b < n; b++, c = Math.floor(c / 4)) map.push(MAP_TYPES[c % 4]!);
        for (let fc = 0; fc < 3 ** sp.length; fc++) {
          const folios: FolioInit[] = [];
          for (let i = 0, c = fc; i < sp.length; i++, c = Math.floor(c / 3)) folios.push(FOLIO_STATES[c % 3]!);
          for (let zs = 0; zs < n; zs++) {
            for (let ze = zs + 1; ze <= n; ze++) {
              // i_size at the end of the last block, or one block earlier (UNWRITTEN beyond
              // EOF gets no batch from the thread-era prototype, spec B.6).
              for (let size = n; size >= Math.max(1, n - 1); size--) {
                for (const unaligned of aligns) {
                  const l: GeneratedLayout = {
                    id: `${opts.version}:${sp.join('+')}:${map.map((m) => m[0]).join('')}:${folios.map((x) => x[0]).join('')}:${zs}${unaligned ? '+' : ''}-${ze}:eof${size}`,
                    blocks: n,
                    folioBlocks: sp,
                    map,
                    folios,
                    zeroStart: zs,
                    zeroEnd: ze,
                    iSize: size,
                    ...(unaligned ? { unalignedStart: true } : {}),
                  };
                  if (layoutError(l) === undefined) layouts.push(l);
                }
              }
            }
          }
        }
      }
    }
  }
  return { ok: true, layouts };
}

/**
 * The generated layout with this id (ids look like `V3:2:DH:d:1-2:eof1`: version, blocks,
 * mappings, folio states, zero range, i_size), or an error line. `variant`, when given, must
 * be the version the id was generated for.
 */
export function layoutFromId(id: string, variant?: string): { ok: true; layout: GeneratedLayout } | { ok: false; error: string } {
  const [version, blocks] = id.split(':');
  const n = Number(blocks);
  if (version === undefined || !Number.isInteger(n) || n < 1 || n > 8) {
    return { ok: false, error: `layout id '${id}' is not of the form VERSION:BLOCKS:... as zrcheck layouts prints it` };
  }
  if (variant !== undefined && version !== variant) {
    return { ok: false, error: `layout ${id} was generated for variant ${version}, not ${variant}; use --variant ${version} or a layout of ${variant}` };
  }
  for (const unalignedStarts of [false, true]) {
    const gen = generateLayouts({ maxBlocks: n, version: version as VersionId, unalignedStarts });
    if (!gen.ok) return { ok: false, error: `layout id '${id}': ${gen.error}` };
    const hit = gen.layouts.find((l) => l.id === id);
    if (hit) return { ok: true, layout: hit };
  }
  return { ok: false, error: `no generated layout has id '${id}'` };
}
