import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuzzCommand, replayCommand as fuzzReplayLine } from '../../src/cli/commands/fuzz.ts';
import { replayCommand } from '../../src/cli/commands/replay.ts';
import { captureIO } from '../helpers/captureIO.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const lockCycle = ['test/cli/fixtures/factoryModel.ts', '--param', 'N=3', '--param', 'WORK=2'];

interface FuzzJson {
  verdict: string;
  seed: number;
  path: string;
  schedule: number[];
  replay: string;
  property: string;
  minimized?: { before: { switches: number }; after: { steps: number; switches: number; threads: number } };
  exported?: string;
}

async function runJson(args: string[]): Promise<{ code: number; json: FuzzJson; stderr: string }> {
  const io = captureIO(root);
  const code = await fuzzCommand([...args, '--json'], io);
  return { code, json: JSON.parse(io.stdout() || '{}') as FuzzJson, stderr: io.stderr() };
}

describe('zrcheck fuzz', () => {
  test('finds the lock cycle, prints seed and path; the printed command replays the same schedule', async () => {
    const first = await runJson([...lockCycle, '--runs', '300', '--seed', '11']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    expect(first.json).toMatchObject({ verdict: 'violated', property: 'deadlock', seed: 11 });
    expect(first.json.path).toMatch(/^\d+(:\d+)*$/);
    expect(first.json.replay).toBe(`zrcheck fuzz ${lockCycle.join(' ')} --seed=11 --path ${first.json.path}`);
    const again = await runJson([...lockCycle, '--seed', '11', '--path', first.json.path]);
    expect(again.code).toBe(1);
    expect(again.json.schedule).toEqual(first.json.schedule);
  });

  test('text output names seed, path and the replay command', async () => {
    const io = captureIO(root);
    expect(await fuzzCommand([...lockCycle, '--runs', '300', '--seed', '11'], io)).toBe(1);
    expect(io.stdout()).toMatch(/VIOLATED: deadlock \(deadlock\)/);
    expect(io.stdout()).toMatch(/seed 11, path \d+(:\d+)*\nreplay: zrcheck fuzz .* --seed=11 --path /);
  });

  test('--minimize hands the shrunk counterexample to the minimiser; --export writes replayable files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zrcheck-fuzz-'));
    const r = await runJson([...lockCycle, '--runs', '300', '--seed', '3', '--minimize', '--export', dir]);
    expect(r.code).toBe(1);
    expect(r.json.minimized!.after).toEqual({ steps: 9, switches: 2, threads: 3 });
    expect(r.json.minimized!.after.switches).toBeLessThanOrEqual(r.json.minimized!.before.switches);
    const itf = join(r.json.exported!, 'trace.itf.json');
    expect(existsSync(itf)).toBe(true);
    const meta = JSON.parse(readFileSync(itf, 'utf8'))['#meta'];
    expect(meta).toMatchObject({ seed: 3, fastCheckPath: r.json.path, fastCheckVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const io = captureIO(root);
    expect(await replayCommand([itf], io)).toBe(0);
  });

  test('no violation: exit 3 (incomplete), and it says nothing is claimed to hold', async () => {
    const io = captureIO(root);
    expect(await fuzzCommand(['test/cli/fixtures/invariantModel.ts', '--param', 'LIMIT=7', '--runs', '50', '--seed', '1'], io)).toBe(3);
    expect(io.stdout()).toMatch(/^no violation in 50 random schedules \(seed 1\); fuzzing is not exhaustive, so nothing is claimed to hold/);
  });

  test('kernel scenario: deadlock only, minimised', async () => {
    const r = await runJson(['--scenario', 'C6', '--variant', 'V2', '--property', 'deadlock', '--runs', '300', '--seed', '3', '--minimize']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.json.property).toBe('deadlock');
    expect(r.json.minimized!.after.switches).toBeLessThanOrEqual(r.json.minimized!.before.switches);
  });

  test.each([
    [['--seed', 'x'], /--seed needs a 32-bit integer, got 'x'/],
    [['--seed', '1', '--path', 'a:b'], /--path needs a fast-check path like 12:0:3, got 'a:b'/],
    [['--path', '1:2'], /--path replays a failure only together with its --seed/],
    [['--runs', '0'], /--runs needs a whole number >= 1, got '0'/],
    [['--runs', '1.5'], /--runs needs a whole number >= 1, got '1.5'/],
    [['--property', 'nope'], /--property nope is not a property of lock-cycle/],
  ])('usage errors: %j', async (extra, message) => {
    const io = captureIO(root);
    expect(await fuzzCommand([...lockCycle, ...extra], io)).toBe(2);
    expect(io.stderr()).toMatch(message);
  });

  test('the replay line drops run-only flags and keeps schedule-shaping ones', () => {
    expect(fuzzReplayLine(['m.ts', '--runs', '5', '--max-length=9', '--json', '--seed', '4', '--export', 'out', '--minimize', '--property', 'a b'], 7, '1:2')).toBe(
      "zrcheck fuzz m.ts --max-length=9 --property 'a b' --seed=7 --path 1:2",
    );
  });
});
