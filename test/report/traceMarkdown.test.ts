import { describe, expect, test } from 'vitest';
import type { Model } from '../../src/explorer/model.ts';
import type { Violation } from '../../src/explorer/outcome.ts';
import { check } from '../../src/explorer/check.ts';
import { minimizeViolation } from '../../src/minimize/minimize.ts';
import { traceMarkdown } from '../../src/report/traceMarkdown.ts';
import { counter, lockCycle, lostUpdate } from '../minimize/fixtures/models.ts';

function minimal(model: Model): Violation {
  const o = check(model, { search: 'dfs' });
  if (o.verdict !== 'violated') throw new Error('expected a violation');
  const r = minimizeViolation(model, o.violations[0]!);
  if (!r.ok) throw new Error(r.error);
  return r.violation;
}

/** The table rows (after the header and separator). */
function rows(md: string): string[][] {
  const lines = md.split('\n').filter((l) => l.startsWith('| '));
  return lines.slice(1).map((l) => l.slice(2, -2).split(' | '));
}

describe('traceMarkdown', () => {
  const m = lockCycle(3, 1);
  const v = minimal(m);
  const md = traceMarkdown(m, v, { scenario: 'LC', variant: 'v1', minimized: { before: { steps: 40, switches: 9, threads: 3 }, after: { steps: 6, switches: 2, threads: 3 } } }, { itfFile: 'trace.itf.json' });

  test('header: property, size, minimised-from, replay line', () => {
    expect(md).toMatch(/^# deadlock violated in lock-cycle \(LC \/ v1\)\n/);
    expect(md).toContain('- interleaving: steps 6, switches 2, threads 3');
    expect(md).toContain('- minimised from: steps 40, switches 9, threads 3');
    expect(md).toContain('- replay: `zrcheck replay trace.itf.json`');
    expect(md).toContain('Initial state: `owner=[-1,-1,-1] pc=[work,work,work] w=[0,0,0]`');
  });

  test('one column per thread; each step in its own thread column with kernel function and spec', () => {
    const header = md.split('\n').find((l) => l.startsWith('| step'))!;
    expect(header).toBe('| step | P0 | P1 | P2 | what changed |');
    const table = rows(md);
    expect(table).toHaveLength(v.trace.steps.length);
    table.forEach((cells, i) => {
      const a = m.actions[v.trace.steps[i]!.action]!;
      const filled = cells.slice(1, 4).map((c, col) => [c, col] as const).filter(([c]) => c.trim() !== '');
      expect(filled).toHaveLength(1);
      const [cell, col] = filled[0]!;
      expect(['P0', 'P1', 'P2'][col]).toBe(m.threads[a.thread]!.name);
      expect(cell).toContain(`\`${a.name}\``);
      expect(cell).toContain(a.kernelFunction!);
      if (a.specSection) expect(cell).toContain(`[${a.specSection}]`);
    });
    expect(table[1]![4]).toBe('owner[0]: -1→0, pc[0]: first→second');
    expect(table.at(-1)![0]).toBe(`**${v.trace.steps.length}**`);
  });

  test('ends with the wait-for cycle of the blocked threads', () => {
    expect(md).toContain('## Wait-for at the end');
    expect(md).toMatch(/Wait-for cycle \(3 threads\): P\d -> P\d -> P\d -> P\d/);
  });

  test('models without waitsFor say so at a deadlock; invariants get no wait section', () => {
    const noWaits = { ...m, waitsFor: undefined } as Model;
    expect(traceMarkdown(noWaits, v)).toContain('The model gives no wait information');
    const c = counter(3, 2, 4);
    const cmd = traceMarkdown(c, minimal(c));
    expect(cmd).not.toContain('Wait-for');
    expect(cmd).toContain('**Step 4: below_limit is violated** (the invariant fails in this state)');
  });

  test('the wait-for hook replaces the default text', () => {
    expect(traceMarkdown(m, v, {}, { waitForText: 'HOOKED\n' })).toContain('```text\nHOOKED\n```');
  });

  test('cells are escaped', () => {
    const lu = lostUpdate(2, 1);
    const weird = { ...lu, threads: [{ name: 'a|b' }, { name: 'c' }] } as Model;
    const md2 = traceMarkdown(weird, minimal(lu));
    expect(md2).toContain('| step | a\\|b | c | what changed |');
    expect(md2).toContain('threads 2');
  });
});

describe('actionExtras', () => {
  test('omits the kernel function and spec section the action name already shows', async () => {
    const { actionExtras } = await import('../../src/report/traceMarkdown.ts');
    expect(actionExtras({ name: 'Z iomap_zero_iter [B.2]', thread: 0, kernelFunction: 'iomap_zero_iter', specSection: 'B.2' })).toEqual({});
    expect(actionExtras({ name: 'z_lock[0]', thread: 0, kernelFunction: 'folio_lock', specSection: 'A.1' })).toEqual({ kernelFunction: 'folio_lock', specSection: 'A.1' });
    expect(actionExtras({ name: 'x', thread: 0 })).toEqual({});
  });
});
