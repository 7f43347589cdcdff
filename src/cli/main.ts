/**
 * The zrcheck command line: which commands exist and how one command line is dispatched.
 * Each command lives in src/cli/commands and receives a CliIO; src/cli/worker.ts supplies the
 * real one (process streams, signals), tests a captured one.
 */
import { readFileSync } from 'node:fs';
import type { CliIO, Command } from './io.ts';
import { EXIT } from './io.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: { summary: 'exhaustively check a model module or a kernel scenario', load: async () => (await import('./commands/check.ts')).checkCommand },
  matrix: { summary: 'the verdict matrix: every version x scenario x property into results/', load: async () => (await import('./commands/matrix.ts')).matrixCommand },
  fuzz: { summary: 'random schedules with fast-check over a model; prints the seed and path to replay', load: async () => (await import('./commands/fuzz.ts')).fuzzCommand },
  minimize: { summary: 'counterexamples with the fewest context switches, threads and steps', load: async () => (await import('./commands/minimize.ts')).minimizeCommand },
  replay: { summary: 're-execute an exported trace (.itf.json) and confirm its violation', load: async () => (await import('./commands/replay.ts')).replayCommand },
  layouts: { summary: 'check every small initial layout of a version: does any layout of N blocks break a property?', load: async () => (await import('./commands/layouts.ts')).layoutsCommand },
  swarm: { summary: 'diversified bitstate searches for state spaces no machine holds; the first violation stops them', load: async () => (await import('./commands/swarm.ts')).swarmCommand },
  worker: { summary: 'run queued jobs (matrix cells, layout batches, swarm members) from Redis: zrcheck worker --queue redis://HOST:PORT', load: async () => (await import('./commands/worker.ts')).workerCommand },
  list: { summary: 'list kernel versions, assumptions, scenarios and properties', load: async () => (await import('./commands/list.ts')).listCommand },
};

function help(): string {
  const w = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'zrcheck: explicit-state model checker for iomap zero range x jbd2 x writeback interleavings',
    '',
    'usage: zrcheck COMMAND [options]   (zrcheck COMMAND --help for its options)',
    '',
    ...Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(w)}  ${c.summary}`),
    '',
    'exit codes: 0 holds, 1 violated, 2 bad input or usage, 3 incomplete (a limit was hit)',
    '',
  ].join('\n');
}

/** Runs one command line (argv without `node zrcheck`) and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return name === undefined ? EXIT.usage : EXIT.holds;
  }
  if (name === '--version' || name === 'version') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    io.out(`zrcheck ${pkg.version}\n`);
    return EXIT.holds;
  }
  const cmd = COMMANDS[name];
  if (cmd === undefined) {
    io.err(`zrcheck: unknown command '${name}'; commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return EXIT.usage;
  }
  try {
    return await (await cmd.load())(rest.filter((a) => a !== '--debug'), io);
  } catch (e) {
    // A throw that reaches here is a zrcheck bug or an unexpected environment failure.
    io.err(`zrcheck: internal error in '${name}': ${e instanceof Error ? e.message : String(e)}\n`);
    if (debug && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    else io.err('(run again with --debug for the stack trace)\n');
    return EXIT.usage;
  }
}
