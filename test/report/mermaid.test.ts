import { describe, expect, test } from 'vitest';
import { check } from '../../src/explorer/check.ts';
import type { Model } from '../../src/explorer/model.ts';
import { minimizeViolation } from '../../src/minimize/minimize.ts';
import { mermaidText, traceMermaid } from '../../src/report/mermaid.ts';
import { counter, lockCycle } from '../minimize/fixtures/models.ts';

function minimal(model: Model) {
  const o = check(model, { search: 'dfs' });
  if (o.verdict !== 'violated') throw new Error('expected a violation');
  const r = minimizeViolation(model, o.violations[0]!);
  if (!r.ok) throw new Error(r.error);
  return r.violation;
}

describe('mermaidText', () => {
  test.each([
    ['a#b', 'a#35;b'],
    ['x;y', 'x#59;y'],
    ['#;', '#35;#59;'],
    ['the end', 'the #101;nd'],
    ['End here', '#69;nd here'],
    ['endio_h', 'endio_h'],
    ['a<b>', 'a#lt;b#gt;'],
    ['two\nlines', 'two lines'],
  ])('%j → %j', (input, out) => expect(mermaidText(input)).toBe(out));
});

describe('traceMermaid', () => {
  const m = lockCycle(3, 1);
  const v = minimal(m);
  const mmd = traceMermaid(m, v);
  const lines = mmd.trimEnd().split('\n');

  test('a sequenceDiagram with one participant per moving thread', () => {
    expect(lines[0]).toBe('sequenceDiagram');
    expect(lines.filter((l) => l.trim().startsWith('participant'))).toEqual([
      '  participant T0 as P0',
      '  participant T1 as P1',
      '  participant T2 as P2',
    ]);
  });

  test('one self-message per step, with kernel function and spec section', () => {
    const msgs = lines.filter((l) => /->>/.test(l));
    expect(msgs).toHaveLength(v.trace.steps.length);
    msgs.forEach((l, i) => {
      const a = m.actions[v.trace.steps[i]!.action]!;
      expect(l).toContain(`T${a.thread}->>T${a.thread}: ${a.name} (${a.kernelFunction})`);
    });
  });

  test('the violating step is in a red rect with a note, and blocks balance', () => {
    const rect = lines.findIndex((l) => l.includes('rect rgb(255, 225, 225)'));
    expect(rect).toBeGreaterThan(0);
    expect(lines.slice(rect).some((l) => l.includes('Note over') && l.includes('deadlock VIOLATED'))).toBe(true);
    const opens = lines.filter((l) => /^\s*(rect|loop|alt|opt|par|critical|break)\b/.test(l)).length;
    const ends = lines.filter((l) => l.trim() === 'end').length;
    expect(ends).toBe(opens);
  });

  test('labels never contain a raw ; or a bare "end" word', () => {
    const c = counter(3, 2, 4);
    const weird = { ...c, actions: c.actions.map((a) => ({ ...a, name: `${a.name}; the end #1` })) } as Model;
    const out = traceMermaid(weird, minimal(c));
    for (const l of out.split('\n').filter((x) => x.includes(':'))) {
      const label = l.slice(l.indexOf(':') + 1);
      expect(label.replace(/#\d+;|#[a-z]+;/g, '')).not.toMatch(/;|#|\bend\b/);
    }
  });
});
