/**
 * Compiles a `defineModel` rule list into the model's `enabled`/`next` pair by code
 * generation (new Function). The generated `enabled` calls each guard at its own call site
 * (`if (g3(s)) out[n++] = 3;`) instead of looping over an array of closures, so every call
 * site sees one function and V8 calls it directly or inlines it; the generated `next` copies
 * the state's words unrolled and switches on the action to one direct update call.
 *
 * Semantics are those of the plain loop: guards are evaluated in rule order, `next` starts
 * from a copy of the state, and a throwing guard or update becomes a RuleError naming the
 * rule. Very long rule lists are split into blocks of BLOCK rules (one generated function
 * each) so that no generated function grows past what V8 optimises. Where code generation is
 * disabled, the caller keeps its plain loops.
 */
import { RuleError } from './ruleError.ts';

type Guard = (state: Uint32Array) => boolean;
type Update = (state: Uint32Array, next: Uint32Array) => void;

export interface CompiledRules {
  enabled(state: Uint32Array, out: Int32Array): number;
  next(state: Uint32Array, action: number, out: Uint32Array): void;
}

/**
 * Guards per generated function. V8 inlines at most about 900 bytes of bytecode into one
 * optimised function, so a block of a few guards gets all of them (and their field reads)
 * inlined; the blocks are called one after another. Updates: one runs per call, so one
 * switch over up to UPDATE_BLOCK of them.
 */
const GUARD_BLOCK = 8;
const UPDATE_BLOCK = 256;

function guardBlock(from: number, to: number): string {
  const locals = Array.from({ length: to - from }, (_, k) => `const g${k} = g[${k}];`).join('\n');
  const calls = Array.from({ length: to - from }, (_, k) => `    i = ${from + k}; if (g${k}(s)) out[n++] = ${from + k};`).join('\n');
  return `${locals}\nreturn function enabledBlock(s, out, n) {\n  let i = ${from};\n  try {\n${calls}\n  } catch (e) { throw new RuleError(names[i], 'guard', e); }\n  return n;\n};`;
}

function updateBlock(from: number, to: number): string {
  const locals = Array.from({ length: to - from }, (_, k) => `const u${k} = u[${k}];`).join('\n');
  const cases = Array.from({ length: to - from }, (_, k) => `      case ${from + k}: u${k}(s, out); return;`).join('\n');
  return `${locals}\nreturn function updateBlock(s, a, out) {\n  try {\n    switch (a) {\n${cases}\n    }\n  } catch (e) { throw new RuleError(names[a], 'update', e); }\n};`;
}

/** Generated enabled/next for these rules, or undefined where code generation is disabled. */
export function compileRules(guards: readonly Guard[], updates: readonly Update[], names: readonly string[], words: number): CompiledRules | undefined {
  try {
    const gBlocks: ((s: Uint32Array, out: Int32Array, n: number) => number)[] = [];
    for (let from = 0; from < guards.length; from += GUARD_BLOCK) {
      const to = Math.min(guards.length, from + GUARD_BLOCK);
      gBlocks.push(new Function('g', 'names', 'RuleError', guardBlock(from, to))(guards.slice(from, to), names, RuleError));
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
