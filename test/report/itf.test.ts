import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import type { Model } from '../../src/explorer/model.ts';
import type { Violation } from '../../src/explorer/outcome.ts';
import { check } from '../../src/explorer/check.ts';
import { ACTION_TAKEN, NONDET_PICKS, itfText, toItf, toolVersion, type ItfTrace } from '../../src/report/itf.ts';
import { parseItf } from '../../src/report/itfParse.ts';
import { encodeState, stateToItf } from '../../src/report/itfValues.ts';
import { replayItf, modelSourceOfItf } from '../../src/report/itfReplay.ts';
import { modelHash } from '../../src/report/modelHash.ts';
import { counter, lockCycle, lostUpdate } from '../minimize/fixtures/models.ts';

function firstViolation(model: Model): Violation {
  const o = check(model, { search: 'dfs' });
  if (o.verdict !== 'violated') throw new Error(`expected ${model.name} to be violated`);
  return o.violations[0]!;
}

const models = [lockCycle(3, 1), lostUpdate(2, 1), counter(3, 2, 4)];

/** Random walk of up to `n` steps, picking enabled actions by index. */
function walk(model: Model, picks: readonly number[]): Uint32Array[] {
  const ids = new Int32Array(model.actions.length);
  let s = model.initialStates()[0]!;
  const out = [s];
  for (const p of picks) {
    const n = model.enabled(s, ids);
    if (n === 0) break;
    const t = new Uint32Array(s.length);
    model.next(s, ids[p % n]!, t);
    out.push(t);
    s = t;
  }
  return out;
}

describe('ITF values', () => {
  test.prop([fc.constantFrom(0, 1, 2), fc.array(fc.nat(), { maxLength: 30 })])('state → ITF → state is the identity', (mi, picks) => {
    const m = models[mi]!;
    for (const s of walk(m, picks)) {
      const back = encodeState(m.layout, JSON.parse(JSON.stringify(stateToItf(m.layout, s))) as Record<string, unknown>);
      expect(back.ok && Array.from(back.state)).toEqual(Array.from(s));
    }
  });
  test('bad values name the field', () => {
    const m = lockCycle(3, 1);
    const rec = stateToItf(m.layout, m.initialStates()[0]!) as Record<string, unknown>;
    expect(encodeState(m.layout, { ...rec, pc: ['work', 'nope', 'work'] })).toEqual({
      ok: false,
      error: 'field pc[1] has value "nope", not a valid one of work, first, second, release, done',
    });
    expect(encodeState(m.layout, { ...rec, owner: [0, 1] })).toMatchObject({ ok: false, error: expect.stringMatching(/owner should be a list of 3/) });
    const { w: _w, ...noW } = rec;
    expect(encodeState(m.layout, noW)).toEqual({ ok: false, error: 'field w is missing' });
    expect(encodeState(m.layout, { ...rec, owner: [{ '#bigint': '2' }, -1, 9] })).toMatchObject({ ok: false, error: expect.stringMatching(/owner\[2\] has value 9/) });
  });
  test('Quint #bigint integers are accepted', () => {
    const m = counter();
    const rec = stateToItf(m.layout, m.initialStates()[0]!) as Record<string, unknown>;
    const r = encodeState(m.layout, { ...rec, c: { '#bigint': '3' } });
    expect(r.ok && m.layout.fields.c!.get(r.state)).toBe(3);
  });
});

describe('toItf', () => {
  const m = lockCycle(3, 1);
  const v = firstViolation(m);
  const itf = toItf(m, v, { source: { kind: 'module', path: '/x/models/lc.ts', params: { N: 3 } }, seed: 42, fastCheckPath: '0:1' }, '/x/results/a/b/c');

  test('has the ITF shape, Quint mbt vars and per-step meta', () => {
    expect(itf.vars).toEqual(['owner', 'pc', 'w', ACTION_TAKEN, NONDET_PICKS]);
    expect(itf.states).toHaveLength(v.trace.steps.length + 1);
    expect(itf.states[0]![ACTION_TAKEN]).toBe('init');
    expect(itf.states[0]![NONDET_PICKS]).toEqual({ thread: { tag: 'None', value: { '#tup': [] } } });
    expect(itf.states[1]![NONDET_PICKS]).toEqual({ thread: { tag: 'Some', value: itf['#meta'].steps[0]!.thread } });
    const meta = itf['#meta'];
    expect(meta).toMatchObject({
      format: 'ITF',
      tool: 'zrcheck',
      toolVersion: toolVersion(),
      property: 'deadlock',
      violationKind: 'deadlock',
      violationState: v.trace.steps.length,
      seed: 42,
      fastCheckPath: '0:1',
      model: { name: 'lock-cycle', hash: modelHash(m), params: { n: 3, work: 1 } },
      source: { kind: 'module', path: '../../../../models/lc.ts', params: { N: 3 } },
    });
    for (const [i, s] of meta.steps.entries()) {
      const a = m.actions[v.trace.steps[i]!.action]!;
      expect(s).toEqual({
        step: i + 1,
        action: a.name,
        thread: m.threads[a.thread]!.name,
        kernelFunction: a.kernelFunction,
        ...(a.specSection ? { specSection: a.specSection } : {}),
      });
      expect(itf.states[i + 1]!['#meta']).toMatchObject({ index: i + 1, action: a.name });
    }
    expect(toolVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('round-trips through text and replays', () => {
    const parsed = parseItf(itfText(itf));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.itf).toEqual(JSON.parse(JSON.stringify(itf)));
    expect(replayItf(m, parsed.itf)).toEqual({ kind: 'reproduced', property: 'deadlock', step: v.trace.steps.length });
    // The module is looked for next to the trace, then at its recorded absolute path.
    expect(parsed.itf['#meta'].source).toMatchObject({ kind: 'module', path: '../../../../models/lc.ts', absolutePath: '/x/models/lc.ts' });
    expect(modelSourceOfItf(parsed.itf, '/x/results/a/b/c/trace.itf.json')).toEqual({
      ok: false,
      error: 'the model module of /x/results/a/b/c/trace.itf.json is at neither /x/models/lc.ts',
    });
  });

  test.prop([fc.constantFrom(0, 1, 2)])('every explorer counterexample replays from its ITF', (mi) => {
    const model = models[mi]!;
    const vio = firstViolation(model);
    const back = parseItf(itfText(toItf(model, vio)));
    if (!back.ok) throw new Error(back.error);
    expect(replayItf(model, back.itf).kind).toBe('reproduced');
  });
});

describe('replay divergence', () => {
  const m = lockCycle(3, 1);
  const v = firstViolation(m);
  const base = () => JSON.parse(itfText(toItf(m, v))) as { -readonly [K in keyof ItfTrace]: any };

  test('an unknown action names its step', () => {
    const d = base();
    d.states[2][ACTION_TAKEN] = 'fly[0]';
    expect(replayItf(m, d)).toMatchObject({ kind: 'diverged', step: 2, reason: 'action "fly[0]" is not an action of model lock-cycle' });
  });
  test('an action not enabled names its step', () => {
    const d = base();
    d.states[1][ACTION_TAKEN] = 'unlock[0]';
    expect(replayItf(m, d)).toMatchObject({ kind: 'diverged', step: 1, reason: 'action unlock[0] is not enabled' });
  });
  test('an action of another thread than the file says names its step', () => {
    const d = base();
    const other = d['#meta'].threads.find((t: string) => t !== d['#meta'].steps[0].thread);
    d['#meta'].steps[0].thread = other;
    expect(replayItf(m, d)).toMatchObject({ kind: 'diverged', step: 1, reason: expect.stringMatching(/belongs to thread .*, the file says/) });
  });
  test('a recorded state that differs names the field', () => {
    const d = base();
    // a value the real trace does not have at step 3 (w is 0 or 1 per thread)
    d.states[3].w = (d.states[3].w as number[]).map((x) => 1 - x);
    expect(replayItf(m, d)).toMatchObject({ kind: 'diverged', step: 3, reason: expect.stringMatching(/state differs: w\[/) });
  });
  test('a truncated trace: property not violated at its end', () => {
    const d = base();
    d.states.pop();
    expect(replayItf(m, d)).toMatchObject({ kind: 'diverged', step: d.states.length - 1, reason: expect.stringMatching(/deadlock is not violated/) });
  });
  test('a recorded violation state other than the last is malformed', () => {
    const d = base();
    d['#meta'].violationState = 99;
    expect(parseItf(JSON.stringify(d))).toMatchObject({ ok: false, error: expect.stringMatching(/#meta.violationState is 99, but the violation is the last state/) });
  });
  test('states after the violation (consistently edited): diverged at the real violation', () => {
    const d = base();
    const last = d.states.length - 1;
    // Step back one state and claim the violation one step later: replay sees it earlier.
    d.states.push({ ...d.states[last], '#meta': { ...d.states[last]['#meta'], index: last + 1 } });
    d['#meta'].steps.push({ ...d['#meta'].steps[last - 1], step: last + 1 });
    d['#meta'].violationState = last + 1;
    expect(parseItf(JSON.stringify(d)).ok).toBe(true);
    expect(replayItf(m, d)).toMatchObject({ kind: 'diverged', step: last, reason: `deadlock is violated at step ${last}, but the file goes on to step ${last + 1}` });
  });
  test('a changed model (names or layout) is not replayed', () => {
    const d = base();
    d['#meta'].model.hash = 'sha256:0000';
    expect(replayItf(lockCycle(3, 1), d)).toMatchObject({ kind: 'model-changed', reason: expect.stringMatching(/names or layout changed/) });
  });
  test('a changed guard with the same names is a changed model (behaviour hash)', () => {
    const d = base();
    const other = lockCycle(3, 1);
    const guards = other.enabled.bind(other);
    // Same action table, but the first action is never enabled any more.
    const changed = { ...other, enabled: (s: Uint32Array, out: Int32Array) => { const n = guards(s, out); let k = 0; for (let i = 0; i < n; i++) if (out[i] !== 0) out[k++] = out[i]!; return k; } };
    expect(replayItf(changed, d)).toMatchObject({ kind: 'model-changed', reason: expect.stringMatching(/behaves differently/) });
  });
  test('parseItf refuses an edited step list, a wrong thread or a foreign format', () => {
    const a = base();
    a.states[1][ACTION_TAKEN] = 'unlock[0]';
    expect(parseItf(JSON.stringify(a))).toMatchObject({ ok: false, error: expect.stringMatching(/#meta.steps\[0\] says action .*, state 1 took "unlock\[0\]"/) });
    const b = base();
    b['#meta'].steps[0].thread = 'nobody';
    expect(parseItf(JSON.stringify(b))).toMatchObject({ ok: false, error: expect.stringMatching(/#meta.steps\[0\].thread "nobody" is not one of #meta.threads/) });
    const c = base();
    c['#meta'].format = 'NOTITF';
    expect(parseItf(JSON.stringify(c))).toMatchObject({ ok: false, error: 'ITF file: #meta.format is "NOTITF", not "ITF"' });
    const e = base();
    e['#meta'].steps.pop();
    expect(parseItf(JSON.stringify(e))).toMatchObject({ ok: false, error: expect.stringMatching(/#meta.steps has \d+ entries for \d+ transitions/) });
  });
  test('parseItf rejects files it cannot use, naming the problem', () => {
    expect(parseItf('{')).toMatchObject({ ok: false, error: expect.stringMatching(/ITF file is not JSON/) });
    expect(parseItf('[]')).toMatchObject({ ok: false, error: 'ITF file is not a JSON object' });
    const d = base();
    d['#meta'].tool = 'apalache';
    expect(parseItf(JSON.stringify(d), 'f.itf.json')).toMatchObject({ ok: false, error: expect.stringMatching(/f\.itf\.json was not written by zrcheck/) });
    const e = base();
    delete e.states[1].pc;
    expect(parseItf(JSON.stringify(e))).toMatchObject({ ok: false, error: 'ITF file: state 1 does not define var pc' });
  });
});

describe('modelHash', () => {
  test('stable for the same model, sensitive to params and actions', () => {
    expect(modelHash(lockCycle(3, 1))).toBe(modelHash(lockCycle(3, 1)));
    expect(modelHash(lockCycle(3, 1))).not.toBe(modelHash(lockCycle(3, 2)));
    expect(modelHash(lockCycle(3, 1))).not.toBe(modelHash(lockCycle(4, 1)));
    expect(modelHash(lockCycle(3, 1))).toMatch(/^sha256:[0-9a-f]{32}$/);
  });
});
