/**
 * Classic-model parity with Rumur: every test/parity/murphi/*.m has a zrcheck twin in
 * examples/classic/, and zrcheck must report what Rumur reported (rumur-counts.json, made by
 * regen-rumur-counts.ts) under each deadlock mode: the same states and rules fired for a
 * full exploration, the same verdict, and, since the twins fire rules in Rumur's order, the
 * same BFS counterexample and the same counts when the search stops at an error.
 * Needs no Rumur: it reads the recorded JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.ts';
import type { CheckOutcome, DeadlockMode, Model, StoreKind } from '../../src/index.ts';
import { COUNTS_FILE, MODES, sha256, type RumurCounts, type RumurRun } from './regen-rumur-counts.ts';

import bakery from '../../examples/classic/bakery.ts';
import dining from '../../examples/classic/dining.ts';
import german from '../../examples/classic/german.ts';
import naiveMutex from '../../examples/classic/naive-mutex.ts';
import peterson from '../../examples/classic/peterson.ts';
import twophase from '../../examples/classic/twophase.ts';

const TWINS: Record<string, () => Model> = {
  bakery: () => bakery(),
  dining: () => dining(),
  german: () => german(),
  'naive-mutex': () => naiveMutex(),
  peterson: () => peterson(),
  twophase: () => twophase(),
};

const counts = JSON.parse(readFileSync(COUNTS_FILE, 'utf8')) as RumurCounts;

/** Rumur names an invariant failure `invariant "x" failed`; zrcheck names the property `x`. */
function expectedProperty(run: RumurRun): { kind: 'deadlock' | 'invariant'; property: string } {
  if (run.error === 'deadlock') return { kind: 'deadlock', property: 'deadlock' };
  const inv = /^invariant "(.+)" failed$/.exec(run.error ?? '');
  if (!inv) throw new Error(`unexpected Rumur error kind ${run.error}`);
  return { kind: 'invariant', property: inv[1]! };
}

function actionNames(model: Model, outcome: CheckOutcome): string[] {
  if (outcome.verdict !== 'violated') return [];
  return outcome.violations[0]!.trace.steps.map((s) => model.actions[s.action]!.name);
}

describe('recorded Rumur counts', () => {
  it('cover exactly the .m files that have twins, and are fresh', () => {
    expect(Object.keys(counts.models).sort()).toEqual(Object.keys(TWINS).sort());
    for (const [name, entry] of Object.entries(counts.models)) {
      // A .m edited without re-running regen-rumur-counts.ts would make the numbers stale.
      expect(sha256(join(import.meta.dirname, entry.file)), `${name}: re-run regen-rumur-counts.ts`).toBe(entry.sha256);
    }
  });
  it("record Rumur's default deadlock mode (stuttering, per `man rumur`)", () => {
    expect(counts.defaultDeadlockMode).toBe('stuttering');
  });
});

for (const [name, make] of Object.entries(TWINS)) {
  describe(`${name} vs Rumur ${counts.rumurVersion}`, () => {
    const entry = counts.models[name]!;
    for (const mode of MODES) {
      const rumur = entry.modes[mode];
      for (const store of ['fingerprint', 'exact'] as StoreKind[]) {
        if (rumur.errors === 0) {
          it(`--deadlock-detection ${mode}, ${store}: no error, ${rumur.states} states, ${rumur.rulesFired} rules fired`, () => {
            const outcome = check(make(), { deadlock: mode as DeadlockMode, store });
            expect(outcome.verdict).toBe('holds');
            if (outcome.verdict !== 'holds') return;
            expect(outcome.stats.states).toBe(rumur.states);
            expect(outcome.stats.transitions).toBe(rumur.rulesFired);
          });
        } else {
          const want = expectedProperty(rumur);
          it(`--deadlock-detection ${mode}, ${store}: ${rumur.error} after ${rumur.traceSteps} steps, same trace and rules fired`, () => {
            const model = make();
            const outcome = check(model, { deadlock: mode as DeadlockMode, store });
            expect(outcome.verdict).toBe('violated');
            if (outcome.verdict !== 'violated') return;
            expect(outcome.violations[0]!.kind).toBe(want.kind);
            expect(outcome.violations[0]!.property).toBe(want.property);
            expect(actionNames(model, outcome)).toEqual(rumur.trace);
            expect(outcome.stats.transitions).toBe(rumur.rulesFired);
            if (want.kind === 'deadlock') expect(outcome.stats.states).toBe(rumur.states);
          });
          if (want.kind === 'invariant') {
            // Rumur checks invariants on a successor before inserting it into its seen set, so
            // the violating state is not in its count; zrcheck follows that when it stops there.
            it(`--deadlock-detection ${mode}, ${store}: states at the invariant stop equal Rumur's ${rumur.states}`, () => {
              const outcome = check(make(), { deadlock: mode as DeadlockMode, store });
              expect(outcome.verdict === 'violated' && outcome.stats.states).toBe(rumur.states);
            });
          }
        }
      }
      if (rumur.errors > 0) {
        it(`--deadlock-detection ${mode}, DFS: the same verdict (${rumur.error})`, () => {
          const outcome = check(make(), { deadlock: mode as DeadlockMode, search: 'dfs', store: 'exact' });
          expect(outcome.verdict).toBe('violated');
          if (outcome.verdict === 'violated') expect(outcome.violations[0]!.property).toBe(expectedProperty(rumur).property);
        });
      }
      if (rumur.errors === 0) {
        it(`--deadlock-detection ${mode}, DFS: the same ${rumur.states} states and ${rumur.rulesFired} rules fired`, () => {
          const outcome = check(make(), { deadlock: mode as DeadlockMode, search: 'dfs', store: 'exact' });
          expect(outcome.verdict).toBe('holds');
          if (outcome.verdict !== 'holds') return;
          expect(outcome.stats.states).toBe(rumur.states);
          expect(outcome.stats.transitions).toBe(rumur.rulesFired);
        });
      }
    }
  });
}
