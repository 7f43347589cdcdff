/**
 * Partial-order reduction on the kernel model: for every built-in scenario of every profile
 * and version (default assumptions), the states explored with and without `--por`, with every
 * property and with the deadlock property (D2) alone, and the factor. One line per pair, then
 * the totals and the largest scenario. `npx tsx bench/por.ts` (about a minute).
 *
 * Why a script and not a test: the figures describe how much the reduction buys, which a test
 * cannot fix without freezing the model; test/kernel/por.test.ts checks that the verdicts agree.
 */
import { check } from '../src/explorer/check.ts';
import type { Model } from '../src/explorer/model.ts';
import { buildKernelModel } from '../src/kernel/build.ts';
import { PROFILES } from '../src/model/profiles/index.ts';
import { SCENARIOS, scenarioApplies } from '../src/model/scenarios.ts';
import { selectProperties } from '../src/properties/select.ts';

function states(model: Model, por: boolean): number {
  const o = check(model, { stopAtFirst: false, por });
  if (o.verdict === 'error') throw new Error(`${model.name}: ${o.error.message}`);
  return o.stats.states;
}

const factor = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
let all = [0, 0];
let d2 = [0, 0];
let largest = { states: 0, line: '' };
for (const p of PROFILES) {
  for (const v of p.versions) {
    for (const s of SCENARIOS) {
      if (scenarioApplies(s.id, p.behaviour, p.id) !== undefined) continue;
      const b = buildKernelModel({ profile: p.id, scenario: s.id, variant: v.id });
      if (!b.ok) throw new Error(b.error);
      const sel = selectProperties(b.model, ['D2']);
      if (typeof sel === 'string') throw new Error(sel);
      const [a, ar, d, dr] = [states(b.model, false), states(b.model, true), states(sel.model, false), states(sel.model, true)];
      all = [all[0]! + a, all[1]! + ar];
      d2 = [d2[0]! + d, d2[1]! + dr];
      const line = `${p.id} ${v.id} ${s.id}: all properties ${a} -> ${ar} (${factor(a, ar)}); D2 alone ${d} -> ${dr} (${factor(d, dr)})`;
      console.log(line);
      if (a > largest.states) largest = { states: a, line };
    }
  }
}
console.log(`total: all properties ${all[0]} -> ${all[1]} (${factor(all[0]!, all[1]!)}); D2 alone ${d2[0]} -> ${d2[1]} (${factor(d2[0]!, d2[1]!)})`);
console.log(`largest: ${largest.line}`);
