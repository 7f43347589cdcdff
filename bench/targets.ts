/**
 * The speed targets of issue 11, checked against one bench run's figures (they live here,
 * in the bench, and never in a timed test):
 * - one search thread, whole process: at least 1.5x SPIN's pan (-DNOREDUCE) on every bench
 *   model of 500k states or more, at least 1.0x from 100k to 500k;
 * - N threads (N >= 2): at least 1.7x one thread on every model of 1M states or more;
 * - at most 17 bytes per state (visited set and parent log) with one thread and with N, on
 *   every model of 500k states or more (below that the first table's fixed 2.4 MB dominates:
 *   fingerprintTable.ts FIRST_SLOTS);
 * - the buggy zr-wb-jc (4,4) counterexample printed within 0.5 s of the command's start;
 * - the first state within 0.3 s of process start, for a built-in and a user's model.
 * Each line says met, MISSED (with the figure), or why it could not be judged.
 */
import type { ModelResult } from './measure.ts';
import type { CounterexampleRun, StartupRun } from './startup.ts';

export interface TargetLine {
  readonly target: string;
  readonly met: boolean | null;
  readonly detail: string;
}

const f2 = (x: number) => x.toFixed(2);

/**
 * The most N threads could gain on this run's whole process: the part outside the search
 * (start-up, output: the one-thread run's wall time minus its search) stays, and the search
 * shrinks at best by the machine's ceiling. Undefined when a figure is missing.
 */
export function speedupBound(oneThread: { readonly wallMs?: number; readonly searchMs?: number }, ceiling: number | undefined): number | undefined {
  const { wallMs, searchMs } = oneThread;
  if (wallMs === undefined || searchMs === undefined || ceiling === undefined || ceiling <= 0 || searchMs > wallMs) return undefined;
  return wallMs / (wallMs - searchMs + searchMs / ceiling);
}

function ceilingNote(r: ModelResult): string {
  const c = r.concurrent.ceiling;
  if (c === undefined) return '';
  const bound = speedupBound(r.zrcheckCli, c);
  const outside = r.zrcheckCli.wallMs !== undefined && r.zrcheckCli.searchMs !== undefined ? (r.zrcheckCli.wallMs - r.zrcheckCli.searchMs) / 1000 : undefined;
  return ` (this machine's ceiling on the search: ${f2(c)}x${bound !== undefined && outside !== undefined ? `; with the ${f2(outside)} s outside the search, at most ${f2(bound)}x for the whole process` : ''})`;
}

export function judgeTargets(results: readonly ModelResult[], workers: number, startup: readonly StartupRun[], buggy: CounterexampleRun | undefined, buggySize: string): TargetLine[] {
  const lines: TargetLine[] = [];
  for (const r of results) {
    const states = r.expected?.states ?? r.zrcheckCli.states ?? 0;
    const need = states >= 500_000 ? 1.5 : states >= 100_000 ? 1.0 : undefined;
    const spinRatio = r.ratios['spinOverCli'];
    if (need !== undefined) {
      lines.push(
        spinRatio === null || spinRatio === undefined
          ? { target: `${r.name}: 1 thread >= ${need}x SPIN`, met: null, detail: 'not measured (SPIN or the CLI run skipped or failed)' }
          : { target: `${r.name}: 1 thread >= ${need}x SPIN`, met: spinRatio >= need, detail: `${f2(spinRatio)}x` },
      );
    }
    if (workers >= 2 && states >= 1_000_000) {
      const s = r.ratios['speedup'];
      lines.push(
        s === null || s === undefined
          ? { target: `${r.name}: ${workers} threads >= 1.7x 1 thread`, met: null, detail: 'not measured' }
          : { target: `${r.name}: ${workers} threads >= 1.7x 1 thread`, met: s >= 1.7, detail: `${f2(s)}x${ceilingNote(r)}` },
      );
    }
    // Below 500k states the first table's fixed 2.4 MB dominates bytes per state: judged from there.
    for (const [mode, run] of [['1 thread', r.zrcheckCli], [`${workers} threads`, r.zrcheckCliN]] as const) {
      if (run.bytesPerState === undefined || states < 500_000) continue;
      lines.push({ target: `${r.name}: <= 17 B/state, ${mode}`, met: run.bytesPerState <= 17, detail: `${run.bytesPerState.toFixed(1)} B/state` });
    }
  }
  if (buggy !== undefined) {
    lines.push(
      buggy.status === 'ok' && buggy.wallMs !== undefined
        ? { target: `zr-wb-jc buggy ${buggySize} counterexample <= 0.5 s`, met: buggy.wallMs <= 500, detail: `${f2(buggy.wallMs / 1000)} s (median)` }
        : { target: `zr-wb-jc buggy ${buggySize} counterexample <= 0.5 s`, met: null, detail: buggy.note ?? 'failed' },
    );
  }
  for (const s of startup) {
    lines.push(
      s.status === 'ok' && s.firstStateMs !== undefined
        ? { target: `first state <= 0.3 s: ${s.label}`, met: s.firstStateMs <= 300, detail: `${f2(s.firstStateMs / 1000)} s (median)` }
        : { target: `first state <= 0.3 s: ${s.label}`, met: null, detail: s.note ?? 'failed' },
    );
  }
  return lines;
}
