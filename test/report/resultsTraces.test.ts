/**
 * Every counterexample committed under results/ (written by the matrix through toItf) must
 * replay with `zrcheck replay` semantics and be 1-minimal. Reads whatever results/ holds, so
 * it guards the committed artefacts rather than a fresh run.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel, type LoadedModel } from '../../src/cli/loadModule.ts';
import { oneMinimalityProblem } from '../../src/minimize/oneMinimal.ts';
import { violationPredicate } from '../../src/minimize/target.ts';
import { ACTION_TAKEN } from '../../src/report/itf.ts';
import { parseItf } from '../../src/report/itfParse.ts';
import { encodeState } from '../../src/report/itfValues.ts';
import { modelSourceOfItf, replayItf } from '../../src/report/itfReplay.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const results = join(root, 'results');

function itfFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...itfFiles(p));
    else if (e.endsWith('.itf.json')) out.push(p);
  }
  return out.sort();
}

const files = existsSync(results) ? itfFiles(results) : [];

describe.skipIf(files.length === 0)(`results/ traces replay and are 1-minimal${files.length === 0 ? ' (SKIPPED: results/ has no .itf.json yet; run the matrix)' : ''}`, () => {
  test(`all ${files.length} exported counterexamples`, async () => {
    const models = new Map<string, LoadedModel>();
    const problems: string[] = [];
    for (const file of files) {
      const name = relative(root, file);
      if (!existsSync(join(file, '..', 'trace.md'))) problems.push(`${name}: no trace.md beside it`);
      const parsed = parseItf(readFileSync(file, 'utf8'), name);
      if (!parsed.ok) {
        problems.push(parsed.error);
        continue;
      }
      const src = modelSourceOfItf(parsed.itf, file);
      if (!src.ok) {
        problems.push(src.error);
        continue;
      }
      const key = JSON.stringify(src.source);
      let loaded = models.get(key);
      if (loaded === undefined) models.set(key, (loaded = await loadModel(src.source)));
      if (!loaded.ok) {
        problems.push(`${name}: ${loaded.error}`);
        continue;
      }
      const model = loaded.model;
      const r = replayItf(model, parsed.itf);
      if (r.kind !== 'reproduced') {
        // A changed model makes committed traces stale: say so, so the fix (rerun the matrix) is clear.
        const stale = r.kind === 'model-changed' ? ' [stale: the model changed since export; rerun `zrcheck matrix`]' : '';
        problems.push(`${name}: ${r.kind === 'error' ? r.error : r.kind === 'model-changed' ? r.reason : `diverged at step ${r.step}: ${r.reason}`}${stale}`);
        continue;
      }
      const meta = parsed.itf['#meta'];
      const pred = violationPredicate(model, { property: meta.property, kind: meta.violationKind }, meta.deadlockMode);
      if (!pred.ok) {
        problems.push(`${name}: ${pred.error}`);
        continue;
      }
      const initial = encodeState(model.layout, parsed.itf.states[0]!);
      if (!initial.ok) throw new Error(initial.error);
      const byName = new Map(model.actions.map((a, i) => [a.name, i]));
      const actions = parsed.itf.states.slice(1).map((s) => byName.get(s[ACTION_TAKEN] as string)!);
      const why = oneMinimalityProblem(model, initial.state, actions, pred.violated);
      if (why !== undefined) problems.push(`${name}: not 1-minimal: ${why}`);
    }
    expect(problems).toEqual([]);
  });
});
