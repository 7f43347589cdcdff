import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { analyzeWaits, closingCycle, cycleLine, cycleThrough, focusThread, waitEdges, type WaitEdge } from '../../src/properties/waitFor.ts';
import { renderClosingCycle, renderWaitFor } from '../../src/report/waitForText.ts';
import { defineModel } from '../../src/explorer/define.ts';
import { defineLayout, oneOf } from '../../src/explorer/layout.ts';
import { C, W, Z, fakeC1, run } from '../report/fakeKernel.ts';

const deadlockPath = ['Z start handle', 'Z flush', 'C lock'];

describe('wait-for analysis on the spec C.1 cycle', () => {
  const m = fakeC1();
  const dead = run(m, deadlockPath);

  it('finds the three-edge cycle Z -> W -> C -> Z with typed edges', () => {
    const a = analyzeWaits(m, dead);
    expect(a.kind).toBe('cycle');
    if (a.kind !== 'cycle') return;
    expect(a.edges.map((e) => [e.from, e.to, e.kind])).toEqual([
      [Z, W, 'PG_writeback'],
      [W, C, 'T_LOCKED'],
      [C, Z, 't_updates'],
    ]);
    expect(cycleLine(m, a)).toBe('Z -> W -> C -> Z');
  });

  it('starts the cycle at the focus thread when one is given', () => {
    const a = analyzeWaits(m, dead, { focus: C });
    expect(a.kind === 'cycle' && a.edges[0]!.from).toBe(C);
    expect(cycleLine(m, a)).toBe('C -> Z -> W -> C');
  });

  it('renders a lockdep-like block saying lockdep cannot see the PG_writeback edge', () => {
    const text = renderWaitFor(m, analyzeWaits(m, dead));
    expect(text).toContain('Wait-for cycle (3 threads): Z -> W -> C -> Z');
    expect(text).toMatch(/Z -> W\s+PG_writeback\s+PG_writeback of folio 0\s+lockdep: CANNOT SEE/);
    expect(text).toMatch(/W -> C\s+T_LOCKED.*lockdep: tracked/);
    expect(text).toContain('lockdep would NOT report this cycle');
    expect(text).toContain('*** DEADLOCK ***');
    // one column per thread: the header row names the three threads in cycle order
    const header = text.split('\n').find((l) => /^\s+Z\s+W\s+C$/.test(l));
    expect(header).toBeDefined();
  });

  it('at a D1 state (Z waits PG_writeback, no commit yet) reports a chain to a runnable thread', () => {
    const d1 = run(m, ['Z start handle', 'Z flush']);
    expect(focusThread(m, d1)).toBe(Z);
    const a = analyzeWaits(m, d1, { focus: Z });
    expect(a.kind).toBe('chain');
    if (a.kind === 'chain') {
      expect(a.last).toBe(W);
      expect(a.end).toBe('runnable');
    }
  });

  it('shows the cycle that would close from a D1 state: one commit step', () => {
    const d1 = run(m, ['Z start handle', 'Z flush']);
    const c = closingCycle(m, d1, Z);
    expect(c.kind).toBe('reachable');
    if (c.kind === 'reachable') {
      expect(c.extension.map((a) => m.actions[a]!.name)).toEqual(['C lock']);
      expect(cycleLine(m, c.analysis)).toBe('Z -> W -> C -> Z');
    }
    expect(renderClosingCycle(m, Z, c)).toContain('the cycle closes after 1 more step: C lock');
  });

  it('with reserved conversion handles (spec C.2) no cycle ever closes', () => {
    const r = fakeC1({ reserved: true });
    const d1 = run(r, ['Z start handle', 'Z flush', 'C lock']);
    const a = analyzeWaits(r, d1, { focus: Z });
    expect(a.kind).toBe('chain');
    const c = closingCycle(r, d1, Z);
    expect(c.kind).toBe('never');
    expect(renderClosingCycle(r, Z, c)).toContain('the wait ends');
  });

  it('reports no blocked thread at the initial state', () => {
    expect(analyzeWaits(m, m.initialStates()[0]!).kind).toBe('none');
  });
});

describe('chains that end without a cycle', () => {
  // A waits for B, which has finished: a stuck state with no cycle (waiting on a finished thread).
  const L = defineLayout({ a: oneOf(['wait', 'done']), b: oneOf(['run', 'done']) });
  const m = defineModel({
    name: 'orphan-wait',
    layout: L,
    threads: ['A', 'B'],
    allowIdleThreads: true,
    rules: [
      { name: 'B finish', thread: 'B', guard: (s) => L.fields.b.get(s) === 0, update: (_s, n) => L.fields.b.set(n, 1) },
    ],
    waitsFor: (s, t) =>
      t === 0 && L.fields.a.get(s) === 0 ? { kind: 'completion', what: 'complete(&done) from B', on: [1] } : undefined,
  });

  it('says the chain ends at a finished thread', () => {
    const s = run(m, ['B finish']);
    const a = analyzeWaits(m, s);
    expect(a).toMatchObject({ kind: 'chain', last: 1, end: 'finished' });
    const text = renderWaitFor(m, a);
    expect(text).toContain('Wait-for chain, no cycle: A -> B (finished)');
    expect(text).toContain('lockdep: n/a');
  });

  it('says "unsupported" for a model without waitsFor', () => {
    const plain = defineModel({ name: 'plain', layout: L, rules: [] });
    expect(analyzeWaits(plain, plain.initialStates()[0]!).kind).toBe('unsupported');
    expect(waitEdges(plain, plain.initialStates()[0]!)).toEqual([]);
  });
});

describe('cycleThrough (property)', () => {
  const edgeArb = fc.record({ from: fc.nat(5), to: fc.nat(5) });
  fcTest.prop([fc.array(edgeArb, { maxLength: 14 }), fc.nat(5)])(
    'any cycle returned is closed, starts at the start thread and follows real edges',
    (raw, start) => {
      const edges: WaitEdge[] = raw.map((e) => ({ ...e, kind: 'k', what: 'w' }));
      const c = cycleThrough(edges, start);
      if (c === undefined) {
        // no cycle: then no edge leads back to start from anything reachable from start
        const reach = new Set([start]);
        let grew = true;
        while (grew) {
          grew = false;
          for (const e of edges) if (reach.has(e.from) && !reach.has(e.to)) (reach.add(e.to), (grew = true));
        }
        expect(edges.some((e) => reach.has(e.from) && e.to === start)).toBe(false);
        return;
      }
      expect(c[0]!.from).toBe(start);
      expect(c[c.length - 1]!.to).toBe(start);
      for (let i = 0; i + 1 < c.length; i++) expect(c[i]!.to).toBe(c[i + 1]!.from);
      for (const e of c) expect(edges).toContainEqual(e);
    },
  );
});

describe('on the kernel model (src/model, built by src/kernel)', () => {
  it('explains every deadlock of every profile x version x scenario cell (default assumptions) by a wait-for cycle', async () => {
    const { PROFILES, SCENARIOS, scenariosFor } = await import('../../src/model/index.ts');
    const { buildKernelModel } = await import('../../src/kernel/build.ts');
    const { check } = await import('../../src/explorer/check.ts');
    const seen: string[] = [];
    let cells = 0;
    for (const p of PROFILES) {
      for (const v of p.versions) {
        for (const s of scenariosFor(p)) {
          const built = buildKernelModel({ profile: p.id, scenario: s.id, variant: v.id });
          if (!built.ok) throw new Error(built.error);
          cells++;
          const out = check(built.model, { stopAtFirst: false });
          if (out.verdict !== 'violated') continue;
          const dl = out.violations.find((x) => x.kind === 'deadlock');
          if (dl === undefined) continue;
          const last = dl.trace.steps.at(-1)?.state ?? dl.trace.initial;
          const a = analyzeWaits(built.model, last);
          expect(a.kind, `${p.id}/${s.id}/${v.id}`).toBe('cycle');
          seen.push(`${p.id}/${s.id}/${v.id}: ${cycleLine(built.model, a)}`);
        }
      }
    }
    expect(cells).toBe(8 * (SCENARIOS.length - 3) + 7 * 6);
    // spec C.1 (flush under handle) and C.6 (folio lock vs handle) both appear on ext4-iomap
    expect(seen).toContain('ext4-iomap/C1/V1c: Z -> W -> C -> Z');
    expect(seen.some((x) => x.startsWith('ext4-iomap/C6/') && x.includes('Z -> F -> C -> Z'))).toBe(true);
    // zeroing outside the handle, and buffer-head ext4, never deadlock
    expect(seen.filter((x) => x.includes('/next-v2:') || x.startsWith('ext4-bh/'))).toEqual([]);
  });
});
