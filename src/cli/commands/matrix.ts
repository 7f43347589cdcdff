/**
 * `zrcheck matrix [--out DIR] [--jobs N] [--variant ID]... [--scenario ID]... [--json] [--strict]`
 *
 * Runs every version x scenario x property (plus the assumption settings that change an
 * answer) on worker processes and writes results/: matrix.md, matrix.json, claims.md, one
 * trace.md per violated cell, and timings.json apart (the only file that differs between runs).
 * Writes are atomic; Ctrl-C leaves the folder as it was.
 *
 * Exit: 0 every cell decided (mismatches with the spec's expectations are findings, listed,
 * not failures); 1 with --strict when some verdict contradicts an expectation; 2 usage;
 * 3 interrupted, a cell incomplete or a model error.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { EXIT, type CliIO, type Command } from '../io.ts';
import { previousTraceFiles, runMatrix } from '../../report/matrix.ts';
import { KERNEL_CATALOG_URL } from '../../report/matrixCatalog.ts';
import { writeFilesAtomically } from '../../report/atomicWrite.ts';
import { matrixJsonView, stableJson } from '../../report/matrixAssemble.ts';

const USAGE = 'usage: zrcheck matrix [--out DIR] [--jobs N] [--variant ID]... [--scenario ID]... [--json] [--strict]';

const HELP = `${USAGE}

Runs every kernel version x scenario x property, once with default assumptions and once per
non-default assumption value (plus coherent profiles), on N worker processes (default: all cores).
Writes DIR (default results/): matrix.md, matrix.json, claims.md, and for each violated cell
<scenario>/<version>/<property>/trace.md (with its wait-for cycle) and trace.itf.json (for
zrcheck replay); timings.json apart. Two runs give identical files apart from timings.json.

  --variant ID, --scenario ID   restrict to these (repeatable); a bad name lists the valid ones
  --json                        print matrix.json on stdout instead of the summary
  --strict                      exit 1 when a verdict contradicts the spec's expectation

Exit: 0 done, 1 mismatch with --strict, 2 usage, 3 interrupted / incomplete / model error.
`;

export interface MatrixArgs {
  readonly out: string;
  readonly jobs: number;
  readonly variants: readonly string[];
  readonly scenarios: readonly string[];
  readonly json: boolean;
  /** Exit 1 when a verdict contradicts an expectation (for CI watching the model). */
  readonly strict: boolean;
}

export type ParsedArgs = { ok: true; args: MatrixArgs } | { ok: false; error: string } | { ok: 'help' };

export function parseMatrixArgs(argv: readonly string[]): ParsedArgs {
  let out = 'results';
  let jobs = Math.max(1, availableParallelism());
  const variants: string[] = [];
  const scenarios: string[] = [];
  let json = false;
  let strict = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string | undefined => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--help':
      case '-h':
        return { ok: 'help' };
      case '--json':
        json = true;
        break;
      case '--strict':
        strict = true;
        break;
      case '--out': {
        const v = value();
        if (v === undefined || v === '') return { ok: false, error: `--out needs a folder; ${USAGE}` };
        out = v;
        break;
      }
      case '--jobs': {
        const v = value();
        const n = Number(v);
        if (v === undefined || !Number.isInteger(n) || n < 1) return { ok: false, error: `--jobs needs a whole number >= 1, got '${v ?? ''}'` };
        jobs = n;
        break;
      }
      case '--variant': {
        const v = value();
        if (v === undefined) return { ok: false, error: `--variant needs a version id; ${USAGE}` };
        variants.push(v);
        break;
      }
      case '--scenario': {
        const v = value();
        if (v === undefined) return { ok: false, error: `--scenario needs a scenario id; ${USAGE}` };
        scenarios.push(v);
        break;
      }
      default:
        return { ok: false, error: `unknown argument '${a}'; ${USAGE}` };
    }
  }
  return { ok: true, args: { out, jobs, variants, scenarios, json, strict } };
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
    const parsed = parseMatrixArgs(argv);
    if (parsed.ok === 'help') {
      io.out(HELP);
      return EXIT.holds;
    }
    if (!parsed.ok) {
      io.err(`zrcheck matrix: ${parsed.error}\n`);
      return EXIT.usage;
    }
    const args = parsed.args;
    const outDir = resolve(io.cwd, args.out);
    let interrupted = false;
    let stopPool: (() => void) | undefined;
    const unregister = io.onInterrupt(() => {
      interrupted = true;
      stopPool?.();
    });
    let lastDraw = 0;
    const t0 = Date.now();
    try {
      const result = await runMatrix({
        variants: args.variants,
        scenarios: args.scenarios,
        jobs: args.jobs,
        catalogUrl,
        onStop: (stop) => {
          stopPool = stop;
          if (interrupted) stop();
          return () => {
            stopPool = undefined;
          };
        },
        onProgress: (done, total, last) => {
          const now = Date.now();
          if (done < total && now - lastDraw < (io.errIsTTY ? 100 : 2000)) return;
          lastDraw = now;
          const label = `${last.scenario}/${last.variant}${Object.entries(last.assumptions).map(([k, v]) => `+${k}=${v}`).join('')}`;
          const line = `matrix: ${done}/${total} cells, ${((now - t0) / 1000).toFixed(1)}s (last ${label})`;
          io.err(io.errIsTTY ? `\r\x1b[K${line}${done === total ? '\n' : ''}` : `${line}\n`);
        },
      });
      if (result.kind === 'usage') {
        io.err(`zrcheck matrix: ${result.error}\n`);
        return EXIT.usage;
      }
      if (result.kind === 'failed') {
        io.err(`zrcheck matrix: ${result.error}\n`);
        return EXIT.incomplete;
      }
      if (result.kind === 'interrupted') {
        io.err(`${io.errIsTTY ? '\n' : ''}zrcheck matrix: interrupted after ${result.completed}/${result.total} cells; ${args.out} left unchanged\n`);
        return EXIT.incomplete;
      }
      const written = writeFilesAtomically(outDir, result.files, { remove: previousTraces(outDir), interrupted: () => interrupted });
      if (written.kind === 'interrupted') {
        io.err(`zrcheck matrix: interrupted; ${args.out} left unchanged\n`);
        return EXIT.incomplete;
      }
      if (written.kind === 'failed') {
        io.err(`zrcheck matrix: cannot write ${args.out}: ${written.error}\n`);
        return EXIT.incomplete;
      }
      writeFilesAtomically(outDir, [{ path: 'timings.json', content: result.timings }]);
      const d = result.data;
      if (args.json) io.out(stableJson(matrixJsonView(d)));
      else {
        const c = d.counts;
        io.out(
          `matrix: ${c.rows} rows (${c.runs} runs): ${c.violated} violated, ${c.holds} hold, ${c.notApplicable} n/a, ${c.incomplete} incomplete; ` +
            `expectations: ${c.match} match, ${c.mismatch} mismatch, ${c.unchecked} unchecked\n`,
        );
        for (const m of d.mismatches) {
          io.out(`  mismatch ${m.scenario}/${m.label}/${m.property}: zrcheck ${m.found}, expected ${m.expected.expect} (${m.expected.id}: ${m.expected.cite})\n`);
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
