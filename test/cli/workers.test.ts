/**
 * `zrcheck check --workers N` through the real command line: the parallel search gives the
 * counts and the shortest trace of the one-thread search, --workers is validated, and --help
 * says which searches use it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/zrcheck.js', 'check', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[]) {
  const r = run([...args, '--json']);
  return { status: r.status, out: JSON.parse(r.stdout) as { verdict: string; states: number; transitions: number; depth: number; violations: { property: string; traceLength: number }[] } };
}

describe('check --workers', () => {
  it('zr-wb-jc: the same counts with 1 and 2 threads, Rumur\'s at (4,4); buggy (4,4): the 18-step deadlock', () => {
    const small = ['examples/zr-wb-jc.ts', '--param', 'NZR=3', '--param', 'NP=3'];
    const counts = (r: ReturnType<typeof json>) => ({ status: r.status, verdict: r.out.verdict, states: r.out.states, transitions: r.out.transitions, depth: r.out.depth });
    expect(counts(json([...small, '--workers', '2']))).toEqual(counts(json([...small, '--workers', '1'])));
    // Big enough that the helper thread joins while the search runs.
    const big = ['examples/zr-wb-jc.ts', '--param', 'NZR=4', '--param', 'NP=4'];
    expect(counts(json([...big, '--workers', '2']))).toEqual({ status: 0, verdict: 'holds', states: 5_684_964, transitions: 25_063_368, depth: 58 });
    const buggy = json([...big, '--param', 'VARIANT=buggy', '--workers', '2']);
    expect(buggy.status).toBe(1);
    expect(buggy.out.violations.map((v) => [v.property, v.traceLength])).toEqual([['deadlock', 18]]);
  }, 240_000);

  it('refuses a bad thread count in one line', () => {
    for (const bad of ['0', 'two', '-1']) {
      const r = run(['examples/zr-wb-jc.ts', '--workers', bad]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/--workers needs a whole number >= 1/);
    }
  });

  it('--help explains --workers and that DFS, exact and bounded searches use one thread', () => {
    const r = run(['--help']);
    expect(r.stdout).toMatch(/--workers N/);
    expect(r.stdout).toMatch(/--dfs, --exact and --bounded always search on one thread/);
  });
});
