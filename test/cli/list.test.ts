/** `zrcheck list` and `check` on kernel scenarios: ids, profiles with their facts, bad names. */
import { describe, expect, it } from 'vitest';
import { listCommand } from '../../src/cli/commands/list.ts';
import { checkCommand } from '../../src/cli/commands/check.ts';
import { PROFILES, SCENARIOS } from '../../src/model/index.ts';
import { KERNEL_PROPERTIES } from '../../src/properties/kernel/index.ts';
import { MECHANISMS } from '../../src/properties/kernel/mechanisms.ts';
import { captureIO } from '../helpers/captureIO.ts';

describe('zrcheck list', () => {
  it('prints every profile with each fact and its citation, and every version, assumption, scenario, property and mechanism', async () => {
    const io = captureIO();
    expect(await listCommand([], io)).toBe(0);
    const out = io.stdout();
    for (const p of PROFILES) {
      expect(out).toContain(`  ${p.id}: ${p.title}`);
      for (const f of p.facts) expect(out).toContain(`${f.text} (${f.status}) [${f.cite}]`);
      for (const v of p.versions) expect(out).toMatch(new RegExp(`^  ${p.id} ${v.id.replace(/[.]/g, '\\.')}\\s`, 'm'));
      for (const a of p.assumptions) expect(out).toMatch(new RegExp(`^  ${p.id} ${a.id}\\s`, 'm'));
    }
    for (const x of [...SCENARIOS, ...KERNEL_PROPERTIES, ...MECHANISMS]) expect(out).toMatch(new RegExp(`^  ${x.id.replace(/[-]/g, '\\-')}\\s`, 'm'));
    // The counterfactual switches say which facts they would mix.
    expect(out).toMatch(/--assume conversion-handle=reserved\s+.*/);
  });

  it('--json gives the sections as data; --profile narrows versions and assumptions', async () => {
    const io = captureIO();
    expect(await listCommand(['versions', 'scenarios', '--profile', 'ext4-bh', '--json'], io)).toBe(0);
    const j = JSON.parse(io.stdout());
    expect(j.versions.map((v: { id: string }) => v.id)).toEqual(['bh-v7.0', 'bh-v7.1']);
    expect(j.scenarios.map((v: { id: string }) => v.id)).toEqual(SCENARIOS.map((s) => s.id));
    expect(j.assumptions).toBeUndefined();
    const p = captureIO();
    expect(await listCommand(['profiles', '--json'], p)).toBe(0);
    const profiles = JSON.parse(p.stdout()).profiles;
    expect(profiles.map((x: { id: string }) => x.id)).toEqual(['ext4-iomap', 'ext4-bh', 'xfs']);
    expect(profiles[0].facts.find((f: { id: string }) => f.id === 'lock-order').text).toMatch(/folio lock .*before .*handle/);
    expect(profiles[1].facts.find((f: { id: string }) => f.id === 'lock-order').text).toMatch(/handle/);
  });

  it('an unknown section or profile is one line listing the valid ones, exit 2', async () => {
    const io = captureIO();
    expect(await listCommand(['gadgets'], io)).toBe(2);
    expect(io.stderr()).toMatch(/unknown section 'gadgets'; valid: profiles, versions, assumptions, scenarios, properties, mechanisms/);
    const p = captureIO();
    expect(await listCommand(['--profile', 'zfs'], p)).toBe(2);
    expect(p.stderr()).toMatch(/unknown profile 'zfs'; valid: ext4-iomap, ext4-bh, xfs/);
  });
});

describe('zrcheck check on kernel scenarios', () => {
  it('--assume sets hyphenated assumptions, and the setting changes the answer', async () => {
    // C4 with Zhang's fill semantics (flag only when folios were found) deadlocks; merged code does not.
    const merged = captureIO();
    expect(await checkCommand(['--scenario', 'C4', '--variant', 'V3', '--property', 'deadlock', '--json'], merged)).toBe(0);
    const zhang = captureIO();
    expect(await checkCommand(['--scenario', 'C4', '--variant', 'V3', '--assume', 'fill-flag=if-found', '--property', 'deadlock', '--json'], zhang)).toBe(1);
    expect(JSON.parse(zhang.stdout()).model.params['fill-flag']).toBe('if-found');
  });

  it('reports every property by default and prints the C.1 wait-for cycle', async () => {
    const io = captureIO();
    expect(await checkCommand(['--scenario', 'C1', '--variant', 'V1c'], io)).toBe(1);
    expect(io.stdout()).toMatch(/^deadlock\s+VIOLATED/m);
    expect(io.stdout()).toMatch(/Wait-for cycle \(3 threads\): Z -> W -> C -> Z/);
    expect(io.stdout()).not.toMatch(/not decided/);
  });

  it('--profile ext4-bh: buffer-head ext4 on the same start does not deadlock', async () => {
    const io = captureIO();
    expect(await checkCommand(['--profile', 'ext4-bh', '--scenario', 'C1', '--variant', 'bh-v7.0', '--property', 'D2'], io)).toBe(0);
  });

  it('--property keeps only the named properties; --first stops early', async () => {
    const io = captureIO();
    expect(await checkCommand(['--scenario', 'C1', '--variant', 'V1c', '--property', 'D2', '--json'], io)).toBe(1);
    const j = JSON.parse(io.stdout());
    expect(j.properties.map((p: { property: string }) => p.property)).toEqual(['deadlock']);
    const io2 = captureIO();
    await checkCommand(['--scenario', 'C1', '--variant', 'V1c', '--first', '--json'], io2);
    expect(JSON.parse(io2.stdout()).violations).toHaveLength(1);
  });

  it('bad kernel names and mixes are one line naming the value and the valid ones, exit 2', async () => {
    for (const [args, msg] of [
      [['--scenario', 'C9', '--variant', 'V1c'], /unknown scenario 'C9'; valid: C1, C1-EOF, C3/],
      [['--scenario', 'C1', '--variant', 'V9'], /unknown variant 'V9' for profile ext4-iomap; valid: V1c, V2/],
      [['--profile', 'zfs', '--scenario', 'C1', '--variant', 'V1c'], /unknown profile 'zfs'; valid: ext4-iomap, ext4-bh, xfs/],
      [['--profile', 'xfs', '--scenario', 'C1', '--variant', 'V3'], /scenario C1 zeroes through punch, which profile xfs does not model/],
      [['--profile', 'ext4-bh', '--scenario', 'C1', '--variant', 'V2'], /variant V2 does not exist in profile ext4-bh/],
      [['--scenario', 'C1', '--variant', 'V1c', '--assume', 'pre-zero=maybe'], /pre-zero.*maybe.*valid.*yes.*no/],
      [['--scenario', 'C1', '--variant', 'V1c', '--assume', 'pre-zeroo=no'], /pre-zeroo.*valid.*pre-zero/],
      [['--scenario', 'C1', '--variant', 'V1c', '--assume', 'dioread-nolock=no'], /'dioread-nolock' belongs to profile ext4-bh, not ext4-iomap/],
      [['--scenario', 'C1', '--variant', 'V1c', '--assume', 'conversion-handle=reserved'], /conflicts with profile ext4-iomap: .*add --counterfactual/],
      [['--scenario', 'C1', '--variant', 'V1c', '--property', 'D19'], /unknown property 'D19'; valid: .*D1.*deadlock/],
    ] as const) {
      const io = captureIO();
      expect(await checkCommand([...args], io), args.join(' ')).toBe(2);
      expect(io.stderr(), args.join(' ')).toMatch(msg);
    }
  });

  it('a counterfactual mix runs under --counterfactual and is labelled in the output', async () => {
    const io = captureIO();
    const code = await checkCommand(['--scenario', 'C1', '--variant', 'V1c', '--assume', 'conversion-handle=reserved', '--counterfactual', '--property', 'D2'], io);
    expect([0, 1]).toContain(code);
    expect(io.stdout() + io.stderr()).toMatch(/COUNTERFACTUAL/);
  });
});
