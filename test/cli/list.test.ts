import { describe, expect, it } from 'vitest';
import { listCommand } from '../../src/cli/commands/list.ts';
import { checkCommand } from '../../src/cli/commands/check.ts';
import { ASSUMPTIONS, KERNEL_PROPERTIES, SCENARIOS, VERSIONS } from '../../src/model/index.ts';
import { captureIO } from '../helpers/captureIO.ts';

describe('zrcheck list', () => {
  it('prints every version, assumption, scenario and property id, one line each', async () => {
    const io = captureIO();
    expect(await listCommand([], io)).toBe(0);
    for (const x of [...VERSIONS, ...ASSUMPTIONS, ...SCENARIOS, ...KERNEL_PROPERTIES]) {
      expect(io.stdout()).toMatch(new RegExp(`^  ${x.id.replace(/[-]/g, '\\-')}\\s`, 'm'));
    }
  });

  it('--json gives the sections as data', async () => {
    const io = captureIO();
    expect(await listCommand(['versions', 'scenarios', '--json'], io)).toBe(0);
    const j = JSON.parse(io.stdout());
    expect(j.versions.map((v: { id: string }) => v.id)).toEqual(['V0', 'V1c', 'V2', 'V2a', 'V3', 'V4', 'ext4-outside']);
    expect(j.scenarios.map((v: { id: string }) => v.id)).toEqual(['C1', 'C3', 'C4', 'C5', 'C6', 'EOF']);
    expect(j.assumptions).toBeUndefined();
  });

  it('an unknown section is one line listing the valid ones, exit 2', async () => {
    const io = captureIO();
    expect(await listCommand(['gadgets'], io)).toBe(2);
    expect(io.stderr()).toMatch(/unknown section 'gadgets'; valid: versions, assumptions, scenarios, properties/);
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

  it('--property keeps only the named properties; --first stops early', async () => {
    const io = captureIO();
    expect(await checkCommand(['--scenario', 'C1', '--variant', 'V1c', '--property', 'D2', '--json'], io)).toBe(1);
    const j = JSON.parse(io.stdout());
    expect(j.properties.map((p: { property: string }) => p.property)).toEqual(['deadlock']);
    const io2 = captureIO();
    await checkCommand(['--scenario', 'C1', '--variant', 'V1c', '--first', '--json'], io2);
    expect(JSON.parse(io2.stdout()).violations).toHaveLength(1);
  });

  it('bad kernel names are one line listing the valid names, exit 2', async () => {
    for (const [args, msg] of [
      [['--scenario', 'C9', '--variant', 'V1c'], /unknown scenario 'C9'; valid: C1, C3, C4, C5, C6, EOF/],
      [['--scenario', 'C1', '--variant', 'V9'], /V9.*V0/],
      [['--scenario', 'C1', '--variant', 'V1c', '--assume', 'pre-zero=maybe'], /pre-zero.*maybe.*valid.*yes.*no/],
      [['--scenario', 'C1', '--variant', 'V1c', '--assume', 'pre-zeroo=no'], /pre-zeroo.*valid.*pre-zero/],
      [['--scenario', 'C1', '--variant', 'V1c', '--property', 'D9'], /unknown property 'D9'; valid: .*D1.*deadlock/],
    ] as const) {
      const io = captureIO();
      expect(await checkCommand([...args], io)).toBe(2);
      expect(io.stderr()).toMatch(msg);
    }
  });
});
