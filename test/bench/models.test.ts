/**
 * The benchmark models (bench/models/): (a) on a small instance of each, zrcheck, Rumur (the
 * generated Murphi) and SPIN (the generated Promela) report the same states and transitions,
 * run live where the tools are installed, and zrcheck holds under both 'stuttering' and
 * 'stuck' (SPIN's invalid end state is 'stuck'; Rumur's default is 'stuttering': agreeing on
 * "no deadlock" in both modes is what makes the three semantics agree); (b) the recorded
 * counts in bench/models/expected-counts.json are current: every instance's generated texts
 * and zrcheck module hash to what regen-counts.ts recorded, and the recorded figures agree.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/index.ts';
import { BENCH_MODELS, fingerprints, instancesOf, paramText, readExpected, type BenchModel, type BenchParams } from '../../bench/models/index.ts';
import { rumurAvailable, runRumur, runSpin, spinAvailable } from '../../bench/models/peers.ts';

const REGEN = 'stale: re-run `npx tsx bench/models/regen-counts.ts`';
const expected = readExpected();
const haveRumur = rumurAvailable();
const haveSpin = spinAvailable();
const work = mkdtempSync(join(tmpdir(), 'zrcheck-bench-models-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Fast builds (-O0 compiles in a third of -O2's time) for tiny instances; counts do not depend on it. */
const OPT = '-O0';

function zrcheckCounts(m: BenchModel, params: BenchParams, deadlock: 'stuttering' | 'stuck') {
  const o = check(m.make(params), { search: 'bfs', store: 'fingerprint', deadlock });
  expect(o.verdict, `${m.name}(${paramText(params)}) --deadlock ${deadlock}`).toBe('holds');
  return o.verdict === 'holds' ? { states: o.stats.states, transitions: o.stats.transitions } : { states: -1, transitions: -1 };
}

for (const m of BENCH_MODELS) {
  describe(`bench model ${m.name}, small instance (${paramText(m.small)})`, () => {
    const zr = () => zrcheckCounts(m, m.small, 'stuttering');
    it('zrcheck holds under stuttering and stuck with the same counts, the recorded ones', () => {
      const a = zr();
      expect(zrcheckCounts(m, m.small, 'stuck')).toEqual(a);
      const rec = expected?.models[m.name]?.instances.small;
      expect(rec, REGEN).toBeDefined();
      expect({ states: rec?.zrcheck.states, transitions: rec?.zrcheck.transitions }).toEqual(a);
    });
    it.skipIf(!haveRumur)(`Rumur on the generated Murphi: the same states and rules fired${haveRumur ? '' : ' [skipped: rumur or cc not on PATH]'}`, () => {
      const r = runRumur(m.murphi(m.small), work, m.name, { threads: 1, opt: OPT });
      expect(r.status, r.note).toBe('ok');
      expect({ states: r.states, transitions: r.transitions }).toEqual(zr());
    });
    it.skipIf(!haveSpin)(`SPIN on the generated Promela: the same states and transitions${haveSpin ? '' : ' [skipped: spin or gcc not on PATH]'}`, () => {
      const want = zr();
      const r = runSpin(m.promela(m.small), work, m.name, { por: false, statesHint: want.states, opt: OPT });
      expect(r.status, r.note).toBe('ok');
      expect({ states: r.states, transitions: r.transitions }).toEqual({ states: want.states, transitions: want.transitions + (m.spinExtraTransitions?.(m.small) ?? 0) });
    });
  });
}

describe('deadlock semantics: why the bench twophase restarts', () => {
  // The parity twophase ends in a stutter (`idle`): zrcheck and Rumur ('stuttering') call it a
  // deadlock, SPIN (an invalid end state needs no enabled statement) does not. RESTART=1
  // removes the terminal state, and with it the disagreement.
  const twophase = BENCH_MODELS.find((m) => m.name === 'twophase')!;
  const params = { N: 3, RESTART: 0 };
  it('zrcheck: a stuttering deadlock, none when stuck', () => {
    expect(check(twophase.make(params), { deadlock: 'stuttering' }).verdict).toBe('violated');
    expect(check(twophase.make(params), { deadlock: 'stuck' }).verdict).toBe('holds');
  });
  it.skipIf(!haveRumur)(`Rumur agrees with zrcheck's default${haveRumur ? '' : ' [skipped: rumur or cc not on PATH]'}`, () => {
    const r = runRumur(twophase.murphi(params), work, 'twophase-idle', { threads: 1, opt: OPT });
    expect(r.note).toBe('Rumur reported an error: deadlock');
  });
  it.skipIf(!haveSpin)(`SPIN sees no invalid end state${haveSpin ? '' : ' [skipped: spin or gcc not on PATH]'}`, () => {
    expect(runSpin(twophase.promela(params), work, 'twophase-idle', { por: false, statesHint: 1000, opt: OPT }).status).toBe('ok');
  });
});

describe('bench/models/expected-counts.json', () => {
  it('exists and covers exactly the registered models', () => {
    expect(expected, 'missing: run `npx tsx bench/models/regen-counts.ts`').toBeDefined();
    expect(Object.keys(expected?.models ?? {}).sort()).toEqual(BENCH_MODELS.map((m) => m.name).sort());
  });
  for (const m of BENCH_MODELS) {
    for (const [kind, params] of instancesOf(m)) {
      it(`${m.name} ${kind} (${paramText(params)}): recorded from the current generators and module, and the three tools agree`, () => {
        const rec = expected?.models[m.name]?.instances[kind];
        expect(rec, REGEN).toBeDefined();
        if (!rec) return;
        expect(rec.params, REGEN).toEqual(params);
        expect({ murphiSha256: rec.murphiSha256, promelaSha256: rec.promelaSha256, moduleSha256: rec.moduleSha256 }, REGEN).toEqual(fingerprints(m, params));
        expect(rec.rumur).toEqual({ states: rec.zrcheck.states, rulesFired: rec.zrcheck.transitions });
        expect(rec.spinExtraTransitions).toBe(m.spinExtraTransitions?.(params) ?? 0);
        expect({ states: rec.spin.states, transitions: rec.spin.transitions }).toEqual({
          states: rec.zrcheck.states,
          transitions: rec.zrcheck.transitions + rec.spinExtraTransitions,
        });
        if (kind === 'bench') expect(rec.zrcheck.states).toBeGreaterThanOrEqual(500_000);
      });
    }
  }
});
