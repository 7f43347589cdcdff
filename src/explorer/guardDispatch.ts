/**
 * Guard dispatch: which guards need not be called at all in a state, learned from the guards
 * themselves before the search, so that `enabled` (compileRules.ts) can skip them the way
 * SPIN's pan only tries the transitions out of a process's current control state. In a model
 * of N processes with a control field each, every guard starts by reading its process's
 * control value, and in most states all but one or two of each process's guards are false
 * after that read; bakery N=5 has 35 guards and about 4 enabled actions per state.
 *
 * Why it is sound. A guard is a function of the state alone (the checker relies on that
 * already: a state's successors must be the same each time it is expanded). Run on a state,
 * it reads state elements one after another, each choice depending only on the values read
 * before it. So if, on some state, it returned after reading only elements e1..ek, holding
 * v1..vk, then on every state where e1..ek hold v1..vk it reads the same values, takes the
 * same path and returns the same result. Per rule, the learner traces the guard on a blank
 * state to find the first element e1 it reads, then on the blank state with e1 set to each
 * of its encodings; where a trace read nothing but e1 and returned, the result for that value
 * is known; where it read a further element e2, it is traced again for each value of e2 (the
 * path e1 = v1 kept), and so on, to MAX_DEPTH elements. The result is a decision tree per
 * rule whose leaves are "false", "true" or "call the guard" (more was read, the guard threw,
 * or it touched the state in a way the tracer does not follow element by element). Which
 * element is read next only steers the learning; soundness rests on the complete traces.
 *
 * How reads are traced, so that no read goes unseen: the guard runs on a Proxy of a private
 * copy of the state; every field accessor handed that proxy (readTrace.ts) logs the exact
 * element and reads the copy (a write loses the trace). Any other access to the proxy (a raw
 * word `s[w]`, a method, `buffer`, a property descriptor, ...) stops the guard and loses the
 * trace.
 *
 * Bounded work: elements of at most MAX_BITS bits (32 encodings) are dispatched on, a rule
 * may spend RULE_TRACES traced calls and a model MODEL_TRACES.
 */
import type { Layout } from './layout.ts';
import { readTrace, TRACE_LOG } from './readTrace.ts';

type Guard = (state: Uint32Array) => boolean;

/** Leaves of a dispatch tree: the guard is false, true, or must be called. */
export const FALSE = 0;
export const TRUE = 1;
export const CALL = 2;

/** One element of the state the guard reads, and what each of its values leads to. */
export interface DispatchNode {
  /** The element's word, shift and mask (of its encoding, value - min). */
  readonly word: number;
  readonly shift: number;
  readonly mask: number;
  /** For each encoding 0..mask: FALSE, TRUE, CALL, or the next element's node. */
  readonly next: readonly (number | DispatchNode)[];
}

/** Elements wider than this are not dispatched on (the generated tests use 32-bit masks). */
const MAX_BITS = 5;
/** Elements one path may test before the guard is called. */
const MAX_DEPTH = 3;
/**
 * Traced guard calls one rule, and one model, may spend on learning: a few microseconds each,
 * so at most some tens of milliseconds of model loading. The bench models use 288 (German) to
 * 1,165 (bakery N=5); a model past the budget calls its remaining guards as before.
 */
const RULE_TRACES = 2_048;
const MODEL_TRACES = 20_000;

/** Thrown by the view's traps to stop a guard at an access the log cannot describe. */
const UNTRACEABLE = Symbol('untraceable');

/**
 * Traced calls of guards: the guard gets a Proxy of a private copy of the state (readTrace.ts
 * has the accessors log the elements they read from it); any other access to the proxy
 * stops the guard and marks the trace lost.
 */
class Tracer {
  readonly raw: Uint32Array;
  readonly view: Uint32Array;
  /** Traced calls left for the model. */
  budget = MODEL_TRACES;

  constructor(words: number) {
    const raw = new Uint32Array(words);
    const stop = (): never => {
      readTrace.lost = 1;
      throw UNTRACEABLE;
    };
    this.raw = raw;
    this.view = new Proxy(raw, {
      // `length` is the same for every state; anything else may read words or leak them.
      get: (_t, p) => (p === 'length' ? raw.length : stop()),
      set: stop,
      has: stop,
      deleteProperty: stop,
      ownKeys: stop,
      getOwnPropertyDescriptor: stop,
      defineProperty: stop,
      setPrototypeOf: stop,
      preventExtensions: stop,
    });
  }

  /**
   * One traced call on `state`: the guard's result, or undefined when it threw or the trace
   * was lost. The elements it read are left in readTrace (`logged()` says whether the log
   * holds them all, in order).
   */
  call(guard: Guard, state: Uint32Array): boolean | undefined {
    this.budget--;
    this.raw.set(state);
    readTrace.n = 0;
    readTrace.lost = 0;
    readTrace.raw = this.raw;
    readTrace.view = this.view;
    let result: boolean | undefined;
    try {
      result = Boolean(guard(this.view));
    } catch {
      result = undefined;
    } finally {
      readTrace.view = null;
      readTrace.raw = new Uint32Array(0);
    }
    return readTrace.lost !== 0 || readTrace.n > TRACE_LOG ? undefined : result;
  }
}

/** A state element as the log names it: field trace id and index. */
interface Element {
  readonly id: number;
  readonly index: number;
  readonly word: number;
  readonly shift: number;
  readonly mask: number;
}

function elementOf(layout: Layout, id: number, index: number): Element | undefined {
  const f = layout.fieldList.find((g) => g.traceId === id);
  if (f === undefined || f.bits > MAX_BITS) return undefined;
  return { id, index, word: f.word[index]!, shift: f.shift[index]!, mask: (1 << f.bits) - 1 };
}

const onPath = (path: readonly Element[], id: number, index: number): boolean => path.some((e) => e.id === id && e.index === index);

/** The first logged read (of at most `n`) outside `path`, or -1 (all reads on the path, or the log overflowed). */
function firstOff(path: readonly Element[], n: number): number {
  if (n > TRACE_LOG) return -1;
  for (let k = 0; k < n; k++) if (!onPath(path, readTrace.fid[k]!, readTrace.idx[k]!)) return k;
  return -1;
}

/**
 * The tree below `path` (elements already fixed in `probe`) for element `e`: each value of
 * `e` traced; a leaf when every value leads to it.
 */
function learnNode(guard: Guard, layout: Layout, tr: Tracer, probe: Uint32Array, path: readonly Element[], e: Element, ruleBudget: { left: number }): number | DispatchNode {
  if (tr.budget < e.mask + 1 || ruleBudget.left < e.mask + 1) return CALL;
  ruleBudget.left -= e.mask + 1;
  const here = [...path, e];
  const next: (number | DispatchNode)[] = [];
  const probeV = new Uint32Array(probe.length);
  for (let v = 0; v <= e.mask; v++) {
    probeV.set(probe);
    probeV[e.word] = (probeV[e.word]! & ~(e.mask << e.shift)) | (v << e.shift);
    const result = tr.call(guard, probeV);
    const n = readTrace.n;
    const off = firstOff(here, n);
    if (result !== undefined && off < 0) {
      next.push(result ? TRUE : FALSE);
      continue;
    }
    // Not decided by the path: descend on the next element it read, if any and allowed.
    const child = off < 0 || here.length >= MAX_DEPTH ? undefined : elementOf(layout, readTrace.fid[off]!, readTrace.idx[off]!);
    next.push(child === undefined ? CALL : learnNode(guard, layout, tr, probeV, here, child, ruleBudget));
  }
  // A node whose values all lead to the same leaf is that leaf.
  if (next.every((x) => x === next[0]) && typeof next[0] === 'number') return next[0];
  return { word: e.word, shift: e.shift, mask: e.mask, next };
}

/**
 * Each rule's dispatch tree (undefined: always call its guard). `guards` must be functions of
 * the state alone; `layout` is the layout they read through.
 */
export function learnDispatch(guards: readonly Guard[], layout: Layout): (DispatchNode | undefined)[] {
  const tr = new Tracer(layout.words);
  const blank = layout.blank();
  return guards.map((guard) => {
    if (tr.budget <= 0) return undefined;
    tr.call(guard, blank);
    const first = readTrace.n === 0 || readTrace.n > TRACE_LOG ? undefined : elementOf(layout, readTrace.fid[0]!, readTrace.idx[0]!);
    if (first === undefined) return undefined;
    const tree = learnNode(guard, layout, tr, blank, [], first, { left: RULE_TRACES });
    return typeof tree === 'number' ? undefined : tree;
  });
}
