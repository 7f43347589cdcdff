// The README's example must be the real, checked example file, and its claims must hold.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.ts';
import lostUpdate from '../examples/quickstart.ts';
import dining from '../examples/dining.ts';
import { analyzeWaits, cycleLine } from '../src/properties/waitFor.ts';

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('shows examples/quickstart.ts verbatim', () => {
    const block = /<!-- quickstart:begin -->\n```ts\n([\s\S]*?)```\n<!-- quickstart:end -->/.exec(readme);
    expect(block).not.toBeNull();
    expect(block![1]).toBe(readFileSync('examples/quickstart.ts', 'utf8'));
  });

  it('the quickstart finds the lost update: 4 steps for N=2, 6 for N=3 (all threads must finish)', () => {
    for (const [N, steps] of [[2, 4], [3, 6]] as const) {
      const o = check(lostUpdate({ N }));
      expect(o.verdict).toBe('violated');
      if (o.verdict === 'violated') {
        expect(o.violations[0]!.property).toBe('no_lost_update');
        expect(o.violations[0]!.trace.steps.length).toBe(steps);
      }
    }
  });

  it('shows examples/dining.ts verbatim, and it deadlocks in 6 steps with the cycle p0 -> p1 -> p2 -> p0', () => {
    const block = /<!-- dining:begin -->\n```ts\n([\s\S]*?)```\n<!-- dining:end -->/.exec(readme);
    expect(block![1]).toBe(readFileSync('examples/dining.ts', 'utf8'));
    const m = dining({ N: 3 });
    const o = check(m);
    expect(o.verdict).toBe('violated');
    if (o.verdict !== 'violated') return;
    const v = o.violations[0]!;
    expect(v.trace.steps.length).toBe(6);
    expect(cycleLine(m, analyzeWaits(m, v.trace.steps[5]!.state))).toBe('p0 -> p1 -> p2 -> p0');
    expect(readme).toContain('`p0 -> p1 -> p2 -> p0`');
  });

  it('gives exactly two set-up commands', () => {
    const setup = /## Set-up[^\n]*\n\n```sh\n([\s\S]*?)```/.exec(readme);
    expect(setup![1]!.trim().split('\n').map((l) => l.split('#')[0]!.trim())).toEqual(['npm ci && npm run matrix', 'npm test']);
  });
});
