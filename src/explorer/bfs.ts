/**
 * Breadth-first search: shortest counterexamples. States are numbered in discovery order,
 * which is also dequeue order, so the number of the state being expanded is a counter and
 * the queue stores nothing but packed states. Hot loop: no allocation per state (reused
 * buffers, typed-array stores and logs).
 */
import type { Model } from './model.ts';
import type { Trace } from './outcome.ts';
import { ParentLog, ROOT } from './parentLog.ts';
import type { RunContext } from './run.ts';
import { StateQueue } from './stateQueue.ts';
import { buildTrace } from './trace.ts';
import type { VisitedStore } from './visited.ts';

export interface SearchResult {
  readonly states: number;
  readonly storeBytes: number;
  readonly logBytes: number;
}

export function bfs(model: Model, store: VisitedStore, ctx: RunContext): SearchResult {
  const W = model.layout.words;
  const layout = model.layout;
  const log = new ParentLog(model.actions.length);
  const queue = new StateQueue(W);
  const cur = new Uint32Array(W);
  const succ = new Uint32Array(W);
  const ids = new Int32Array(Math.max(1, model.actions.length));
  const inits = model.initialStates();
  const stuttering = ctx.deadlockMode === 'stuttering';
  const deadlockOn = ctx.deadlockMode !== 'off';
  const maxStates = ctx.opts.maxStates;
  const maxDepth = ctx.opts.maxDepth;
  const traceOf = (n: number) => {
    const p = log.pathTo(n);
    return buildTrace(model, inits[p.initial]!, p.actions);
  };
  const trace = (n: number) => () => traceOf(n);
  let index = 0;
  ctx.pathToCurrent = () => traceOf(index);

  for (let k = 0; k < inits.length && !ctx.stopped; k++) {
    const s = inits[k]!;
    if (store.add(s)) {
      const n = log.push(ROOT, k);
      queue.push(s);
      ctx.checkNewState(s, traceOf, n);
    }
  }

  let levelEnd = log.size;
  while (queue.length > 0 && !ctx.stopped) {
    if (index === levelEnd) {
      if (ctx.depth + 1 > maxDepth) {
        ctx.stopDepth();
        break;
      }
      ctx.depth++;
      levelEnd = log.size;
    }
    queue.shift(cur);
    const n = model.enabled(cur, ids);
    if (n === 0) {
      terminal(ctx, cur, trace(index), deadlockOn);
    } else {
      let allSelf = stuttering;
      for (let j = 0; j < n && !ctx.stopped; j++) {
        const a = ids[j]!;
        ctx.currentAction = a;
        model.next(cur, a, succ);
        ctx.transitions++;
        if (layout.strayWord(succ) >= 0) throw new StrayBitsError(a, layout.strayWord(succ));
        if (allSelf) for (let w = 0; w < W; w++) if (succ[w] !== cur[w]) allSelf = false;
        if (store.add(succ)) {
          const m = log.push(index, a);
          queue.push(succ);
          ctx.checkNewState(succ, traceOf, m);
          if (store.size > maxStates) ctx.stopStates();
        }
      }
      ctx.currentAction = -1;
      if (allSelf && deadlockOn && !ctx.stopped && !ctx.isValidEnd(cur)) {
        ctx.report('deadlock', 'deadlock', trace(index));
      }
    }
    index++;
    ctx.tick(store.size, queue.length);
  }
  return { states: store.size, storeBytes: store.bytes(), logBytes: log.bytes() };
}

/** A state with no enabled action: a valid end (run end checks) or a deadlock. */
export function terminal(ctx: RunContext, state: Uint32Array, trace: () => Trace, deadlockOn: boolean): void {
  if (ctx.isValidEnd(state)) {
    ctx.checkEndState(state, trace);
  } else if (deadlockOn) {
    ctx.report('deadlock', 'deadlock', trace);
  }
}

/** A successor set bits outside every declared field (raw word writes). */
export class StrayBitsError extends Error {
  constructor(
    readonly action: number,
    readonly word: number,
  ) {
    super(`successor wrote bits outside the declared layout in word ${word}`);
    this.name = 'StrayBitsError';
  }
}
