/**
 * `zrcheck matrix [--out DIR] [--jobs N] [--profile ID]... [--variant ID]... [--scenario ID]... [--json] [--strict]
 *                [--queue redis://HOST:PORT [--resume]]`
 *
 * Runs, per profile, every version x scenario x property (plus each assumption setting of the
 * profile, kept where it changes an answer) on worker processes and writes results/:
 * matrix.md, matrix.json, claims.md, one trace.md per violated property and mechanism, and
 * timings.json apart (the only file that differs between runs).
 * Writes are atomic; Ctrl-C leaves the folder as it was. With --queue the cells run on
 * `zrcheck worker`s anywhere (src/jobs/redis) and the files come out byte for byte the same.
 *
 * Exit: 0 every cell decided (mismatches with the spec's expectations are findings, listed,
 * not failures); 1 with --strict when some verdict contradicts an expectation; 2 usage;
 * 3 interrupted, a cell incomplete or a model error.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { EXIT, type CliIO, type Command } from '../io.ts';
import { counterLine } from '../progress.ts';
import { intOption, parseCommand, usageError } from './shared.ts';
import { QUEUE_OPTIONS, queueOption, queueProgressText, queueSummary } from './queueArgs.ts';
import type { QueueStatus } from '../../jobs/run.ts';
import type { RedisAddress } from '../../jobs/redis/connection.ts';
import { previousTraceFiles, runMatrix } from '../../matrix/run.ts';
import { KERNEL_CATALOG_URL } from '../../matrix/catalog.ts';
import { writableDirProblem, writeFilesAtomically } from '../../report/atomicWrite.ts';
import { stableJson } from '../../matrix/assemble.ts';

const USAGE = 'usage: zrcheck matrix [--out DIR] [--jobs N] [--profile ID]... [--variant ID]... [--scenario ID]... [--no-counterfactual] [--por] [--json] [--strict] [--queue redis://HOST:PORT [--resume]]';

const HELP = `${USAGE}

Runs, for each profile (a coherent kernel: zrcheck list profiles), every version of that
kernel x every scenario x every property, once with the profile's default assumptions and
once per non-default value of each of its assumptions, on N worker processes (default: all
cores). Each violation is classified by its mechanism (zrcheck list mechanisms) and compared
with the spec's expectations for that (profile, version, mechanism). The profile's
counterfactual versions (V0 on ext4-iomap: a mix no kernel ships, needed by one of the
thread's claims) run too and are labelled wherever they appear.
Writes DIR (default results/): matrix.md (one set of tables per profile), matrix.json,
claims.md, and per violated property or mechanism
<profile>/<scenario>/<version>/<property>/trace.md (with its wait-for cycle) and
trace.itf.json (for zrcheck replay); timings.json apart (git-ignored). Two runs give
identical files apart from timings.json. Writes are atomic: Ctrl-C or a failure leaves DIR
as it was.

  --out DIR                     where to write (default results/); checked before any work
  --jobs N                      worker processes (default: all cores)
  --profile ID, --variant ID, --scenario ID
                                restrict to these (repeatable); a bad name lists the valid
                                ones; a restricted matrix needs --out (results/ keeps the full one)
  --no-counterfactual           skip the counterfactual versions
  --por                         check every cell with partial-order reduction (same verdicts,
                                fewer states; matrix.json marks such cells "por": true)
  --json                        print matrix.json on stdout instead of the summary
  --strict                      exit 1 when a verdict contradicts the spec's expectation
  --queue redis://HOST:PORT     run the cells as jobs on \`zrcheck worker\`s (any machine with
                                this commit) instead of local processes; same files
  --resume                      with --queue: keep the cells an interrupted run finished

Exit: 0 done, 1 mismatch with --strict, 2 usage, 3 interrupted / incomplete / model error.
`;

export interface MatrixArgs {
  readonly out: string;
  readonly jobs: number;
  readonly profiles: readonly string[];
  readonly variants: readonly string[];
  readonly scenarios: readonly string[];
  readonly json: boolean;
  readonly counterfactual: boolean;
  /** Exit 1 when a verdict contradicts an expectation (for CI watching the model). */
  readonly strict: boolean;
  /** --queue: the Redis whose workers run the cells. */
  readonly queue?: RedisAddress;
  readonly resume: boolean;
  /** --por: partial-order reduction in every cell. */
  readonly por: boolean;
}

/** Flags as `zrcheck`'s shared parser (node:util parseArgs) reads them. */
const OPTIONS = {
  out: { type: 'string' },
  jobs: { type: 'string' },
  profile: { type: 'string', multiple: true },
  variant: { type: 'string', multiple: true },
  'no-counterfactual': { type: 'boolean' },
  scenario: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  por: { type: 'boolean' },
  ...QUEUE_OPTIONS,
} as const;

/** The arguments, or the exit code to return at once (help printed, or a usage error printed). */
export async function parseMatrixArgs(argv: readonly string[], io: CliIO): Promise<MatrixArgs | number> {
  const parsed = parseCommand(io, argv, OPTIONS, 'matrix', HELP);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) return usageError(io, `matrix takes no positional arguments, got '${parsed.positionals[0]}'`, 'matrix');
  const v = parsed.values;
  let jobs = Math.max(1, availableParallelism());
  if (v.jobs !== undefined) {
    const n = intOption('jobs', v.jobs);
    if (typeof n === 'string') return usageError(io, n, 'matrix');
    jobs = n;
  }
  if (v.out === '') return usageError(io, '--out needs a folder', 'matrix');
  if (v.out === undefined && ((v.variant ?? []).length > 0 || (v.scenario ?? []).length > 0 || (v.profile ?? []).length > 0 || v['no-counterfactual'] === true)) {
    return usageError(io, '--profile/--variant/--scenario/--no-counterfactual run a part of the matrix: name where it goes with --out DIR (results/ holds the full matrix)', 'matrix');
  }
  if (v.out !== undefined) {
    const bad = writableDirProblem(resolve(io.cwd, v.out));
    if (bad !== undefined) return usageError(io, `--out ${v.out}: ${bad}`, 'matrix');
  }
  const q = await queueOption(v);
  if (!q.ok) return usageError(io, q.error, 'matrix');
  return {
    ...(q.address !== undefined ? { queue: q.address } : {}),
    resume: q.resume,
    out: v.out ?? 'results',
    jobs,
    profiles: v.profile ?? [],
    variants: v.variant ?? [],
    counterfactual: v['no-counterfactual'] !== true,
    scenarios: v.scenario ?? [],
    json: v.json ?? false,
    strict: v.strict ?? false,
    por: v.por ?? false,
  };
}

/** Trace files the previous run listed in matrix.json (to remove those this run no longer has). */
function previousTraces(outDir: string): string[] {
  try {
    const old = JSON.parse(readFileSync(join(outDir, 'matrix.json'), 'utf8')) as { traceFiles?: unknown };
    return Array.isArray(old.traceFiles)
      ? previousTraceFiles(old.traceFiles.filter((p): p is string => typeof p === 'string' && p.endsWith('/trace.md')))
      : [];
  } catch {
    return [];
  }
}

/** The command, over a catalogue module (tests pass a small fake one). */
export function makeMatrixCommand(catalogUrl: string = KERNEL_CATALOG_URL): Command {
  return async (argv: readonly string[], io: CliIO): Promise<number> => {
    const args = await parseMatrixArgs(argv, io);
    if (typeof args === 'number') return args;
    const outDir = resolve(io.cwd, args.out);
    let interrupted = false;
    let stopPool: (() => void) | undefined;
    const unregister = io.onInterrupt(() => {
      interrupted = true;
      stopPool?.();
    });
    const progress = counterLine(io, 'matrix', 'cells');
    let queueText = '';
    let lastStatus: QueueStatus | undefined;
    try {
      const result = await runMatrix({
        profiles: args.profiles,
        variants: args.variants,
        counterfactual: args.counterfactual,
        scenarios: args.scenarios,
        jobs: args.jobs,
        ...(args.por ? { por: true } : {}),
        catalogUrl,
        onStop: (stop) => {
          stopPool = stop;
          if (interrupted) stop();
          return () => {
            stopPool = undefined;
          };
        },
        onProgress: (done, total, last) => {
          const label = `${last.profile}/${last.scenario}/${last.variant}${Object.entries(last.assumptions).map(([k, v]) => `+${k}=${v}`).join('')}`;
          progress.update(done, total, `${queueText}(last ${label})`);
        },
        ...(args.queue !== undefined
          ? {
              queue: {
                url: args.queue.url,
                resume: args.resume,
                onStatus: (s) => {
                  lastStatus = s;
                  queueText = `${queueProgressText(s)} `;
                  progress.update(s.done, s.total, queueText.trimEnd());
                },
              },
            }
          : {}),
      });
      progress.done();
      if (lastStatus !== undefined) io.err(queueSummary(lastStatus, 'cell'));
      if (result.kind === 'usage') return usageError(io, result.error, 'matrix');
      if (result.kind === 'failed') {
        io.err(`zrcheck: ${result.error}\n`);
        return EXIT.incomplete;
      }
      if (result.kind === 'interrupted') {
        const again = args.queue !== undefined ? `; the cells stay queued: run again with --resume to collect what the workers finish` : '';
        io.err(`zrcheck: interrupted after ${result.completed}/${result.total} cells; nothing is claimed; ${args.out} left unchanged${again}\n`);
        return EXIT.incomplete;
      }
      const written = writeFilesAtomically(outDir, result.files, { remove: previousTraces(outDir), interrupted: () => interrupted });
      if (written.kind === 'interrupted') {
        io.err(`zrcheck: interrupted; ${args.out} left unchanged\n`);
        return EXIT.incomplete;
      }
      if (written.kind === 'failed') {
        io.err(`zrcheck: cannot write ${args.out}: ${written.error}\n`);
        return EXIT.incomplete;
      }
      writeFilesAtomically(outDir, [{ path: 'timings.json', content: result.timings }]);
      const d = result.data;
      if (args.json) io.out(stableJson(d));
      else {
        const c = d.counts;
        io.out(
          `matrix: ${c.rows} rows (${c.runs} runs): ${c.violated} violated, ${c.holds} hold, ${c.notApplicable} n/a, ${c.incomplete} incomplete; ` +
            `expectation checks (rule x target x cell): ${c.match} match, ${c.mismatch} mismatch, ${c.unchecked} unchecked\n`,
        );
        for (const m of d.mismatches) {
          io.out(`  mismatch ${m.profile}/${m.scenario}/${m.label} ${m.target}: zrcheck ${m.found}, expected ${m.expected.expect} (${m.expected.id}: ${m.expected.cite})\n`);
        }
        io.out(`wrote ${written.written} files to ${args.out}/ (matrix.md, matrix.json${result.files.some((f) => f.path === 'claims.md') ? ', claims.md' : ''}, traces; timings.json apart)\n`);
      }
      if (d.counts.incomplete > 0 || d.counts.errors > 0) return EXIT.incomplete;
      return args.strict && d.counts.mismatch > 0 ? EXIT.violated : EXIT.holds;
    } finally {
      unregister();
    }
  };
}

export const matrixCommand: Command = makeMatrixCommand();
