/** Profiles: resolveProfile's refusals and counterfactual labels, every version x scenario builds, and each profile names only its own kernel's functions. */
import { describe, expect, it } from 'vitest';
import { buildKernelModel } from '../../src/kernel/build.ts';
import { PROFILES, resolveProfile, SCENARIOS, scenariosFor } from '../../src/model/index.ts';

function refused(r: ReturnType<typeof resolveProfile>): string {
  if (r.ok) throw new Error('expected a refusal');
  expect(r.error).not.toContain('\n');
  return r.error;
}

describe('resolveProfile', () => {
  it('refuses an unknown profile, naming the valid ones', () => {
    expect(refused(resolveProfile('zfs', 'V3'))).toBe("unknown profile 'zfs'; valid: ext4-iomap, ext4-bh, xfs");
  });

  it("refuses another profile's assumption, naming the profile it belongs to", () => {
    expect(refused(resolveProfile('ext4-iomap', 'V3', { 'dioread-nolock': 'no' }))).toMatch(/^assumption 'dioread-nolock' belongs to profile ext4-bh, not ext4-iomap; valid here: /);
    expect(refused(resolveProfile('ext4-bh', 'bh-v7.0', { 'fill-flag': 'if-found' }))).toMatch(/^assumption 'fill-flag' belongs to profile ext4-iomap, not ext4-bh; valid here: /);
    // Even with --counterfactual: an assumption is not a fact override.
    expect(refused(resolveProfile('ext4-iomap', 'V3', { 'dioread-nolock': 'no' }, true))).toMatch(/belongs to profile ext4-bh/);
  });

  it('refuses a counterfactual override without `counterfactual`, naming the conflicting facts', () => {
    const e = refused(resolveProfile('ext4-iomap', 'V3', { 'lock-order': 'handle-then-folio' }));
    expect(e).toMatch(/^--assume lock-order=handle-then-folio conflicts with profile ext4-iomap: /);
    expect(e).toContain('lock-order=handle-then-folio is a fact of profile ext4-bh, not of ext4-iomap (which has folio-then-handle)');
    expect(e).toMatch(/add --counterfactual/);
    const d = refused(resolveProfile('ext4-bh', 'bh-v7.0', { 'conversion-handle': 'normal' }));
    expect(d).toContain('conversion-handle=normal is a fact of profile ext4-iomap, not of ext4-bh (which has reserved)');
  });

  it('accepts the override with `counterfactual` and labels it; the profile\'s own value is no override', () => {
    const r = resolveProfile('ext4-iomap', 'V3', { 'lock-order': 'handle-then-folio', 'data-ordered': 'yes' }, true);
    if (!r.ok) throw new Error(r.error);
    expect(r.resolved.overrides).toEqual({ 'lock-order': 'handle-then-folio', 'data-ordered': 'yes' });
    expect(r.resolved.behaviour).toMatchObject({ lockOrder: 'handle-then-folio', dataOrdered: true, conversionHandle: 'normal' });
    expect(r.resolved.counterfactual).toHaveLength(2);
    expect(r.resolved.counterfactual[0]).toMatch(/^lock-order=handle-then-folio: .*fact of profile ext4-bh/);
    const own = resolveProfile('ext4-iomap', 'V3', { 'lock-order': 'folio-then-handle' });
    if (!own.ok) throw new Error(own.error);
    expect([own.resolved.counterfactual, own.resolved.overrides, own.resolved.behaviour]).toEqual([[], {}, PROFILES[0]!.behaviour]);
  });

  it('a counterfactual version is refused without the flag and labelled with it', () => {
    expect(refused(resolveProfile('ext4-iomap', 'V0'))).toMatch(/counterfactual mix/);
    const r = resolveProfile('ext4-iomap', 'V0', {}, true);
    if (!r.ok) throw new Error(r.error);
    expect(r.resolved.counterfactual).toEqual([expect.stringMatching(/^variant V0: /)]);
  });
});

describe('every profile builds', () => {
  it("every version (and counterfactual version) of every profile builds for every scenario", () => {
    let n = 0;
    for (const p of PROFILES) {
      const versions = [...p.versions.map((v) => ({ id: v.id, cf: false })), ...p.foreignVersions.filter((f) => f.counterfactual).map((f) => ({ id: f.id, cf: true }))];
      for (const v of versions) {
        for (const s of scenariosFor(p)) {
          const b = buildKernelModel({ profile: p.id, scenario: s.id, variant: v.id, counterfactual: v.cf });
          if (!b.ok) throw new Error(`${p.id}/${s.id}/${v.id}: ${b.error}`);
          expect(b.ctx.cfg.counterfactual.length > 0).toBe(v.cf);
          n++;
        }
      }
    }
    // ext4-iomap: 6 versions + V0 (counterfactual); ext4-bh: 2; xfs: 7 versions on its 5 scenarios.
    expect(n).toBe((6 + 1 + 2) * (SCENARIOS.length - 3) + 7 * 6);
  });
});

describe('a profile names only its own kernel', () => {
  /** Every action name, kernel function and description, and every thread description, of the profile's models. */
  function texts(profile: string): string[] {
    const p = PROFILES.find((x) => x.id === profile)!;
    const out = new Set<string>();
    for (const v of p.versions) {
      for (const s of scenariosFor(p)) {
        const b = buildKernelModel({ profile, scenario: s.id, variant: v.id });
        if (!b.ok) throw new Error(b.error);
        for (const a of b.model.actions) for (const t of [a.name, a.kernelFunction, a.description]) if (t !== undefined) out.add(t);
        for (const t of b.model.threads) if (t.description !== undefined) out.add(t.description);
      }
    }
    return [...out];
  }

  it('ext4-iomap: iomap writeback and end-I/O only, no buffer-head writeback, reserved handles or ordered data', () => {
    const all = texts('ext4-iomap');
    for (const bh of ['ext4_writepages', 'mpage_', 'ext4_end_io', 'ext4_journal_start_with_reserve', 'jbd2_journal_start_reserved', 'journal_submit_data_buffers']) {
      expect(all.filter((t) => t.includes(bh)), bh).toEqual([]);
    }
    for (const own of ['ext4_iomap_writepages', 'ext4_iomap_map_one_extent', 'ext4_iomap_end_io', 'ext4_iomap_finish_ioend', 'iomap_zero_iter']) {
      expect(all.some((t) => t.includes(own)), own).toBe(true);
    }
  });

  it('ext4-bh: buffer-head writeback and end-I/O only, no iomap names at all', () => {
    const all = texts('ext4-bh');
    for (const iomap of ['ext4_iomap_writepages', 'ext4_iomap_end_io', 'iomap_zero_iter', 'iomap']) {
      expect(all.filter((t) => t.includes(iomap)), iomap).toEqual([]);
    }
    for (const own of ['ext4_writepages', 'mpage_map_and_submit_extent', 'ext4_journal_start_with_reserve', 'jbd2_journal_start_reserved', 'ext4_end_io_end', '__ext4_block_zero_page_range']) {
      expect(all.some((t) => t.includes(own)), own).toBe(true);
    }
  });
});
