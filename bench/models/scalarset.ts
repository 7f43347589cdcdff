/**
 * The Murphi texts of the bench models with their symmetric index sets written as scalarsets,
 * for Rumur's `--symmetry-reduction exhaustive`: each is the model's own generated text
 * (bench/models/<model>.ts) with the edits a scalarset needs, each edit asserted to apply, so
 * the two cannot drift apart silently. Read by test/explorer/symmetry/regen-rumur-symmetry.ts
 * (the recorded counts) and bench/symmetry.ts (the figures).
 *
 * - twophase: `pid` becomes `scalarset(N)`; nothing else changes.
 * - german: `NODE` becomes `scalarset(NODE_NUM)`; `CurPtr` becomes a `NODE`, undefined where
 *   the plain text writes 0 ("no requester"), as zrcheck's twin declares it (offset 1).
 * - boundedbuffer: `prod` and `cons` become scalarsets; an item is the producer itself,
 *   undefined for none, where the plain text writes p+1 and 0 (Murphi has no arithmetic on a
 *   scalarset); the held-slot count, unrolled over indices in the plain text, becomes a
 *   function looping over the sets.
 * - dining and bakery have none: a philosopher's right fork is `(i+1) % N`, a bakery process
 *   breaks ticket ties by `j < i`; Murphi refuses both on a scalarset.
 */
import { murphi as boundedbufferMurphi } from './boundedbuffer.ts';
import { murphi as germanMurphi } from './german.ts';
import { murphi as twophaseMurphi } from './twophase.ts';
import type { BenchParams } from './types.ts';

export const SCALARSET_MODELS = ['twophase', 'german', 'boundedbuffer'] as const;
export type ScalarsetModel = (typeof SCALARSET_MODELS)[number];

function edit(text: string, edits: readonly (readonly [string | RegExp, string])[]): string {
  let out = text;
  for (const [from, to] of edits) {
    const next = typeof from === 'string' ? out.split(from).join(to) : out.replace(from, to);
    if (next === out) throw new Error(`scalarset edit did not apply: ${String(from)}`);
    out = next;
  }
  return out;
}

export function scalarsetMurphi(model: ScalarsetModel, params: BenchParams): string {
  if (model === 'twophase') {
    return edit(twophaseMurphi(params), [
      [/^/, '-- Scalarset version (bench/models/scalarset.ts): participants are a scalarset.\n'],
      ['type pid: 0..N-1;', 'type pid: scalarset(N);'],
    ]);
  }
  if (model === 'german') {
    return edit(germanMurphi(params), [
      [/^/, '-- Scalarset version (bench/models/scalarset.ts): NODE is a scalarset and CurPtr a NODE,\n-- undefined where the plain version writes 0 (no current requester).\n'],
      ['type NODE: 1..NODE_NUM;', 'type NODE: scalarset(NODE_NUM);'],
      [/\n {5}PTR: 0\.\.NODE_NUM;[^\n]*/, ''],
      ['CurPtr: PTR;', 'CurPtr: NODE;               -- undefined: no current requester'],
      ['CurPtr := 0', 'undefine CurPtr'],
    ]);
  }
  return edit(boundedbufferMurphi(params), [
    ['-- Producer p writes the item p+1; 0 means no item.', '-- Scalarset version (bench/models/scalarset.ts): producers and consumers are scalarsets;\n-- producer p writes the item p (undefined: no item) where the plain version writes p+1 (0: none).'],
    ['type prod: 0..P-1;', 'type prod: scalarset(P);'],
    ['     cons: 0..C-1;', '     cons: scalarset(C);'],
    ['     item: 0..P;\n', ''],
    ['of item;', 'of prod;'],
    ['data[k] := 0;', 'undefine data[k];'],
    ['got[c] := 0;', 'undefine got[c];'],
    ['data[pslot[p]] := p + 1;', 'data[pslot[p]] := p;'],
    ['data[cslot[c]] := 0;', 'undefine data[cslot[c]];'],
    ['data[pslot[p]] = p + 1)', 'data[pslot[p]] = p)'],
    ['got[c] != 0 ', '!isundefined(got[c]) '],
    ['(data[k] = 0)', 'isundefined(data[k])'],
    [
      'startstate "init"',
      'function held(): 0..P+C;\n  var n: 0..P+C;\nbegin\n  n := 0;\n  for p: prod do if ppc[p] != WaitSpace then n := n + 1; end; end;\n  for c: cons do if cpc[c] != WaitItem then n := n + 1; end; end;\n  return n;\nend;\nstartstate "init"',
    ],
    [/space \+ items \+ .* = K;/, 'space + items + held() = K;'],
  ]);
}
