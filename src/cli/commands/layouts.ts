/**
 * `zrcheck layouts --variant ID --max-blocks N [--profile ID] ...`: checks one profile and
 * version on every generated layout (every reachable start of at most N blocks with every
 * caller and flusher mode), and reports per mechanism how many layouts show it and the
 * smallest witness, and per property whether it holds on every layout.
 * Exit 1 when any layout breaks a property; otherwise 3 when a limit or Ctrl-C left any
 * property undecided; 0 only when every property holds on every layout.
 */
import { CALLER_KINDS, FLUSHER_MODES, describeLayout, resolveProfile, type CallerKind, type FlusherMode } from '../../model/index.ts';
import { availableParallelism } from 'node:os';
import { sweepLayouts, type Witness } from '../../sweep/sweep.ts';
import { EXIT, type Command } from '../io.ts';
import { parseAssignments } from '../params.ts';
import { counterLine, fmtInt } from '../progress.ts';
import { intOption, parseCommand, usageError } from './shared.ts';
import { QUEUE_HELP, QUEUE_OPTIONS, queueOption, queueProgressText, queueSummary } from './queueArgs.ts';
import type { QueueStatus } from '../../jobs/run.ts';

const USAGE = `usage: zrcheck layouts --variant ID --max-blocks N [--profile ID] [--assume NAME=VALUE]...
       [--counterfactual] [--caller KIND]... [--flusher MODE]... [--barrier] [--no-kmalloc]
       [--property NAME]... [--unaligned] [--max-states N] [--por] [--jobs N] [--json]
       [--queue redis://HOST:PORT [--resume]]`;

const HELP = `${USAGE}

Checks one kernel version on every layout of at most N blocks: every start a file can be in
(reached from an empty file by a setup program of writes, fallocate, writeback, truncate,
punch, read, evict and mmap stores; 1 or 2 folios), with every caller that applies to it
(punch hole below i_size, zero range with and without KEEP_SIZE, truncate down and up) and
every flusher (none, background writeback, fsync). Reports per mechanism (zrcheck list
mechanisms) how many layouts show it and the smallest witness, and per property whether it
holds on every layout, how many layouts violate it, and how many left it undecided.

  --variant ID          the code version (zrcheck list versions)
  --max-blocks N        largest layout, in blocks (1..4)
  --profile ID          the kernel (default ext4-iomap; zrcheck list profiles)
  --assume NAME=VALUE   an assumption of the profile, repeatable
  --counterfactual      allow a version or fact of another kernel (labelled)
  --caller KIND         only this caller (repeatable): ${CALLER_KINDS.join(', ')}
  --flusher MODE        only this flusher (repeatable): ${FLUSHER_MODES.join(', ')}
  --barrier             add the updates barrier (EXT4_IOC_CHECKPOINT) to every layout
  --no-kmalloc          the fill helper's kmalloc never fails (default: it may, where a version allocates)
  --property NAME       report only these properties (repeatable)
  --unaligned           also start zero ranges inside their first block (V1c's special case)
  --max-states N        state limit per layout; a layout that hits it decides nothing more
  --por                 partial-order reduction on every layout (same verdicts, fewer states;
                        the state total is then the reduced one)
  --jobs N              worker processes for sweeps of 2,000 layouts or more (default: all cores)
  --json                one JSON object instead of the text report
${QUEUE_HELP}

Sizes: 1 block ~40 layouts, 2 blocks ~12,000, 3 blocks ~400,000 per version (use --caller
and --flusher to split a large sweep). A progress line shows the rate and ETA.

Exit: 0 every property holds on every layout; 1 some layout violates a property; 2 bad
input; 3 incomplete (a state limit or Ctrl-C left a property undecided, none violated).`;

export const layoutsCommand: Command = async (args, io) => {
  const parsed = parseCommand(
    io,
    args,
    {
      profile: { type: 'string' },
      variant: { type: 'string' },
      'max-blocks': { type: 'string' },
      assume: { type: 'string', multiple: true },
      counterfactual: { type: 'boolean' },
      caller: { type: 'string', multiple: true },
      flusher: { type: 'string', multiple: true },
      barrier: { type: 'boolean' },
      'no-kmalloc': { type: 'boolean' },
      property: { type: 'string', multiple: true },
      unaligned: { type: 'boolean' },
      'max-states': { type: 'string' },
      por: { type: 'boolean' },
      jobs: { type: 'string' },
      json: { type: 'boolean' },
      ...QUEUE_OPTIONS,
    },
    'layouts',
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) return usageError(io, `unexpected argument '${parsed.positionals[0]}'`, 'layouts');
  const v = parsed.values;
  if (v.variant === undefined) return usageError(io, '--variant ID is required', 'layouts');
  if (v['max-blocks'] === undefined) return usageError(io, '--max-blocks N is required', 'layouts');
  const maxBlocks = intOption('max-blocks', v['max-blocks']);
  if (typeof maxBlocks === 'string') return usageError(io, maxBlocks, 'layouts');
  let maxStates: number | undefined;
  if (v['max-states'] !== undefined) {
    const n = intOption('max-states', v['max-states']);
    if (typeof n === 'string') return usageError(io, n, 'layouts');
    maxStates = n;
  }
  let jobs = Math.max(1, availableParallelism());
  if (v.jobs !== undefined) {
    const n = intOption('jobs', v.jobs);
    if (typeof n === 'string') return usageError(io, n, 'layouts');
    jobs = n;
  }
  const badCaller = (v.caller ?? []).find((c) => !(CALLER_KINDS as readonly string[]).includes(c));
  if (badCaller !== undefined) return usageError(io, `unknown caller '${badCaller}'; valid: ${CALLER_KINDS.join(', ')}`, 'layouts');
  const badFlusher = (v.flusher ?? []).find((f) => !(FLUSHER_MODES as readonly string[]).includes(f));
  if (badFlusher !== undefined) return usageError(io, `unknown flusher '${badFlusher}'; valid: ${FLUSHER_MODES.join(', ')}`, 'layouts');
  const assumptions = parseAssignments(v.assume ?? [], '--assume');
  if (!assumptions.ok) return usageError(io, assumptions.error, 'layouts');
  const profile = v.profile ?? 'ext4-iomap';
  const resolved = resolveProfile(profile, v.variant, assumptions.values, v.counterfactual === true);
  if (!resolved.ok) return usageError(io, resolved.error, 'layouts');
  const names = v.property ?? [];
  const q = await queueOption(v);
  if (!q.ok) return usageError(io, q.error, 'layouts');
  const progress = counterLine(io, `layouts ${profile} ${v.variant}`, 'layouts');
  let queueText = '';
  let lastStatus: QueueStatus | undefined;
  const result = await sweepLayouts({
    profile,
    variant: v.variant,
    assumptions: assumptions.values,
    ...(v.counterfactual === true ? { counterfactual: true } : {}),
    maxBlocks,
    ...(v.caller !== undefined ? { callers: v.caller as CallerKind[] } : {}),
    ...(v.flusher !== undefined ? { flushers: v.flusher as FlusherMode[] } : {}),
    ...(v.barrier === true ? { barrier: true } : {}),
    ...(v['no-kmalloc'] === true ? { kmalloc: false } : {}),
    unalignedStarts: v.unaligned === true,
    ...(maxStates !== undefined ? { maxStatesPerLayout: maxStates } : {}),
    properties: names,
    ...(v.por === true ? { por: true } : {}),
    jobs,
    shouldAbort: () => io.interrupted(),
    onStop: (stop) => io.onInterrupt(stop),
    onProgress: (done, total, states) => progress.update(done, total, `${queueText}${fmtInt(states)} states`),
    ...(q.address !== undefined
      ? {
          queue: {
            url: q.address.url,
            resume: q.resume,
            onStatus: (s: QueueStatus) => {
              lastStatus = s;
              queueText = `${queueProgressText(s)} `;
            },
          },
        }
      : {}),
  });
  progress.done();
  if (lastStatus !== undefined) io.err(queueSummary(lastStatus, 'layout batch'));
  if (!result.ok) return usageError(io, result.error, 'layouts');
  if (result.aborted && io.interrupted() && q.address !== undefined) {
    io.err(`zrcheck: the layout batches stay queued: run again with --resume to collect what the workers finish\n`);
  }
  const behaviour = resolved.resolved.behaviour;
  const describe = (w: Witness) => describeLayout(w.layout, behaviour);
  const extra = [
    profile !== 'ext4-iomap' ? ` --profile ${profile}` : '',
    ...(v.assume ?? []).map((a) => ` --assume ${a}`),
    v.counterfactual === true ? ' --counterfactual' : '',
    v.barrier === true ? ' --barrier' : '',
  ].join('');
  const command = (w: Witness) => `zrcheck check --variant ${v.variant}${extra} --layout ${w.layout.id} --property ${w.property.startsWith('deadlock') ? 'D2' : w.property}`;
  const anyViolated = result.properties.some((p) => p.status === 'violated');
  const anyIncomplete = result.properties.some((p) => p.status === 'incomplete');
  if (v.json) {
    const witness = (w: Witness) => ({ ...w, description: describe(w), command: command(w) });
    io.out(
      `${JSON.stringify(
        {
          profile,
          variant: v.variant,
          assumptions: assumptions.values,
          ...(result.counterfactual.length > 0 ? { counterfactual: result.counterfactual } : {}),
          maxBlocks,
          reductions: v.por === true ? { active: ['por'], holdsRestsOn: "the kernel model's declared footprints (partial-order reduction)" } : { active: [] },
          layouts: result.layouts,
          checked: result.checked,
          incomplete: result.incomplete,
          aborted: result.aborted,
          totalStates: result.totalStates,
          mechanisms: result.mechanisms.map((m) => ({ ...m, smallest: witness(m.smallest) })),
          properties: result.properties.map((p) => ({ ...p, ...(p.smallest ? { smallest: witness(p.smallest) } : {}) })),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const unchecked = result.layouts - result.checked;
    const coverage =
      result.aborted || result.incomplete > 0
        ? `${fmtInt(result.checked)} of ${fmtInt(result.layouts)} layouts checked${result.aborted ? ` (INTERRUPTED: ${fmtInt(unchecked)} never checked)` : ''}${result.incomplete > 0 ? `, ${fmtInt(result.incomplete)} stopped by the state limit` : ''}; ${fmtInt(result.totalStates)} states in all`
        : `all ${fmtInt(result.layouts)} layouts checked exhaustively (${fmtInt(result.totalStates)} states in all${v.por === true ? ", with partial-order reduction: a property that holds rests on the kernel model's declared footprints, verified by the test suite on every matrix cell and 1-block layout" : ''})`;
    const lines = [`zrcheck layouts: profile ${profile}, variant ${v.variant}, every layout of at most ${maxBlocks} block${maxBlocks === 1 ? '' : 's'}`];
    if (result.counterfactual.length > 0) lines.push(`COUNTERFACTUAL: ${result.counterfactual.join('; ')}`);
    lines.push(coverage, '');
    if (result.mechanisms.length === 0) lines.push('mechanisms: none found');
    else {
      lines.push('mechanisms:');
      const w = Math.max(...result.mechanisms.map((m) => m.mechanism.length));
      for (const m of result.mechanisms) {
        lines.push(`  ${m.mechanism.padEnd(w)}  ${fmtInt(m.layouts)} layouts (${m.properties.join(' ')}); smallest: ${describe(m.smallest)} (${m.smallest.traceLength} steps)`);
      }
    }
    lines.push('', 'properties:');
    const base = result.properties.filter((p) => !p.property.includes(':'));
    const w = Math.max(8, ...base.map((p) => p.property.length));
    for (const p of base) {
      const undecided = p.undecidedLayouts + (result.layouts - result.checked);
      const scope = p.checkingLayouts < result.layouts ? ` that checks it (${fmtInt(p.checkingLayouts)} of ${fmtInt(result.layouts)})` : '';
      if (p.status === 'holds') lines.push(`  ${p.property.padEnd(w)}  holds on every layout${scope}`);
      else if (p.status === 'incomplete') lines.push(`  ${p.property.padEnd(w)}  NOT DECIDED: no violation found, but ${fmtInt(undecided)} layouts left it undecided`);
      else lines.push(`  ${p.property.padEnd(w)}  VIOLATED on ${fmtInt(p.violatingLayouts)} layouts${undecided > 0 ? ` (${fmtInt(undecided)} undecided)` : ''}`);
    }
    if (result.mechanisms.length > 0) {
      lines.push('', 'traces of the smallest witnesses:');
      if (v.por === true) lines.push('  (found with partial-order reduction: a witness may be shorter than shown; the commands below, without --por, give the shortest)');
      for (const m of result.mechanisms) lines.push(`  ${command(m.smallest)}`);
    }
    io.out(`${lines.join('\n')}\n`);
  }
  // Ctrl-C makes the run incomplete whatever it found before (the violations above are real).
  if (result.aborted && io.interrupted()) return EXIT.incomplete;
  if (anyViolated) return EXIT.violated;
  return anyIncomplete ? EXIT.incomplete : EXIT.holds;
};
