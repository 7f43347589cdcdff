/**
 * `zrcheck swarm` on this machine's worker processes: diversified bitstate members; the first
 * violation stops the others and comes back replayed, minimised and exported; without one the
 * report claims nothing and says what was covered.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { swarmCommand } from '../../src/cli/commands/swarm.ts';
import { memberDepthBound, planSwarm } from '../../src/swarm/plan.ts';
import { captureIO } from '../helpers/captureIO.ts';

const ZR = 'examples/zr-wb-jc.ts';
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'zr-swarm-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the swarm plan', () => {
  test('members differ in hash seed, action order and depth bound, the same every time', () => {
    const req = { source: { kind: 'module' as const, ref: ZR, params: {} }, members: 8, log2Bits: 20, hashes: 3, depthBound: 1000, properties: [] };
    const p = planSwarm(req);
    expect(p).toEqual(planSwarm(req));
    expect(new Set(p.map((m) => m.seed)).size).toBe(8);
    expect(new Set(p.map((m) => m.orderSeed)).size).toBe(8);
    expect(p[0]!.orderSeed).toBe(0);
    expect(p.map((m) => m.depthBound)).toEqual([undefined, 1000, 250, 4000, undefined, 1000, 250, 4000]);
    expect(memberDepthBound(2, 2)).toBe(1);
  });
});

describe('zrcheck swarm', () => {
  test('buggy zr-wb-jc(4,4): the deadlock is found, minimised to its 18 steps and exported; exit 1', async () => {
    const io = captureIO();
    const out = join(tmp, 'export');
    const code = await swarmCommand([ZR, '--param', 'NZR=4', '--param', 'NP=4', '--param', 'VARIANT=buggy', '--members', '3', '--bitstate', '22', '--jobs', '2', '--export', out], io);
    expect(code, io.stderr()).toBe(1);
    expect(io.stdout()).toMatch(/VIOLATED: deadlock, found by member \d+ \(seed \d+, order seed \d+, depth bound [\d,a-z]+\)/);
    expect(io.stdout()).toMatch(/minimised: deadlock: steps \d+, .* -> steps 18,/);
    expect(io.stdout()).toMatch(/of 3 members ran/);
    const dir = /exported to (.+)/.exec(io.stdout())?.[1];
    expect(dir).toBeDefined();
    for (const f of ['trace.itf.json', 'trace.md', 'trace.mmd', 'trace.html']) expect(existsSync(join(dir!, f)), f).toBe(true);
    expect(dir!.startsWith(out)).toBe(true);
  });

  test('fixed zr-wb-jc(3,3): no violation, nothing claimed, members, total states and union coverage reported; exit 3', async () => {
    const io = captureIO();
    const code = await swarmCommand([ZR, '--members', '4', '--bitstate', '18', '--depth-bound', '200', '--jobs', '2'], io);
    expect(code, io.stderr()).toBe(3);
    const o = io.stdout();
    expect(o).toMatch(/no violation found \(swarm of bitstate searches, estimated union coverage \d+\.\d\d %/);
    expect(o).toMatch(/nothing is claimed to hold/);
    expect(o).toMatch(/4 of 4 members ran; [\d,]+ states visited in total, about [\d,]+ distinct/);
    expect(o.match(/member +\d+ +bound/g)).toHaveLength(4);
    expect(o).not.toMatch(/\bholds\b/);
    const distinct = Number(/about ([\d,]+) distinct/.exec(o)![1]!.replace(/,/g, ''));
    expect(distinct).toBeLessThanOrEqual(102_752 * 1.03);
  });

  test('usage errors are one line, exit 2', async () => {
    for (const [args, msg] of [
      [[ZR], /swarm needs --members N/],
      [[ZR, '--members', '2', '--resume'], /--resume collects the results of a queued run/],
      [[ZR, '--members', '2', '--queue', 'http://x'], /--queue needs redis:\/\/HOST:PORT/],
      [[ZR, '--members', '0'], /--members needs a whole number >= 1/],
    ] as const) {
      const io = captureIO();
      expect(await swarmCommand([...args], io)).toBe(2);
      expect(io.stderr()).toMatch(msg);
    }
  });
});
