/**
 * Compiles a `defineModel` rule list into the model's `enabled`/`next` pair by code
 * generation (new Function). The generated `enabled` calls each guard at its own call site
 * (`if (g3(s)) out[n++] = 3;`) instead of looping over an array of closures, so every call
 * site sees one function and V8 calls it directly or inlines it; the generated `next` copies
 * the state's words unrolled and switches on the action to one direct update call.
 *
 * With a dispatch (guardDispatch.ts), a block reads each rule's deciding state element once
 * and, rule by rule in order, skips the guard, takes it as true, or calls it, by that value.
 *
 * Semantics are those of the plain loop: guards are evaluated in rule order, `next` starts
 * from a copy of the state, and a throwing guard or update becomes a RuleError naming the
 * rule. Very long rule lists are split into blocks of BLOCK rules (one generated function
 * each) so that no generated function grows past what V8 optimises. Where code generation is
 * disabled, the caller keeps its plain loops.
 */
import { CALL, TRUE, type DispatchNode } from './guardDispatch.ts';
import { RuleError } from './ruleError.ts';

type Guard = (state: Uint32Array) => boolean;
type Update = (state: Uint32Array, next: Uint32Array) => void;

export interface CompiledRules {
  enabled(state: Uint32Array, out: Int32Array): number;
  next(state: Uint32Array, action: number, out: Uint32Array): void;
}

/**
 * Guards per generated function. V8 inlines at most about 900 bytes of bytecode into one
 * optimised function, so a block of a few guard call sites gets all of them (and their field
 * reads) inlined; the blocks are called one after another. Rules whose dispatch never calls
 * the guard are no call site, so a block holds GUARD_BLOCK call sites and at most
 * BLOCK_RULES rules. Updates: one runs per call, so one switch over up to UPDATE_BLOCK.
 */
const GUARD_BLOCK = 8;
const BLOCK_RULES = 32;
const UPDATE_BLOCK = 256;

const callsGuard = (d: DispatchNode | number | undefined): boolean =>
  d === undefined || d === CALL || (typeof d === 'object' && d.next.some((x) => callsGuard(x)));

/** Rule ranges [from, to) of the generated blocks. */
function blocksOf(dispatch: readonly (DispatchNode | undefined)[]): [number, number][] {
  const blocks: [number, number][] = [];
  for (let from = 0; from < dispatch.length; ) {
    let to = from;
    let sites = 0;
    while (to < dispatch.length && to - from < BLOCK_RULES) {
      const site = callsGuard(dispatch[to]) ? 1 : 0;
      if (sites + site > GUARD_BLOCK) break;
      sites += site;
      to++;
    }
    blocks.push([from, to]);
    from = to;
  }
  return blocks;
}

/** Bit v set for every encoding v whose entry satisfies `test`. */
function bitsOf(d: DispatchNode, test: (x: number | DispatchNode) => boolean): number {
  let bits = 0;
  for (let v = 0; v <= d.mask; v++) if (test(d.next[v]!)) bits |= 1 << v;
  return bits >>> 0;
}

const elementRead = (d: DispatchNode): string => `(s[${d.word}] >>> ${d.shift}) & ${d.mask}`;

/**
 * Code for one rule's dispatch node whose element's value is in variable `x`: the guard called,
 * the rule taken as enabled, nothing, or the next element read and tested, by that value.
 */
function nodeCode(d: DispatchNode, x: string, callGuard: string, push: string, depth: number): string {
  const calls = bitsOf(d, (e) => e === CALL);
  const trues = bitsOf(d, (e) => e === TRUE);
  const arms: string[] = [];
  if (calls !== 0) arms.push(`if ((${calls} >>> ${x}) & 1) { ${callGuard} }`);
  if (trues !== 0) arms.push(`if ((${trues} >>> ${x}) & 1) ${push}`);
  const children = new Map<string, number[]>();
  for (let v = 0; v <= d.mask; v++) {
    const e = d.next[v]!;
    if (typeof e === 'number') continue;
    const y = `y${depth}`;
    const code = `{ const ${y} = ${elementRead(e)}; ${nodeCode(e, y, callGuard, push, depth + 1)} }`;
    const vs = children.get(code);
    if (vs === undefined) children.set(code, [v]);
    else vs.push(v);
  }
  if (children.size > 0) arms.push(`switch (${x}) { ${[...children].map(([code, vs]) => `${vs.map((v) => `case ${v}:`).join(' ')} ${code} break;`).join(' ')} }`);
  return arms.join(' else ');
}

/**
 * The block's code for rules [from, to): each rule's first dispatch element read once into a
 * local, then every rule in order: skipped, known true, or its guard called, by the values
 * of the elements its dispatch tree tests.
 */
function guardBlock(from: number, to: number, dispatch: readonly (DispatchNode | undefined)[]): string {
  const elements = new Map<string, string>();
  const reads: string[] = [];
  const lines: string[] = [];
  for (let r = from; r < to; r++) {
    const d = dispatch[r];
    const callGuard = `i = ${r}; if (g${r - from}(s)) out[n++] = ${r};`;
    if (d === undefined) {
      lines.push(callGuard);
      continue;
    }
    const key = elementRead(d);
    let x = elements.get(key);
    if (x === undefined) {
      x = `x${elements.size}`;
      elements.set(key, x);
      reads.push(`const ${x} = ${key};`);
    }
    lines.push(nodeCode(d, x, callGuard, `out[n++] = ${r};`, 0));
  }
  const locals = Array.from({ length: to - from }, (_, k) => `const g${k} = g[${k}];`).join('\n');
  return `${locals}\nreturn function enabledBlock(s, out, n) {\n  let i = ${from};\n  ${reads.join(' ')}\n  try {\n    ${lines.join('\n    ')}\n  } catch (e) { throw new RuleError(names[i], 'guard', e); }\n  return n;\n};`;
}

function updateBlock(from: number, to: number): string {
  const locals = Array.from({ length: to - from }, (_, k) => `const u${k} = u[${k}];`).join('\n');
  const cases = Array.from({ length: to - from }, (_, k) => `      case ${from + k}: u${k}(s, out); return;`).join('\n');
  return `${locals}\nreturn function updateBlock(s, a, out) {\n  try {\n    switch (a) {\n${cases}\n    }\n  } catch (e) { throw new RuleError(names[a], 'update', e); }\n};`;
}

/**
 * Generated enabled/next for these rules, or undefined where code generation is disabled.
 * `dispatch` (one entry per rule, from learnDispatch) lets `enabled` skip guards whose result
 * the state's dispatch element already decides.
 */
export function compileRules(
  guards: readonly Guard[],
  updates: readonly Update[],
  names: readonly string[],
  words: number,
  dispatch?: readonly (DispatchNode | undefined)[],
): CompiledRules | undefined {
  try {
    const gBlocks: ((s: Uint32Array, out: Int32Array, n: number) => number)[] = [];
    const decided = dispatch ?? guards.map(() => undefined);
    for (const [from, to] of blocksOf(decided)) {
      const make = new Function('g', 'names', 'RuleError', guardBlock(from, to, decided));
      gBlocks.push(make(guards.slice(from, to), names, RuleError));
    }
    const uBlocks: ((s: Uint32Array, a: number, out: Uint32Array) => void)[] = [];
    for (let from = 0; from < updates.length; from += UPDATE_BLOCK) {
      const to = Math.min(updates.length, from + UPDATE_BLOCK);
      uBlocks.push(new Function('u', 'names', 'RuleError', updateBlock(from, to))(updates.slice(from, to), names, RuleError));
    }
    const enabledSrc = `return function enabled(s, out) { let n = 0; ${gBlocks.map((_, b) => `n = b${b}(s, out, n);`).join(' ')} return n; };`;
    const enabled = new Function(...gBlocks.map((_, b) => `b${b}`), enabledSrc)(...gBlocks);
    const copy = Array.from({ length: words }, (_, w) => `out[${w}] = s[${w}];`).join(' ');
    const nextSrc =
      uBlocks.length <= 1
        ? `return function next(s, a, out) { ${copy} ${uBlocks.length === 1 ? 'u[0](s, a, out);' : ''} };`
        : `return function next(s, a, out) { ${copy} u[(a / ${UPDATE_BLOCK}) | 0](s, a, out); };`;
    const next = new Function('u', nextSrc)(uBlocks);
    return { enabled, next };
  } catch {
    return undefined;
  }
}
