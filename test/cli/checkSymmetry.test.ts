/**
 * `zrcheck check --symmetry`: the statistics block and --json say which reduction ran and what
 * it saved; a counterexample found with symmetry is exported and `zrcheck replay` reproduces it
 * from the model's real initial state; two search threads count what one does; --bitstate is
 * refused; a model without a declaration is a model error.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/commands/check.ts';
import { replayCommand } from '../../src/cli/commands/replay.ts';
import { loadModelModule } from '../../src/cli/loadModule.ts';
import { check } from '../../src/explorer/check.ts';
import { exportCounterexample } from '../../src/report/exportTrace.ts';
import { captureIO } from '../helpers/captureIO.ts';

const TWOPHASE = 'examples/classic/twophase.ts';

describe('zrcheck check --symmetry', () => {
  it('statistics: the reduction, the orbits stored, the unreduced count and the canonicalisation cost', async () => {
    const io = captureIO();
    const code = await checkCommand([TWOPHASE, '--param', 'N=4', '--param', 'RESTART=1', '--symmetry', '--workers', '1'], io);
    expect(code).toBe(0);
    const out = io.stdout();
    expect(out).toMatch(/BFS, fingerprint store, symmetry reduction/);
    expect(out).toMatch(/distinct states\s+127\n/);
    expect(out).toMatch(/symmetry\s+participant \(4\): group of 24 permutations/);
    expect(out).toMatch(/states unreduced\s+1,219 \(what a search without --symmetry stores; 9\.60x the orbits\)/);
    expect(out).toMatch(/canonical forms\s+[\d,]+ computed, 1\.00 images built each/);
    expect(out).toMatch(/"holds" above rests on the model's declared symmetry \(checked on its first states only, not proven\)/);
    expect(io.stderr()).not.toMatch(/note:/);
  });

  it('--json: reductions.active and reductions.symmetry; none without --symmetry', async () => {
    const io = captureIO();
    expect(await checkCommand([TWOPHASE, '--param', 'N=4', '--param', 'RESTART=1', '--symmetry', '--exact', '--json'], io)).toBe(0);
    const j = JSON.parse(io.stdout());
    expect(j.states).toBe(127);
    expect(j.reductions.active).toEqual(['symmetry']);
    expect(j.reductions.symmetry).toMatchObject({ sets: [{ name: 'participant', size: 4 }], groupOrder: 24, statesUnreduced: 1219 });
    expect(j.reductions.holdsRestsOn).toMatch(/declared symmetry/);
    const plain = captureIO();
    expect(await checkCommand([TWOPHASE, '--param', 'N=4', '--param', 'RESTART=1', '--exact', '--json'], plain)).toBe(0);
    expect(JSON.parse(plain.stdout())).toMatchObject({ states: 1219, reductions: { active: [] } });
  });

  it('a stopped search does not claim an unreduced count', async () => {
    const io = captureIO();
    expect(await checkCommand([TWOPHASE, '--param', 'N=4', '--symmetry', '--json', '--workers', '1'], io)).toBe(1);
    const j = JSON.parse(io.stdout());
    expect(j.violations[0].property).toBe('deadlock');
    expect(j.reductions.symmetry.statesUnreduced).toBeUndefined();
  });

  it('with --workers 2: the same counts as one thread, no note', async () => {
    const io = captureIO();
    expect(await checkCommand([TWOPHASE, '--param', 'N=4', '--param', 'RESTART=1', '--symmetry', '--workers', '2', '--json'], io)).toBe(0);
    expect(io.stderr()).not.toMatch(/symmetry/);
    expect(JSON.parse(io.stdout())).toMatchObject({ states: 127, transitions: 382, reductions: { active: ['symmetry'], symmetry: { statesUnreduced: 1219 } } });
  });

  it('refuses --bitstate; a model that declares no symmetry is a model error (exit 2)', async () => {
    const io = captureIO();
    expect(await checkCommand([TWOPHASE, '--symmetry', '--bitstate', '20'], io)).toBe(2);
    expect(io.stderr()).toMatch(/--symmetry and --bitstate exclude each other/);
    const io2 = captureIO();
    expect(await checkCommand(['examples/classic/dining.ts', '--symmetry', '--workers', '1'], io2)).toBe(2);
    expect(io2.stderr()).toMatch(/model error in .*dining\.ts: symmetry declaration: the model declares no symmetric index set/);
  });

  it('a counterexample found with symmetry is exported and replays (zrcheck replay, exit 0)', async () => {
    const loaded = await loadModelModule(resolve(TWOPHASE), { N: 4 });
    if (!loaded.ok) throw new Error(loaded.error);
    const o = check(loaded.model, { symmetry: true });
    expect(o.verdict).toBe('violated');
    if (o.verdict !== 'violated') return;
    const dir = mkdtempSync(join(tmpdir(), 'zrcheck-sym-replay-'));
    const r = await exportCounterexample(loaded.model, o.violations[0]!, dir, { source: loaded.source });
    if (!r.ok) throw new Error(r.error);
    const io = captureIO('/');
    expect(await replayCommand([r.files.itf], io)).toBe(0);
    expect(io.stdout()).toMatch(/^reproduced: deadlock \(deadlock\) is violated at step \d+, as recorded/);
  });
});
