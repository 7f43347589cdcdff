/**
 * `zrcheck COMMAND --help` explains every option its usage line shows (not just the usage),
 * and progress lines fit an 80-column terminal.
 */
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { compact, counterLine, duration, progressLine } from '../../src/cli/progress.ts';
import { captureIO } from '../helpers/captureIO.ts';

const COMMANDS = ['check', 'layouts', 'matrix', 'fuzz', 'minimize', 'replay', 'list', 'swarm', 'worker'];

describe('--help', () => {
  test.each(COMMANDS)('zrcheck %s --help explains every option of its usage', async (cmd) => {
    const io = captureIO();
    expect(await runCli([cmd, '--help'], io)).toBe(0);
    const help = io.stdout();
    const usage = help.slice(0, help.indexOf('\n\n'));
    const flags = [...new Set(usage.match(/--[a-z][a-z-]*/g) ?? [])];
    expect(flags.length).toBeGreaterThan(0);
    const body = help.slice(usage.length);
    for (const f of flags) {
      // The help of MODULE/--scenario/--variant/--assume/--param is the shared model block.
      expect(body, `${cmd} ${f}`).toMatch(new RegExp(`(^|\\s)${f}(\\s|=|$|[,)])`, 'm'));
    }
    expect(help).toMatch(/Exit:|exit/);
  });
});

describe('progress lines', () => {
  test('fit 80 columns off a terminal, with rate, memory and an ETA under a state limit', () => {
    const io = captureIO();
    const p = progressLine(io, 'check');
    p.onProgress({ states: 123_456_789, transitions: 987_654_321, depth: 12345, queued: 98_765_432, elapsedMs: 3_723_000, statesPerSec: 654_321, residentMb: 12_345, maxStates: 500_000_000 });
    const line = io.stderr().trimEnd();
    expect(line.length).toBeLessThanOrEqual(80);
    expect(line).toMatch(/^check: 123\.46M states 654\.3k\/s depth 12345 queue 98\.77M 12345 MB 1 h 2 min ETA/);
    const c = counterLine(io, 'layouts V3', 'layouts');
    c.update(10, 89_070);
    expect(compact(1234)).toBe('1,234');
    expect(duration(75)).toBe('1 min 15 s');
  });
});
