/**
 * The SPIN translation of zr-wb-jc: the checked-in bench/zr-wb-jc.pml must be what
 * bench/promela.ts generates (no hand edits drifting from the rules), and, where spin and gcc
 * are installed, SPIN must store exactly Rumur's 102,752 states for fixed (3,3).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { promela } from '../../bench/promela.ts';

function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('bench/zr-wb-jc.pml', () => {
  it('is the generator output for fixed (4,4)', () => {
    const committed = readFileSync(join(import.meta.dirname, '../../bench/zr-wb-jc.pml'), 'utf8');
    expect(committed).toBe(promela({ NZR: 4, NP: 4, VARIANT: 'fixed' }));
  });
  it('the buggy variant has the two handle-taking end-I/O branches instead of w_endio', () => {
    const text = promela({ NZR: 2, NP: 2, VARIANT: 'buggy' });
    expect(text).toContain('/* w_endio_h */');
    expect(text).toContain('/* w_endio_h2 */');
    expect(text).not.toContain('/* w_endio */');
  });
  it.skipIf(!onPath('spin') || !onPath('gcc'))('SPIN stores 102,752 states for fixed (3,3), as Rumur', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zrcheck-spin-'));
    try {
      writeFileSync(join(dir, 'm.pml'), promela({ NZR: 3, NP: 3, VARIANT: 'fixed' }));
      execFileSync('spin', ['-a', 'm.pml'], { cwd: dir, stdio: 'ignore' });
      execFileSync('gcc', ['-w', '-O2', '-DNOREDUCE', '-DSAFETY', '-o', 'pan', 'pan.c'], { cwd: dir, stdio: 'ignore' });
      const out = execFileSync('./pan', ['-m1000000'], { cwd: dir, encoding: 'utf8' });
      expect(out).toMatch(/errors: 0/);
      expect(/(\d+) states, stored/.exec(out)?.[1]).toBe('102752');
      // SPIN's transitions = stored + matched counts the initial state once more than rules fired.
      expect(/(\d+) transitions/.exec(out)?.[1]).toBe(String(381_902 + 1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
