/**
 * The command line's reduction flags: `check --por` (statistics, the note on traces, the
 * baseline count, one thread), `check --verify-footprints` (success line, the failure's exit
 * code and message), their refusals, and `layouts --por`.
 */
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/commands/check.ts';
import { layoutsCommand } from '../../src/cli/commands/layouts.ts';
import { captureIO } from '../helpers/captureIO.ts';
import { check } from '../../src/explorer/check.ts';
import dining from '../../examples/dining.ts';

const DINING = 'examples/dining.ts';

describe('zrcheck check --por / --verify-footprints', () => {
  it('--por finds the deadlock, says the trace may not be the shortest, and shows the reduction with --por-baseline', async () => {
    const io = captureIO();
    const code = await checkCommand([DINING, '--param', 'N=7', '--por', '--por-baseline', '--workers', '2'], io);
    expect(code).toBe(1);
    const out = io.stdout();
    expect(out).toMatch(/BFS, fingerprint store, partial-order reduction/);
    expect(out).toMatch(/deadlock\s+VIOLATED/);
    expect(out).toMatch(/may not be the shortest one; re-run without --por for the shortest/);
    expect(out).toMatch(/reductions\s+partial-order/);
    expect(out).toMatch(/POR expansions\s+[\d,]+ reduced/);
    expect(out).toMatch(/unreduced states\s+7,269 \(the same check without --por; [\d.]+x\)/);
    expect(io.stderr()).toMatch(/note: --por searches on one thread; --workers 2 is ignored/);
  });

  it('--json lists the reductions and the POR counters', async () => {
    const io = captureIO();
    await checkCommand([DINING, '--param', 'N=4', '--por', '--por-baseline', '--json'], io);
    const j = JSON.parse(io.stdout()) as { reductions: { active: string[]; por: { reducedStates: number; unreducedStates: number; note: string } } };
    expect(j.reductions.active).toEqual(['por']);
    expect(j.reductions.por.reducedStates).toBeGreaterThan(0);
    expect(j.reductions.por.unreducedStates).toBe(161);
    expect(j.reductions.por.note).toMatch(/may not be the shortest/);
    const plain = captureIO();
    await checkCommand([DINING, '--param', 'N=4', '--json'], plain);
    expect((JSON.parse(plain.stdout()) as { reductions: { active: string[] } }).reductions).toEqual({ active: [] });
  });

  it('--verify-footprints on a kernel scenario says every access matched', async () => {
    const io = captureIO();
    const code = await checkCommand(['--scenario', 'C6', '--variant', 'V3', '--verify-footprints', '--workers', '1'], io);
    expect(code).toBe(1); // C6 on V3 deadlocks; the footprints are fine
    expect(io.stdout()).toMatch(/footprints: every field access of every action and property matched its declaration in all [\d,]+ states searched\n/);
  });

  it('refuses --por with --bitstate or --bounded, and --por-baseline alone', async () => {
    for (const args of [['--por', '--bitstate', '20'], ['--por', '--bounded', '100'], ['--por-baseline'], ['--verify-footprints', '--por']]) {
      const io = captureIO();
      expect(await checkCommand([DINING, ...args], io)).toBe(2);
      expect(io.stderr()).toMatch(/--por|--verify-footprints/);
    }
  });

  it('a property that holds under --por says it rests on the declared footprints; without --por nothing is said', async () => {
    const io = captureIO();
    expect(await checkCommand(['examples/classic/twophase.ts', '--param', 'N=3', '--param', 'RESTART=1', '--por', '--all'], io)).toBe(0);
    expect(io.stdout()).toMatch(/"holds" above rests on the model's declared footprints \(partial-order reduction\); --verify-footprints checks them/);
    const plain = captureIO();
    expect(await checkCommand(['examples/classic/twophase.ts', '--param', 'N=3', '--param', 'RESTART=1', '--all'], plain)).toBe(0);
    expect(plain.stdout()).not.toMatch(/rests on/);
  });

  it('refuses --por with --symmetry, on the command line and through the API', async () => {
    const io = captureIO();
    expect(await checkCommand([DINING, '--por', '--symmetry'], io)).toBe(2);
    expect(io.stderr()).toMatch(/--por and --symmetry are not combined/);
    const o = check(dining({ N: 3 }), { por: true, symmetry: true });
    expect(o.verdict).toBe('error');
    if (o.verdict === 'error') expect(o.error.message).toMatch(/not combined/);
  });
});

describe('zrcheck layouts --por', () => {
  it('gives the verdicts of the sweep without it and says the reduction was on', async () => {
    const run = async (extra: string[]) => {
      const io = captureIO();
      const code = await layoutsCommand(['--variant', 'V3', '--max-blocks', '1', '--caller', 'punch', '--json', ...extra], io);
      return { code, j: JSON.parse(io.stdout()) as { reductions: { active: string[] }; properties: unknown; mechanisms: Array<{ mechanism: string; layouts: number }> } };
    };
    const full = await run([]);
    const por = await run(['--por']);
    expect(por.code).toBe(full.code);
    expect(por.j.reductions.active).toEqual(['por']);
    expect(full.j.reductions.active).toEqual([]);
    expect(por.j.mechanisms.map((m) => [m.mechanism, m.layouts])).toEqual(full.j.mechanisms.map((m) => [m.mechanism, m.layouts]));
  });
});
