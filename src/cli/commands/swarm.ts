/**
 * `zrcheck swarm (MODULE … | --scenario ID --variant ID …) --members N [--bitstate BITS] …`:
 * N diversified bitstate searches (src/swarm) for state spaces no single store holds, on this
 * machine's cores or, with --queue, on `zrcheck worker`s anywhere. The first violation stops
 * the swarm; it is replayed here, minimised and (with --export) exported like every
 * counterexample. Without one, the report says what was covered: members run, states visited
 * in total, the union coverage estimate. Never "holds": exit 3.
 */
import { availableParallelism } from 'node:os';
import { MAX_BITS, MIN_BITS } from '../../explorer/bitstate.ts';
import type { Violation, ViolationKind } from '../../explorer/outcome.ts';
import { replayActions } from '../../explorer/trace.ts';
import { toModelRef } from '../../jobs/modelRef.ts';
import { minimizationLine, minimizeViolations } from '../../minimize/index.ts';
import { selectProperties } from '../../properties/select.ts';
import { exportCounterexample } from '../../report/exportTrace.ts';
import { coveragePercent } from '../../report/checkReport.ts';
import { writableDirProblem } from '../../report/atomicWrite.ts';
import { traceText } from '../../report/traceText.ts';
import { DEFAULT_DEPTH_BOUND } from '../../swarm/plan.ts';
import { runSwarm } from '../../swarm/run.ts';
import type { MemberResult, SwarmSource } from '../../swarm/types.ts';
import { EXIT, type Command } from '../io.ts';
import { describeSource, MODEL_ARG_OPTIONS, modelSourceFromArgs } from '../loadModule.ts';
import { counterLine, fmtInt } from '../progress.ts';
import { loadFromArgs, MODEL_HELP } from './modelArgs.ts';
import { QUEUE_HELP, QUEUE_OPTIONS, queueOption, queueProgressText, queueSummary } from './queueArgs.ts';
import type { QueueStatus } from '../../jobs/run.ts';
import { deadlockOption, intOption, parseCommand, secondsOption, usageError } from './shared.ts';

const USAGE = `usage: zrcheck swarm (MODULE [--param NAME=VALUE]... | [--profile ID] (--scenario ID | --layout ID) --variant ID [--assume NAME=VALUE]...)
       --members N [--bitstate BITS] [--hashes K] [--depth-bound D] [--property NAME]... [--deadlock MODE]
       [--time-limit SECONDS] [--max-states N] [--export DIR] [--jobs N] [--json] [--queue redis://HOST:PORT [--resume]]`;

const HELP = `${USAGE}

Runs N bitstate searches of one model (swarm verification), each diversified: its own hash
functions (seed), its own order of trying each state's actions, and a DFS depth bound from
the cycle none, D, D/4, 4D. The first violation stops every member; it is minimised (fewest
context switches, threads, steps) and printed, and exported with --export. Without one,
nothing is claimed to hold: the report gives members run, states visited in total and the
union coverage estimate.

${MODEL_HELP}

  --members N           how many searches (required)
  --bitstate BITS       each member's table: 2^BITS bits (${MIN_BITS}..${MAX_BITS}; default 27 = 16 MB, 29 = 64 MB)
  --hashes K            bits set per state (default 3)
  --depth-bound D       the D of the depth-bound cycle (default ${fmtInt(DEFAULT_DEPTH_BOUND)})
  --property NAME       check only these properties (repeatable)
  --deadlock MODE       stuttering (default), stuck or off
  --time-limit SECONDS  per member
  --max-states N        per member
  --export DIR          write the minimised counterexample's trace files (checked before any work)
  --jobs N              local worker processes (default: all cores)
  --json                one JSON object
${QUEUE_HELP}

Exit: 1 a violation (real: its trace replays), 3 none found or interrupted (a swarm never
proves a property), 2 bad input or a model error.`;

export const swarmCommand: Command = async (args, io) => {
  const parsed = parseCommand(
    io,
    args,
    {
      ...MODEL_ARG_OPTIONS,
      members: { type: 'string' },
      bitstate: { type: 'string' },
      hashes: { type: 'string' },
      'depth-bound': { type: 'string' },
      property: { type: 'string', multiple: true },
      deadlock: { type: 'string' },
      'time-limit': { type: 'string' },
      'max-states': { type: 'string' },
      export: { type: 'string' },
      jobs: { type: 'string' },
      json: { type: 'boolean' },
      ...QUEUE_OPTIONS,
    },
    'swarm',
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const num = (flag: string, raw: string | undefined, min = 1): number | string | undefined => (raw === undefined ? undefined : intOption(flag, raw, min));
  if (v.members === undefined) return usageError(io, 'swarm needs --members N', 'swarm');
  const members = num('members', v.members);
  const bits = num('bitstate', v.bitstate ?? '27', MIN_BITS);
  const hashes = num('hashes', v.hashes ?? '3');
  const depthBound = num('depth-bound', v['depth-bound'] ?? String(DEFAULT_DEPTH_BOUND));
  const maxStates = num('max-states', v['max-states']);
  const jobsN = num('jobs', v.jobs);
  for (const x of [members, bits, hashes, depthBound, maxStates, jobsN]) if (typeof x === 'string') return usageError(io, x, 'swarm');
  if ((bits as number) > MAX_BITS) return usageError(io, `--bitstate needs BITS in ${MIN_BITS}..${MAX_BITS}, got '${v.bitstate}'`, 'swarm');
  if ((hashes as number) > 16) return usageError(io, `--hashes needs 1..16, got '${v.hashes}'`, 'swarm');
  let timeLimitMs: number | undefined;
  if (v['time-limit'] !== undefined) {
    const s = secondsOption('time-limit', v['time-limit']);
    if (typeof s === 'string') return usageError(io, s, 'swarm');
    timeLimitMs = s * 1000;
  }
  const deadlock = deadlockOption(v.deadlock);
  if (!deadlock.ok) return usageError(io, deadlock.error, 'swarm');
  if (v.export !== undefined) {
    const bad = writableDirProblem(v.export);
    if (bad !== undefined) return usageError(io, `--export ${v.export}: ${bad}`, 'swarm');
  }
  const q = await queueOption(v);
  if (!q.ok) return usageError(io, q.error, 'swarm');
  // Load here too: a bad model or property is one line before any member starts, and the
  // violation is replayed and minimised on this model.
  const loaded = await loadFromArgs(io, parsed.positionals, v, 'swarm');
  if (typeof loaded === 'number') return loaded;
  const sel = selectProperties(loaded.model, v.property ?? [], loaded.explainProperty);
  if (typeof sel === 'string') return usageError(io, sel, 'swarm');
  const srcArgs = modelSourceFromArgs(parsed.positionals, v, io.cwd);
  if (!srcArgs.ok) return usageError(io, srcArgs.error, 'swarm');
  const src = loaded.source;
  const source: SwarmSource =
    src.kind === 'module'
      ? { kind: 'module', ref: toModelRef(src.path), params: src.params }
      : {
          kind: 'kernel',
          ...(src.profile !== undefined ? { profile: src.profile } : {}),
          ...(src.scenario !== undefined ? { scenario: src.scenario } : {}),
          ...(src.layout !== undefined ? { layout: src.layout } : {}),
          variant: src.variant,
          assumptions: src.assumptions,
          ...(src.counterfactual ? { counterfactual: true } : {}),
        };
  const where = describeSource(src);
  const progress = counterLine(io, 'swarm', 'members');
  let queueText = '';
  let lastStatus: QueueStatus | undefined;
  const t0 = performance.now();
  const out = await runSwarm({
    source,
    members: members as number,
    log2Bits: bits as number,
    hashes: hashes as number,
    depthBound: depthBound as number,
    properties: v.property ?? [],
    ...(deadlock.mode !== undefined ? { deadlock: deadlock.mode } : {}),
    ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
    ...(maxStates !== undefined ? { maxStates: maxStates as number } : {}),
    jobs: (jobsN as number | undefined) ?? Math.max(1, availableParallelism()),
    modelRef: source.kind === 'module' ? source.ref : 'src/kernel/build.ts',
    onMember: (r, done, total) => progress.update(done, total, `${queueText}last: member ${r.member} ${r.verdict}`),
    onStop: (stop) => io.onInterrupt(stop),
    ...(q.address !== undefined
      ? { queue: { url: q.address.url, resume: q.resume, onStatus: (s) => { lastStatus = s; queueText = `${queueProgressText(s)} `; } } }
      : {}),
  });
  progress.done();
  if (lastStatus !== undefined) io.err(queueSummary(lastStatus, 'swarm member'));
  const wallMs = performance.now() - t0;
  if (out.kind === 'failed') {
    io.err(`zrcheck: ${out.error}\n`);
    return EXIT.usage;
  }
  const plan = out.plan;
  const header = `${members} member${members === 1 ? '' : 's'}: bitstate 2^${bits} bits (${((2 ** (bits as number)) / 8 / 1048576).toFixed(bits as number >= 23 ? 0 : 2)} MB) each, ${hashes} bits per state; diversified by hash seed, action order and depth bound (none, ${fmtInt(depthBound as number)}, ${fmtInt(Math.floor((depthBound as number) / 4))}, ${fmtInt((depthBound as number) * 4)})`;
  const ran = `${out.members.length} of ${plan.length} members ran${out.members.length < plan.length ? (out.found !== undefined ? ' (the others were stopped at the violation)' : ' (interrupted)') : ''}; ${fmtInt(out.totalStates)} states visited in total, about ${fmtInt(out.unionStates)} distinct (HyperLogLog of the members' states, ±1 %)`;
  const unbounded = out.members.filter((m) => m.verdict === 'searched' && plan[m.member]?.depthBound === undefined).length;
  const union = unbounded > 0 ? `union coverage estimate ${coveragePercent(out.unionCoverage)} % (over the ${unbounded} member${unbounded === 1 ? '' : 's'} without a depth bound that ran to the end; misses assumed independent)` : 'union coverage estimate: none (no member without a depth bound ran to its end)';
  const jsonMembers = out.members.map(({ sketch: _s, ...m }) => m);
  const memberRows = out.members.map((m) => memberRow(m, plan[m.member]?.depthBound));

  if (out.found === undefined) {
    if (v.json) io.out(`${JSON.stringify({ verdict: out.interrupted ? 'interrupted' : 'no-violation-found', exhaustive: false, members: jsonMembers, totalStates: out.totalStates, unionStates: out.unionStates, unionCoverage: out.unionCoverage, wallMs: Math.round(wallMs) }, null, 2)}\n`);
    else {
      io.out(
        [
          `zrcheck swarm ${where}`,
          header,
          '',
          out.interrupted ? 'INTERRUPTED: no violation found so far; nothing is claimed to hold.' : `no violation found (swarm of bitstate searches, ${union.replace(/^union coverage estimate /, 'estimated union coverage ')}); nothing is claimed to hold.`,
          '',
          'members',
          ...memberRows,
          '',
          ran,
          union,
          `wall time ${(wallMs / 1000).toFixed(2)} s`,
          '',
        ].join('\n'),
      );
    }
    return EXIT.incomplete;
  }
  // The violation: replayed on this machine's model (so its trace is real here too), minimised, exported.
  const f = out.found.violation!;
  const replay = replayActions(sel.model, f.initial, f.actions);
  if (!replay.ok) {
    io.err(`zrcheck: member ${out.found.member}'s trace does not replay here (step ${replay.step}: ${replay.reason}); is this the submitter's commit?\n`);
    return EXIT.usage;
  }
  const violation: Violation = { property: f.property, kind: f.kind as ViolationKind, trace: replay.trace };
  const [min] = minimizeViolations(sel.model, [violation], { ...(deadlock.mode !== undefined ? { deadlock: deadlock.mode } : {}), shouldAbort: () => io.interrupted() });
  const final = min !== undefined && min.result.ok ? min.result.violation : violation;
  let exported: string | undefined;
  let exportError: string | undefined;
  if (v.export !== undefined) {
    const e = await exportCounterexample(
      sel.model,
      final,
      v.export,
      { source: src, ...(min !== undefined && min.result.ok ? { minimized: { before: min.result.before, after: min.result.after } } : {}), ...(deadlock.mode !== undefined ? { deadlockMode: deadlock.mode } : {}) },
      { minimize: false },
    );
    if (e.ok) exported = e.dir;
    else exportError = e.error;
  }
  const m = plan[out.found.member]!;
  if (v.json) {
    io.out(
      `${JSON.stringify(
        {
          verdict: 'violated',
          property: f.property,
          kind: f.kind,
          foundBy: { member: m.member, seed: m.seed, orderSeed: m.orderSeed, ...(m.depthBound !== undefined ? { depthBound: m.depthBound } : {}), wallMs: Math.round(out.found.wallMs), traceLength: f.actions.length },
          ...(min !== undefined && min.result.ok ? { minimized: { before: min.result.before, after: min.result.after } } : {}),
          steps: final.trace.steps.map((s) => {
            const a = sel.model.actions[s.action]!;
            return { thread: sel.model.threads[a.thread]?.name, action: a.name };
          }),
          members: jsonMembers,
          totalStates: out.totalStates,
          unionStates: out.unionStates,
          unionCoverage: out.unionCoverage,
          wallMs: Math.round(wallMs),
          ...(exported !== undefined ? { exported } : {}),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.out(
      [
        `zrcheck swarm ${where}`,
        header,
        '',
        `VIOLATED: ${f.property}${f.kind !== f.property ? ` (${f.kind})` : ''}, found by member ${m.member} (seed ${m.seed}, order seed ${m.orderSeed}, depth bound ${m.depthBound === undefined ? 'none' : fmtInt(m.depthBound)}) in ${(out.found.wallMs / 1000).toFixed(2)} s: a ${fmtInt(f.actions.length)}-step trace`,
        ...(min !== undefined ? [`minimised: ${minimizationLine(min)}`] : []),
        '',
        traceText(sel.model, final.trace),
        '',
        'members',
        ...memberRows,
        '',
        ran,
        `wall time ${(wallMs / 1000).toFixed(2)} s`,
        ...(exported !== undefined ? ['', `exported to ${exported}`] : []),
        '',
      ].join('\n'),
    );
  }
  if (exportError !== undefined) {
    io.err(`zrcheck: ${exportError}\n`);
    return EXIT.usage;
  }
  return EXIT.violated;
};

function memberRow(m: MemberResult, bound: number | undefined): string {
  const what = m.verdict === 'violated' ? `VIOLATED ${m.violation?.property}` : m.verdict === 'searched' ? 'searched to the end' : m.verdict === 'limit' ? `stopped: ${m.limit}` : `error: ${m.error}`;
  return `  member ${String(m.member).padStart(3)}  bound ${(bound === undefined ? 'none' : fmtInt(bound)).padStart(7)}  ${fmtInt(m.states).padStart(11)} states  depth ${fmtInt(m.depth).padStart(7)}  coverage ${(m.verdict === 'searched' ? `${coveragePercent(m.coverage)} %` : '-').padStart(8)}  ${(m.wallMs / 1000).toFixed(1).padStart(6)} s  ${what}`;
}
