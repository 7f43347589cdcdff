/**
 * Ctrl-C through the real command line: the host thread sees SIGINT (or SIGTERM) while the
 * command's thread is busy in a synchronous search, and the command stops within a second,
 * prints what it has (partial statistics, properties "not decided") and exits 3; a second
 * Ctrl-C exits at once with 130. No half-written file is left behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** ms from the (first) signal to the process's exit. */
  afterSignal: number;
}

/**
 * Starts the CLI, waits `waitMs`, sends the signal, and waits for its exit. With `twice`, the
 * second signal goes as soon as the host has acknowledged the first on stderr.
 */
function interrupted(args: string[], opts: { waitMs: number; signal?: NodeJS.Signals; twice?: boolean }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/zrcheck.js', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    let sentAt = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      if (opts.twice && /stopping and reporting/.test(stderr) && !/again/.test(stderr)) child.kill(opts.signal ?? 'SIGINT');
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr, afterSignal: performance.now() - sentAt }));
    setTimeout(() => {
      sentAt = performance.now();
      child.kill(opts.signal ?? 'SIGINT');
    }, opts.waitMs);
  });
}

describe('interruption', () => {
  test('check on a model of millions of states: SIGINT stops it within 2 s, partial statistics, exit 3', async () => {
    const r = await interrupted(['check', 'examples/zr-wb-jc.ts', '--param', 'NZR=5', '--param', 'NP=5'], { waitMs: 2500 });
    expect(r.code, r.stderr).toBe(3);
    expect(r.afterSignal).toBeLessThan(2000);
    expect(r.stdout).toMatch(/INCOMPLETE: interrupted; the statistics below are partial/);
    expect(r.stdout).toMatch(/handles_accounting\s+not decided/);
    expect(r.stdout).toMatch(/distinct states\s+[\d,]+/);
    expect(r.stdout).not.toMatch(/\bholds\b/);
  });

  test('SIGTERM is handled the same way', async () => {
    const r = await interrupted(['check', 'examples/zr-wb-jc.ts', '--param', 'NZR=5', '--param', 'NP=5', '--json'], { waitMs: 2500, signal: 'SIGTERM' });
    expect(r.code).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j.verdict).toBe('incomplete');
    expect(j.limit).toEqual({ kind: 'aborted', limit: 0, unit: '' });
    expect(j.properties.every((p: { status: string }) => p.status === 'incomplete')).toBe(true);
    expect(j.states).toBeGreaterThan(0);
  });

  test('a second Ctrl-C exits at once with 130', async () => {
    // The first arrives while the command is still loading (it cannot stop before it runs).
    const r = await interrupted(['layouts', '--variant', 'V3', '--max-blocks', '4'], { waitMs: 400, twice: true });
    expect(r.stderr).toMatch(/SIGINT again: exiting at once/);
    expect(r.code).toBe(130);
    expect(r.afterSignal).toBeLessThan(2000);
  });

  test('layouts --max-blocks 3: SIGINT stops the sweep within 2 s, says what was checked, exit 3', async () => {
    const r = await interrupted(['layouts', '--variant', 'V3', '--max-blocks', '3'], { waitMs: 4000 });
    expect(r.code, r.stderr).toBe(3);
    expect(r.afterSignal).toBeLessThan(2000);
    expect(r.stdout).toMatch(/[\d,]+ of [\d,]+ layouts checked \(INTERRUPTED: [\d,]+ never checked\)/);
    expect(r.stdout).not.toMatch(/holds on every layout/);
  });

  test('matrix: SIGINT stops the worker pool within 2 s, exit 3, the output folder untouched', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'zrcheck-int-')), 'results');
    const r = await interrupted(['matrix', '--out', out], { waitMs: 2000 });
    expect(r.code, r.stderr).toBe(3);
    expect(r.afterSignal).toBeLessThan(2000);
    expect(r.stderr).toMatch(/interrupted after \d+\/\d+ cells; nothing is claimed/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('--memory-mb bounds the resident memory of the whole process', () => {
  test('a run that would take gigabytes stops at 200 MB, says so in MB, and its peak stayed below', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, ['bin/zrcheck.js', 'check', 'examples/zr-wb-jc.ts', '--param', 'NZR=5', '--param', 'NP=5', '--memory-mb', '200', '--json'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j.limit).toEqual({ kind: 'memory', limit: 200, unit: 'MB' });
    expect(j.peakResidentMb).toBeLessThanOrEqual(200);
    expect(j.states).toBeGreaterThan(1_000_000);
    const text = spawnSync(process.execPath, ['bin/zrcheck.js', 'check', 'examples/zr-wb-jc.ts', '--param', 'NZR=5', '--param', 'NP=5', '--memory-mb', '150'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(text.stdout).toMatch(/INCOMPLETE: the memory limit \(150 MB\) stopped the search/);
  });
});
