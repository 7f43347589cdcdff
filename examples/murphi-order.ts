/**
 * Rumur's rule order for a ruleset holding several rules. Rumur's generated verifier loops
 * rule by rule and, inside each rule, over the ruleset's values: `ruleset i do A; B end` fires
 * A[0], A[1], ..., then B[0], B[1], ... The public `ruleset(n, i => [A, B])` flattens value by
 * value instead (A[0], B[0], A[1], ...). Exhaustive counts do not depend on the order, but
 * which of several equally short counterexamples BFS returns, and how far a run gets before it
 * stops at an error, do; the Rumur twins use this order so those match Rumur too.
 */
import { ruleset } from '../src/index.ts';

/** Like `ruleset`, but ordered rule-major, as Rumur fires them. Every `make(i)` must return the same number of rules. */
export function murphiRuleset<T>(n: number, make: (i: number) => readonly T[]): T[] {
  const byValue = ruleset(n, (i) => [make(i)]);
  const width = byValue[0]?.length ?? 0;
  const out: T[] = [];
  for (let r = 0; r < width; r++) {
    for (let i = 0; i < n; i++) {
      const rules = byValue[i]!;
      if (rules.length !== width) throw new Error(`murphiRuleset: value ${i} made ${rules.length} rules, value 0 made ${width}`);
      out.push(rules[r]!);
    }
  }
  return out;
}
