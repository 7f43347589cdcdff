/**
 * The report of one check, as a person reads it (verdict per property, each violation's
 * trace, the wait-for picture, the statistics block) and as `--json` prints it.
 */
import type { Model } from '../explorer/model.ts';
import { groupedInt } from '../explorer/numberText.ts';
import { limitText, type CheckOutcome, type Stats, type Violation } from '../explorer/outcome.ts';
import { lastState } from '../explorer/trace.ts';
import { analyzeWaits, closingCycle, focusThread } from '../properties/waitFor.ts';
import { contextSwitches, traceText } from './traceText.ts';
import { renderClosingCycle, renderWaitFor } from './waitForText.ts';

const fmtInt = groupedInt;

/** The `--json` object: verdict, counts, per-property verdicts, violations with their steps. */
export function outcomeJson(model: Model, o: Exclude<CheckOutcome, { verdict: 'error' }>, source: string, unreducedStates?: number): Record<string, unknown> {
  const s = o.stats;
  const violations = o.verdict === 'holds' ? [] : o.violations;
  return {
    verdict: o.verdict,
    model: { name: model.name, source, params: model.params ?? {} },
    states: s.states,
    transitions: s.transitions,
    depth: s.depth,
    wallMs: Math.round(s.wallMs),
    statesPerSec: Math.round(s.statesPerSec),
    bytesPerState: Number(s.bytesPerState.toFixed(2)),
    peakResidentMb: Math.round(s.peakResidentMb),
    collisionProbability: s.collisionProbability,
    search: s.search,
    store: s.store,
    ...(s.bitstate !== undefined ? { bitstate: s.bitstate } : {}),
    reductions: {
      active: Object.keys(s.reductions ?? {}),
      ...(reductionPremise(s) !== undefined ? { holdsRestsOn: reductionPremise(s) } : {}),
      ...(s.reductions?.symmetry !== undefined ? { symmetry: s.reductions.symmetry } : {}),
      ...(s.reductions?.por !== undefined
        ? { por: { ...s.reductions.por, ...(unreducedStates !== undefined ? { unreducedStates } : {}), note: 'traces are real executions but may not be the shortest; check without --por for the shortest' } }
        : {}),
    },
    ...(o.verdict !== 'holds' && o.limit !== undefined ? { limit: o.limit } : {}),
    exhaustive: o.verdict === 'holds' || (o.verdict === 'violated' && o.exhaustive),
    properties: o.properties.map((p) =>
      p.status === 'violated' ? { property: p.property, status: p.status, traceLength: p.violation.trace.steps.length } : { property: p.property, status: p.status },
    ),
    violations: violations.map((x) => ({
      property: x.property,
      kind: x.kind,
      traceLength: x.trace.steps.length,
      contextSwitches: contextSwitches(model, x.trace),
      trace: x.trace.steps.map((st) => {
        const a = model.actions[st.action]!;
        return { thread: model.threads[a.thread]?.name, action: a.name, ...(a.kernelFunction ? { kernelFunction: a.kernelFunction } : {}), ...(a.specSection ? { specSection: a.specSection } : {}) };
      }),
    })),
  };
}

/** The human-readable report: verdicts, first trace, wait-for picture, statistics. */
export function outcomeText(model: Model, o: Exclude<CheckOutcome, { verdict: 'error' }>, source: string, unreducedStates?: number): string {
  const s = o.stats;
  const reduced = s.reductions?.symmetry !== undefined ? ', symmetry reduction' : s.reductions?.por !== undefined ? ', partial-order reduction' : '';
  const lines: string[] = [`zrcheck check ${source}`, `model ${model.name}; ${s.search.toUpperCase()}, ${s.store} store${reduced}`, ''];
  const w = Math.max(8, ...o.properties.map((p) => p.property.length));
  lines.push(`${'property'.padEnd(w)}  verdict`);
  const limit = o.verdict === 'holds' ? undefined : o.limit;
  const notDecided = limit?.kind === 'bitstate' && s.bitstate !== undefined ? bitstateVerdict(s.bitstate.coverage) : 'not decided (search stopped early)';
  for (const p of o.properties) {
    const verdict = p.status === 'violated' ? `VIOLATED (${p.violation.trace.steps.length}-step trace)` : p.status === 'holds' ? 'holds' : notDecided;
    lines.push(`${p.property.padEnd(w)}  ${verdict}`);
  }
  if (limit !== undefined) {
    lines.push(
      '',
      limit.kind === 'bitstate'
        ? `NO VIOLATION FOUND${o.verdict === 'violated' ? ' for the other properties' : ''}: a bitstate search may skip states it takes for seen, so no property is said to hold.`
        : limit.kind === 'aborted'
        ? 'INCOMPLETE: interrupted; the statistics below are partial and no property is said to hold.'
        : `INCOMPLETE: the ${limitText(limit)} stopped the search; the statistics below are partial and no property is said to hold.`,
    );
  } else if (o.verdict === 'violated' && !o.exhaustive) {
    lines.push('', 'The search stopped at the first violation (--first): the other properties were not decided (--all decides them).');
  }
  const reliesOn = reductionPremise(s);
  if (reliesOn !== undefined && o.properties.some((p) => p.status === 'holds')) lines.push('', `"holds" above rests on ${reliesOn}.`);
  if (s.reductions?.por !== undefined && o.verdict !== 'holds' && o.violations.length > 0) {
    lines.push('', 'Partial-order reduction: each trace below is a real execution (it replays), but it may not be the shortest one; re-run without --por for the shortest.');
  }
  // Every violated property's trace, in property order (with --first there is one).
  for (const p of o.properties) {
    if (p.status !== 'violated') continue;
    const v: Violation = p.violation;
    const threads = new Set(v.trace.steps.map((st) => model.actions[st.action]!.thread)).size;
    lines.push('', `Counterexample for ${v.property}: ${v.trace.steps.length} steps, ${contextSwitches(model, v.trace)} context switch${contextSwitches(model, v.trace) === 1 ? "" : "es"}, ${threads} thread${threads === 1 ? '' : 's'}`);
    lines.push(traceText(model, v.trace));
    const explanation = waitForBlock(model, v);
    if (explanation) lines.push('', explanation.trimEnd());
  }
  lines.push(
    '',
    'statistics',
    `  distinct states     ${fmtInt(s.states)}${s.store === 'bounded' ? ' (expansions; bounded cache revisits states)' : ''}`,
    `  transitions         ${fmtInt(s.transitions)}`,
    `  max depth           ${s.depth}`,
    `  states/s            ${fmtInt(s.statesPerSec)}`,
    `  bytes/state         ${s.bytesPerState.toFixed(1)} (visited set + parent log, ${fmtInt(s.visitedBytes)} bytes)`,
    `  wall time           ${(s.wallMs / 1000).toFixed(2)} s`,
    `  peak memory         ${fmtInt(s.peakResidentMb)} MB resident (the whole process)`,
    s.bitstate !== undefined
      ? `  bitstate table      2^${s.bitstate.log2Bits} bits (${fmtBytes(2 ** s.bitstate.log2Bits / 8)}), ${s.bitstate.hashes} bits set per state, seed ${s.bitstate.seed}, ${fmtInt(s.bitstate.bitsSet)} bits set`
      : `  collision prob.     ${s.store === 'exact' ? '0 (exact store)' : `${s.collisionProbability.toExponential(2)} (64-bit fingerprints, TLC's optimistic estimate)`}`,
  );
  const sym = s.reductions?.symmetry;
  if (sym !== undefined) {
    const sets = sym.sets.map((x) => `${x.name} (${x.size})`).join(', ');
    lines.push(
      `  symmetry            ${sets}: group of ${fmtInt(sym.groupOrder)} permutations; distinct states are orbits`,
      sym.statesUnreduced !== undefined
        ? `  states unreduced    ${fmtInt(sym.statesUnreduced)} (what a search without --symmetry stores; ${(sym.statesUnreduced / Math.max(1, s.states)).toFixed(2)}x the orbits)`
        : `  states unreduced    not known (${sym.initialStatesSymmetric ? 'the search did not expand every stored state' : 'the initial states are not closed under the permutations, so the reachable states are not whole orbits'})`,
      `  canonical forms     ${fmtInt(sym.canonicalizations)} computed, ${(sym.images / Math.max(1, sym.canonicalizations)).toFixed(2)} images built each`,
    );
  }
  if (s.reductions?.por !== undefined) {
    const p = s.reductions.por;
    lines.push(
      `  reductions          partial-order (stubborn sets from declared footprints)`,
      `  POR expansions      ${fmtInt(p.reducedStates)} reduced, ${fmtInt(p.fullStates)} full (no smaller stubborn set), ${fmtInt(p.provisoStates)} full by the cycle proviso; ${fmtInt(p.prunedTransitions)} transitions not fired`,
    );
    if (unreducedStates !== undefined) {
      lines.push(`  unreduced states    ${fmtInt(unreducedStates)} (the same check without --por; ${(unreducedStates / Math.max(1, s.states)).toFixed(2)}x)`);
    }
  }
  if (s.bitstate !== undefined) {
    lines.push(
      `  hash factor         ${s.bitstate.hashFactor.toPrecision(4)} (table bits per stored state, SPIN's; best if > 100)`,
      `  est. coverage       ${coveragePercent(s.bitstate.coverage)} % (${fmtInt(s.bitstate.expectedOmissions)} states expected lost to hash collisions)`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What a reduced search's "holds" assumes of the model, or undefined without reduction: the
 * reductions are sound only for declarations that are true, and zrcheck checks them only in
 * part during the run (--verify-footprints checks footprints fully, as a separate search).
 */
export function reductionPremise(s: Stats): string | undefined {
  if (s.reductions?.por !== undefined) return "the model's declared footprints (partial-order reduction); --verify-footprints checks them over a full search";
  if (s.reductions?.symmetry !== undefined) return "the model's declared symmetry (checked on its first states only, not proven); the same check without --symmetry decides without it";
  return undefined;
}

/** A coverage fraction as a percentage that never rounds up to 100 unless it is 1. */
export function coveragePercent(c: number): string {
  if (c >= 1) return '100';
  const p = Math.floor(c * 1e4) / 100;
  return p.toFixed(2);
}

/** The verdict of a property a bitstate search did not find violated. */
export function bitstateVerdict(coverage: number): string {
  return `no violation found (bitstate, estimated coverage ${coveragePercent(coverage)} %)`;
}

function fmtBytes(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(n >= 10485760 ? 0 : 1)} MB` : `${(n / 1024).toFixed(0)} KB`;
}

/** The wait-for cycle at a deadlock, or the cycle that would close after a wait violation. */
function waitForBlock(model: Model, v: Violation): string | undefined {
  if (model.waitsFor === undefined) return undefined;
  const state = lastState(v.trace);
  if (v.kind === 'deadlock') return renderWaitFor(model, analyzeWaits(model, state));
  const focus = focusThread(model, state);
  if (focus === undefined) return undefined;
  return renderClosingCycle(model, focus, closingCycle(model, state, focus));
}

