import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/commands/check.ts';
import { captureIO } from '../helpers/captureIO.ts';

const run = promisify(execFile);
const ZR = 'examples/zr-wb-jc.ts';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('node', ['bin/zrcheck.js', ...args], { cwd: process.cwd() });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('zrcheck check (in process)', () => {
  it('proves zr-wb-jc fixed (3,3) with the statistics block, exit 0', async () => {
    const io = captureIO();
    const code = await checkCommand([ZR, '--param', 'NZR=3', '--param', 'NP=3'], io);
    expect(code).toBe(0);
    expect(io.stdout()).toMatch(/handles_accounting\s+holds/);
    expect(io.stdout()).toMatch(/distinct states\s+102,752/);
    expect(io.stdout()).toMatch(/transitions\s+381,902/);
    expect(io.stdout()).toMatch(/collision prob\./);
  });

  it('prints the buggy deadlock trace with thread and action names, exit 1', async () => {
    const io = captureIO();
    const code = await checkCommand([ZR, '--param', 'NZR=3', '--param', 'NP=2', '--param', 'VARIANT=buggy'], io);
    expect(code).toBe(1);
    expect(io.stdout()).toMatch(/deadlock\s+VIOLATED/);
    expect(io.stdout()).toMatch(/z0: z_start\[0\]/);
    expect(io.stdout()).toMatch(/j: j_begin/);
  });

  it('--json has verdict, counts and violations with trace lengths', async () => {
    const io = captureIO();
    const code = await checkCommand([ZR, '--param', 'NZR=4', '--param', 'NP=4', '--param', 'VARIANT=buggy', '--json'], io);
    expect(code).toBe(1);
    const j = JSON.parse(io.stdout());
    expect(j.verdict).toBe('violated');
    expect(j.violations).toEqual([expect.objectContaining({ property: 'deadlock', traceLength: 18 })]);
    for (const k of ['states', 'transitions', 'depth']) expect(typeof j[k]).toBe('number');
  });

  it('--exact and --dfs agree with the default on counts', async () => {
    const counts: number[] = [];
    for (const flags of [[], ['--exact'], ['--dfs'], ['--dfs', '--exact']]) {
      const io = captureIO();
      expect(await checkCommand([ZR, '--json', ...flags], io)).toBe(0);
      counts.push(JSON.parse(io.stdout()).states);
    }
    expect(new Set(counts)).toEqual(new Set([102752]));
  });

  it('a state limit is incomplete, exit 3, never holds', async () => {
    const io = captureIO();
    expect(await checkCommand([ZR, '--max-states', '1000', '--json'], io)).toBe(3);
    const j = JSON.parse(io.stdout());
    expect(j.verdict).toBe('incomplete');
    expect(j.limit).toEqual({ kind: 'states', limit: 1000, unit: 'states' });
  });

  it('rejects bad flags with one line naming the value, exit 2', async () => {
    for (const [args, msg] of [
      [[ZR, '--max-states', 'lots'], /--max-states needs a whole number >= 1, got 'lots'/],
      [[ZR, '--bfs', '--dfs'], /exclude each other/],
      [[ZR, '--deadlock', 'maybe'], /--deadlock maybe is not one of/],
      [[], /no model/],
      [[ZR, '--param', 'NZR'], /NZR/],
    ] as const) {
      const io = captureIO();
      expect(await checkCommand([...args], io)).toBe(2);
      expect(io.stderr()).toMatch(msg);
    }
  });
});

describe('zrcheck check (the real command line)', () => {
  it('bad input: one clear line, exit 2, no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['check', 'nope/missing.ts'], /missing\.ts does not exist/],
      [['check', 'test/cli/fixtures/throwsOnLoad.ts'], /threw while loading: fixture exploded on load \(at .*throwsOnLoad\.ts:2:7\)/],
      [['check', 'test/cli/fixtures/wrongShape.ts'], /default export is not a Model: layout is not a Layout/],
      [['check', 'test/cli/fixtures/noDefault.ts'], /has no default export/],
      [['check', ZR, '--param', 'NPP=4'], /unknown parameter NPP; declared: NZR \(int 1..16, default 3\), NP/],
      [['check', ZR, '--param', 'NZR=x'], /parameter NZR="x" is not an integer \(declared int, 1..16\)/],
      [['check', 'test/cli/stray.fixture.ts'], /update of action "poke": successor wrote bits outside the declared layout/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exit codes: 0 holds, 1 violated, 3 incomplete', async () => {
    expect((await cli(['check', ZR, '--param', 'NZR=2', '--param', 'NP=2'])).code).toBe(0);
    expect((await cli(['check', ZR, '--param', 'VARIANT=buggy'])).code).toBe(1);
    expect((await cli(['check', ZR, '--max-depth', '3'])).code).toBe(3);
  });
});

describe('zrcheck check --minimize', () => {
  it('zr-wb-jc(4,4) buggy: the minimised deadlock has at most 3 switches and 3 threads', async () => {
    const io = captureIO();
    expect(await checkCommand([ZR, '--param', 'NZR=4', '--param', 'NP=4', '--param', 'VARIANT=buggy', '--minimize', '--json'], io)).toBe(1);
    const j = JSON.parse(io.stdout());
    expect(j.minimized[0].before).toEqual({ steps: 18, switches: 6, threads: 4 });
    expect(j.minimized[0].after.switches).toBeLessThanOrEqual(3);
    expect(j.minimized[0].after.threads).toBeLessThanOrEqual(3);
    expect(j.violations[0].contextSwitches).toBe(j.minimized[0].after.switches);
  });
});
