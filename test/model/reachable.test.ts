/** Setup programs: every scenario start and every generated layout start is a reachable start, and reachable starts are states ext4 can be in. */
import { describe, expect, it } from 'vitest';
import { generateLayouts, layoutFromId, PROFILES, programText, reachableStarts, runSetup, scenariosFor, scenarioSetup, type Geometry, type ReachableStart } from '../../src/model/index.ts';
import { stateKey } from '../../src/model/setup/reachable.ts';
import { DELALLOC, HOLE, STALE, WRITTEN, ZERO, type FileState } from '../../src/model/types.ts';

const EXT4 = PROFILES.filter((p) => p.id === 'ext4-iomap' || p.id === 'ext4-bh');

const cache = new Map<string, ReachableStart[]>();
function starts(profile: string, g: Geometry): ReachableStart[] {
  const key = `${profile}/${g.folioBlocks.join('+')}`;
  let r = cache.get(key);
  if (r === undefined) {
    r = reachableStarts(g, PROFILES.find((p) => p.id === profile)!.behaviour);
    cache.set(key, r);
  }
  return r;
}
const geometry = (folioBlocks: readonly number[]): Geometry => ({ blocks: folioBlocks.reduce((a, b) => a + b, 0), folioBlocks });
const folioOf = (g: Geometry): number[] => g.folioBlocks.flatMap((n, i) => new Array<number>(n).fill(i));
/** Geometries of at most `n` blocks in at most 2 folios. */
const geometries = (n: number): Geometry[] => {
  const out: Geometry[] = [];
  for (let b = 1; b <= n; b++) {
    out.push(geometry([b]));
    for (let a = 1; a < b; a++) out.push(geometry([a, b - a]));
  }
  return out;
};

describe('reachable starts', () => {
  it("every scenario's start is a reachable start of its geometry, on every profile that runs it", () => {
    for (const p of PROFILES) {
      for (const s of scenariosFor(p)) {
        const setup = scenarioSetup(s.id);
        const g = geometry(setup.folioBlocks);
        const ran = runSetup(g, setup.program, p.behaviour);
        if (!ran.ok) throw new Error(`${p.id}/${s.id}: ${ran.error}`);
        const keys = new Set(starts(p.id, g).map((r) => stateKey(r.state)));
        expect(keys.has(stateKey(ran.state)), `${p.id}/${s.id}: ${programText(setup.program)}`).toBe(true);
      }
    }
  }, 120_000);

  it('every generated 2-block layout starts in a reachable start, and its id round-trips', () => {
    for (const p of EXT4) {
      const g = generateLayouts({ maxBlocks: 2, behaviour: p.behaviour });
      if (!g.ok) throw new Error(g.error);
      const keys = new Map<string, Set<string>>();
      for (const l of g.layouts) {
        const geo = geometry(l.folioBlocks);
        const k = l.folioBlocks.join('+');
        if (!keys.has(k)) keys.set(k, new Set(starts(p.id, geo).map((r) => stateKey(r.state))));
        const ran = runSetup(geo, l.program, p.behaviour);
        if (!ran.ok) throw new Error(`${l.id}: ${ran.error}`);
        expect(keys.get(k)!.has(stateKey(ran.state)), l.id).toBe(true);
        const back = layoutFromId(l.id, p.behaviour);
        if (!back.ok) throw new Error(back.error);
        expect(back.layout, l.id).toEqual(l);
      }
      // Every reachable start of every 1- and 2-block geometry is used by some layout.
      const used = new Set(g.layouts.map((l) => `${l.folioBlocks.join('+')}/${programText(l.program)}`));
      for (const geo of geometries(2)) for (const r of starts(p.id, geo)) expect(used.has(`${geo.folioBlocks.join('+')}/${programText(r.program)}`)).toBe(true);
    }
  });

  it('each reachable start carries a program that reproduces it', () => {
    for (const p of EXT4) {
      for (const g of geometries(3)) {
        for (const r of starts(p.id, g)) {
          const ran = runSetup(g, r.program, p.behaviour);
          if (!ran.ok) throw new Error(ran.error);
          expect(stateKey(ran.state), programText(r.program)).toBe(stateKey(r.state));
        }
      }
    }
  });

  /** What no ext4 file is ever in, by block: a reason, or undefined. */
  function wellFormed(g: Geometry, s: FileState): string | undefined {
    const fo = folioOf(g);
    if (s.iDiskSize > s.iSize) return 'i_disksize above i_size';
    for (let b = 0; b < g.blocks; b++) {
      const f = fo[b]!;
      if (s.dirty[f] && !s.cached[f]) return `folio ${f} dirty but not cached`;
      if (!s.cached[f] && s.pc[b] !== ZERO) return `uncached block ${b} with page-cache content`;
      if (s.map[b] === DELALLOC && !(s.cached[f] && s.dirty[f])) return `DELALLOC block ${b} under a folio that is not dirty`;
      if (s.map[b] === HOLE && s.disk[b] !== ZERO) return `HOLE block ${b} with content on disk`;
      if (b >= s.iSize && (s.map[b] === DELALLOC || s.map[b] === WRITTEN)) return `block ${b} past EOF is ${s.map[b] === DELALLOC ? 'DELALLOC' : 'WRITTEN'}`;
      // ext4 has DELALLOC under dirty data below EOF: a dirty block over a HOLE there holds nothing but zeroes.
      if (b < s.iSize && s.map[b] === HOLE && s.cached[f] && s.dirty[f] && s.pc[b] !== ZERO) return `dirty data over HOLE block ${b} below EOF`;
    }
    return undefined;
  }

  it('reachable starts of 2 blocks are states ext4 can be in (no dirty data over a HOLE below EOF, DELALLOC only under dirty folios, ...)', () => {
    for (const p of EXT4) {
      for (const g of geometries(2)) {
        for (const r of starts(p.id, g)) expect(wellFormed(g, r.state), `${p.id} ${g.folioBlocks.join('+')}: ${programText(r.program)}`).toBeUndefined();
      }
    }
  });

  // fallocate that extends the file zeroes what lay past the old EOF in the cached EOF folio
  // (ext4_alloc_file_blocks: pagecache_isize_extended + ext4_zero_partial_blocks), so mmap
  // garbage past EOF never ends up below EOF (this failed before ops.ts modelled it, e.g.
  // `write 0-1; mmap-past-eof; fallocate 2-3`).
  it('no reachable start of up to 3 blocks holds garbage below EOF (over a HOLE, in the page cache or on disk)', () => {
    for (const p of EXT4) {
      for (const g of geometries(3)) {
        for (const r of starts(p.id, g)) {
          const s = r.state;
          const where = `${p.id} ${g.folioBlocks.join('+')}: ${programText(r.program)}`;
          expect(wellFormed(g, s), where).toBeUndefined();
          for (let b = 0; b < s.iSize; b++) {
            expect(s.cached[folioOf(g)[b]!] && s.pc[b] === STALE, `${where}: page cache of block ${b}`).toBe(false);
            expect(s.map[b] === WRITTEN && s.disk[b] === STALE, `${where}: disk of block ${b}`).toBe(false);
          }
        }
      }
    }
  });
});
