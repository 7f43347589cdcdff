/**
 * `zrcheck check`: exhaustive check of one model. Prints a verdict per property, each
 * violation's trace with thread and action names (and the wait-for picture when the model can
 * say what its threads wait for), and the statistics block; `--json` prints one JSON object.
 * Ctrl-C stops the search within a second: the partial statistics are printed, every property
 * not violated is "not decided", exit 3.
 */
import { availableParallelism } from 'node:os';
import { check } from '../../explorer/check.ts';
import { checkParallel } from '../../explorer/parallel/coordinator.ts';
import type { BitstateOptions, CheckOptions } from '../../explorer/options.ts';
import { MAX_BITS, MIN_BITS } from '../../explorer/bitstate.ts';
import type { CheckOutcome, Violation } from '../../explorer/outcome.ts';
import type { PropertyMinimization } from '../../minimize/index.ts';
import { selectProperties } from '../../properties/select.ts';
import { WaitsForError } from '../../properties/waitFor.ts';
import { outcomeJson, outcomeText } from '../../report/checkReport.ts';
import { EXIT, type CliIO, type Command } from '../io.ts';
import { describeSource, MODEL_ARG_OPTIONS } from '../loadModule.ts';
import { fmtInt, progressLine } from '../progress.ts';
import { loadFromArgs, MODEL_HELP, reportModelError } from './modelArgs.ts';
import { deadlockOption, intOption, LIMIT_HELP, LIMIT_OPTIONS, limitOptions, parseCommand, usageError } from './shared.ts';
import { workerModelSpec } from '../workerModel.ts';

/** --workers' default: one search thread per core. */
function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * ZRCHECK_STARTUP_PROBE=1 (the bench's start-up figure): print on stderr the wall-clock time
 * at which the search got its first state, as epoch milliseconds.
 */
function startupProbe(io: CliIO): Pick<CheckOptions, 'onFirstState'> {
  if (process.env['ZRCHECK_STARTUP_PROBE'] !== '1') return {};
  return { onFirstState: () => io.err(`zrcheck: first state at ${(performance.timeOrigin + performance.now()).toFixed(1)}\n`) };
}

export const CHECK_USAGE = `usage: zrcheck check (MODULE [--param NAME=VALUE]... | [--profile ID] (--scenario ID | --layout ID) --variant ID [--assume NAME=VALUE]...)
       [--bfs | --dfs] [--exact | --bounded N | --bitstate BITS [--hashes K]] [--all | --first]
       [--property NAME]... [--deadlock stuck|stuttering|off] [--workers N] [--max-states N]
       [--max-depth N] [--time-limit SECONDS] [--memory-mb N] [--symmetry | --por [--por-baseline]]
       [--verify-footprints] [--minimize] [--json] [--debug]`;

const HELP = `${CHECK_USAGE}

Explores every reachable state of the model and says, per property, whether it holds
(exhaustively), is violated (with the shortest trace, BFS) or was not decided.

${MODEL_HELP}

Search:
  --bfs                 breadth first (default): shortest counterexamples
  --dfs                 depth first
  --exact               store whole states (no fingerprint collision risk)
  --bounded N           DFS with a cache of at most N states (plus the DFS stack)
  --bitstate BITS       DFS with a bitstate table (Bloom filter) of 2^BITS bits (8..32; 29 is
                        64 MB) for state spaces no store holds: violations found are real, but
                        states may be skipped, so the verdict is at best "no violation found
                        (bitstate, estimated coverage X %)", never "holds"; exit 3
  --hashes K            bits set per state with --bitstate (default 3)
  --all                 go on after the first violation: one trace per violated property
                        (the default for kernel scenarios and layouts)
  --first               stop at the first violation (the default for a MODULE)
  --property NAME       check only these properties (repeatable; 'deadlock' is the
                        built-in one, D2 in kernel scenarios)
  --deadlock MODE       stuttering (default, Rumur's): no enabled action or only self loops,
                        and not a valid end; stuck: no enabled action; off: no deadlock check
  --symmetry            symmetry reduction over the model's declared symmetric index sets
                        (scalarsets): one state stored per orbit, exact canonical form;
                        traces stay real executions. Sound only for a symmetric model
                        (checked on its first 1,000 states). Not with --bitstate
  --workers N           search threads for BFS with fingerprints (default: one per core,
                        here ${defaultWorkers()}); same counts and shortest traces with any N.
                        --dfs, --exact and --bounded always search on one thread
  --por                 partial-order reduction from the actions' declared footprints (every
                        action and invariant must declare one): fewer states, same verdicts;
                        a trace is real but may not be the shortest. One thread; not with
                        --bounded or --bitstate
  --por-baseline        with --por: also run the check without it and show both state counts
  --verify-footprints   run a full search that traces every field access and fails (exit 2)
                        at the first one outside an action's or property's declared footprint,
                        naming the rule, the field and the state (with the trace to it)
${LIMIT_HELP}

Output:
  --minimize            report each violation with the fewest context switches, then threads,
                        then steps (1-minimal)
  --json                one JSON object: verdict, counts, per-property verdicts, traces
  --debug               stack traces for model and load errors

Exit: 0 every property holds (exhaustive), 1 a property is violated, 2 bad input or a model
error, 3 incomplete (a limit or Ctrl-C stopped the search; nothing is said to hold).`;

const OPTIONS = {
  ...MODEL_ARG_OPTIONS,
  ...LIMIT_OPTIONS,
  bfs: { type: 'boolean' },
  dfs: { type: 'boolean' },
  exact: { type: 'boolean' },
  bounded: { type: 'string' },
  bitstate: { type: 'string' },
  hashes: { type: 'string' },
  all: { type: 'boolean' },
  first: { type: 'boolean' },
  property: { type: 'string', multiple: true },
  layout: { type: 'string' },
  deadlock: { type: 'string' },
  symmetry: { type: 'boolean' },
  workers: { type: 'string' },
  json: { type: 'boolean' },
  minimize: { type: 'boolean' },
  por: { type: 'boolean' },
  'por-baseline': { type: 'boolean' },
  'verify-footprints': { type: 'boolean' },
} as const;

export const checkCommand: Command = async (args, io) => {
  const parsed = parseCommand(io, args, OPTIONS, 'check', HELP);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  if (v.bfs && v.dfs) return usageError(io, '--bfs and --dfs exclude each other', 'check');
  if (v.exact && v.bounded !== undefined) return usageError(io, '--exact and --bounded exclude each other', 'check');
  const bitstate = bitstateOption(v);
  if (typeof bitstate === 'string') return usageError(io, bitstate, 'check');
  if (v.all && v.first) return usageError(io, '--all and --first exclude each other', 'check');
  if (v.symmetry && bitstate !== undefined) return usageError(io, '--symmetry and --bitstate exclude each other (a bitstate search stores no canonical forms)', 'check');
  const deadlock = deadlockOption(v.deadlock);
  if (!deadlock.ok) return usageError(io, deadlock.error, 'check');
  const limits = limitOptions(v);
  if (typeof limits === 'string') return usageError(io, limits, 'check');
  if (v.por && (v.bounded !== undefined || bitstate !== undefined)) return usageError(io, `--por needs a full visited set: drop --${v.bounded !== undefined ? 'bounded' : 'bitstate'}`, 'check');
  if (v['por-baseline'] && !v.por) return usageError(io, '--por-baseline goes with --por', 'check');
  if (v.por && v.symmetry) return usageError(io, '--por and --symmetry are not combined (POR with symmetry needs footprints that are themselves symmetric, which nothing checks): use one', 'check');
  if (v['verify-footprints'] && (v.por || v.bounded !== undefined || bitstate !== undefined)) {
    return usageError(io, '--verify-footprints runs a full search of its own: drop --por, --bounded and --bitstate', 'check');
  }
  const opts: CheckOptions = {
    ...limits,
    search: v.dfs || v.bounded !== undefined || bitstate !== undefined ? 'dfs' : 'bfs',
    store: v.exact ? 'exact' : v.bounded !== undefined ? 'bounded' : bitstate !== undefined ? 'bitstate' : 'fingerprint',
    ...(bitstate !== undefined ? { bitstate } : {}),
    ...(v.symmetry ? { symmetry: true } : {}),
    // A module stops at its first violation unless --all; a kernel scenario has many
    // properties, so it reports every one unless --first.
    stopAtFirst: v.first === true || (!v.all && v.scenario === undefined && v.layout === undefined),
  };
  if (v.bounded !== undefined) {
    const n = intOption('bounded', v.bounded);
    if (typeof n === 'string') return usageError(io, n, 'check');
    opts.cacheCapacity = n;
  }
  if (deadlock.mode !== undefined) opts.deadlock = deadlock.mode;
  const workers = v.workers === undefined ? defaultWorkers() : intOption('workers', v.workers);
  if (typeof workers === 'string') return usageError(io, workers, 'check');

  const loaded = await loadFromArgs(io, parsed.positionals, v, 'check');
  if (typeof loaded === 'number') return loaded;
  const selected = selectProperties(loaded.model, v.property ?? [], loaded.explainProperty);
  if (typeof selected === 'string') return usageError(io, selected, 'check');
  const model = selected.model;
  if (selected.deadlockOff) opts.deadlock = 'off';

  const progress = progressLine(io, 'check');
  const run: CheckOptions = { ...opts, onProgress: progress.onProgress, progressIntervalMs: progress.intervalMs, shouldAbort: () => io.interrupted(), ...startupProbe(io) };
  if (v.por) run.por = true;
  if (v['verify-footprints']) run.verifyFootprints = true;
  const oneThread = v.por === true || v['verify-footprints'] === true;
  if (oneThread && workers > 1 && v.workers !== undefined) io.err(`zrcheck: note: ${v.por ? '--por' : '--verify-footprints'} searches on one thread; --workers ${workers} is ignored\n`);
  // Several threads for BFS with fingerprints (src/explorer/parallel); DFS, exact and bounded run on one.
  const outcome =
    !oneThread && workers > 1 && opts.search === 'bfs' && opts.store === 'fingerprint'
      ? await checkParallel(model, workerModelSpec(loaded.source, v.property ?? [], loaded.bundle), { ...run, workers, onWarning: (w) => io.err(`zrcheck: warning: ${w}\n`) })
      : check(model, run);
  progress.done();

  if (outcome.verdict === 'error') return reportModelError(io, model, loaded, outcome.error);
  let unreduced: number | undefined;
  if (v['por-baseline'] && !io.interrupted()) {
    const base = check(model, { ...run, por: false, onProgress: undefined });
    if (base.verdict !== 'error' && (base.verdict === 'holds' || base.limit === undefined)) unreduced = base.stats.states;
  }
  let shown: Exclude<CheckOutcome, { verdict: 'error' }> = outcome;
  let minimized: PropertyMinimization[] = [];
  // The minimiser is loaded only when asked for (start-up of every other run).
  const { minimizationLine, minimizeViolations } = v.minimize ? await import('../../minimize/index.ts') : { minimizationLine: undefined, minimizeViolations: undefined };
  if (minimizeViolations !== undefined && outcome.verdict !== 'holds' && outcome.violations.length > 0 && !io.interrupted()) {
    minimized = minimizeViolations(model, outcome.violations, { ...(opts.deadlock ? { deadlock: opts.deadlock } : {}), shouldAbort: () => io.interrupted() });
    shown = withMinimalTraces(outcome, minimized);
  }
  const where = describeSource(loaded.source);
  try {
    if (v.json) {
      const j = outcomeJson(model, shown, where, unreduced);
      if (v.minimize) j['minimized'] = minimized.map(minimizationJson);
      io.out(`${JSON.stringify(j, null, 2)}\n`);
    } else {
      let text = outcomeText(model, shown, where, unreduced);
      if (v['verify-footprints']) text += `\nfootprints: every field access of every action and property matched its declaration in all ${fmtInt(shown.stats.states)} states searched${shown.verdict === 'holds' || (shown.verdict === 'violated' && shown.exhaustive) ? '' : ' (the search did not cover every state)'}\n`;
      if (minimized.length > 0 && minimizationLine !== undefined) text += `\nminimised counterexamples (the traces above)\n${minimized.map((m) => `  ${minimizationLine(m)}`).join('\n')}\n`;
      io.out(text);
    }
  } catch (e) {
    // The wait-for picture of a violation asks the model's waitsFor, which may break its contract.
    if (e instanceof WaitsForError) return usageError(io, `model error in ${where}: ${e.message}`);
    throw e;
  }
  // Ctrl-C makes the run incomplete whatever it found before (the violations above are real).
  if (outcome.verdict !== 'holds' && outcome.limit?.kind === 'aborted') return EXIT.incomplete;
  return exitCodeOf(outcome);
};

/** The outcome with each violation's trace replaced by its minimised one, where that worked. */
function withMinimalTraces(o: Exclude<CheckOutcome, { verdict: 'error' | 'holds' }>, ms: readonly PropertyMinimization[]): Exclude<CheckOutcome, { verdict: 'error' }> {
  const better = new Map<string, Violation>();
  for (const m of ms) if (m.result.ok) better.set(m.property, m.result.violation);
  const violations = o.violations.map((x) => better.get(x.property) ?? x);
  const properties = o.properties.map((p) => (p.status === 'violated' && better.has(p.property) ? { ...p, violation: better.get(p.property)! } : p));
  return { ...o, violations, properties };
}

function minimizationJson(m: PropertyMinimization): Record<string, unknown> {
  if (!m.result.ok) return { property: m.property, error: m.result.error };
  const pick = (x: { steps: number; switches: number; threads: number }) => ({ steps: x.steps, switches: x.switches, threads: x.threads });
  return { property: m.property, before: pick(m.result.before), after: pick(m.result.after), switchesOptimal: m.result.switchesOptimal };
}

/** `--bitstate BITS [--hashes K]`: the options, undefined when absent, or an error line. */
export function bitstateOption(v: { bitstate?: string | undefined; hashes?: string | undefined; bfs?: boolean | undefined; exact?: boolean | undefined; bounded?: string | undefined }): BitstateOptions | undefined | string {
  if (v.bitstate === undefined) return v.hashes !== undefined ? '--hashes goes with --bitstate BITS' : undefined;
  if (v.bfs) return '--bitstate searches depth first: drop --bfs';
  if (v.exact || v.bounded !== undefined) return `--bitstate and --${v.exact ? 'exact' : 'bounded'} exclude each other (each is a visited set)`;
  const bits = intOption('bitstate', v.bitstate, MIN_BITS);
  if (typeof bits === 'string') return bits;
  if (bits > MAX_BITS) return `--bitstate needs BITS in ${MIN_BITS}..${MAX_BITS} (2^32 bits is 512 MB), got '${v.bitstate}'`;
  let hashes = 3;
  if (v.hashes !== undefined) {
    const k = intOption('hashes', v.hashes);
    if (typeof k === 'string') return k;
    if (k > 16) return `--hashes needs 1..16, got '${v.hashes}'`;
    hashes = k;
  }
  return { log2Bits: bits, hashes };
}

export function exitCodeOf(o: CheckOutcome): number {
  if (o.verdict === 'holds') return EXIT.holds;
  if (o.verdict === 'violated') return EXIT.violated;
  if (o.verdict === 'incomplete') return EXIT.incomplete;
  return EXIT.usage;
}
