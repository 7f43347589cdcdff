/**
 * The bad-input corpus: what a hostile or hurried user types, one case per line (command,
 * expected exit code, a fragment of the expected message). Every case must fail with that
 * exit code and message and never print a stack trace; a usage error is exactly one line.
 * A sample also runs through the real command line (the worker host), where a stack trace or
 * an internal error would show.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { loadModelModule } from '../../src/cli/loadModule.ts';
import { check } from '../../src/explorer/check.ts';
import { exportCounterexample } from '../../src/report/exportTrace.ts';
import { captureIO } from '../helpers/captureIO.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ZR = 'examples/zr-wb-jc.ts';
const FX = 'test/cli/fixtures';
const K = ['--scenario', 'C1', '--variant', 'V1c'];
const MISTAKE = [`${FX}/authorMistakes.ts`, '--param'];

/** [args, exit code, message fragment, multi-line allowed (a model error with its trace)] */
type Case = readonly [readonly string[], number, string | RegExp, boolean?];

const cases: Case[] = [
  // the command itself
  [['frobnicate'], 2, "unknown command 'frobnicate'"],
  [['check', '--frob'], 2, 'unknown option --frob'],
  // check: the model
  [['check'], 2, 'no model: give MODULE or --scenario ID --variant ID'],
  [['check', 'nope.ts'], 2, /model module .*nope\.ts does not exist/],
  [['check', 'examples'], 2, 'is not a file'],
  [['check', ZR, 'other.ts'], 2, 'expected one MODULE, got 2'],
  [['check', ZR, ...K], 2, 'give either MODULE'],
  [['check', '--scenario', 'C1'], 2, '--scenario C1 needs --variant ID'],
  [['check', '--variant', 'V1c'], 2, '--variant V1c needs --scenario ID'],
  [['check', '--scenario', 'C9', '--variant', 'V1c'], 2, "unknown scenario 'C9'; valid: C1"],
  [['check', '--scenario', 'C1', '--variant', 'V9'], 2, "unknown variant 'V9' for profile ext4-iomap; valid: V1c"],
  [['check', '--profile', 'zfs', ...K], 2, "unknown profile 'zfs'; valid: ext4-iomap, ext4-bh, xfs"],
  [['check', '--profile', 'xfs', ...K], 2, 'scenario C1 zeroes through punch, which profile xfs does not model'],
  [['check', '--profile', 'xfs', '--scenario', 'X-COW', '--variant', 'next-v2'], 2, 'variant next-v2 does not exist in profile xfs'],
  [['check', '--profile', 'xfs', '--scenario', 'X-COW', '--variant', 'V3', '--assume', 'pre-zero=no'], 2, "assumption 'pre-zero' belongs to profile ext4-iomap, not xfs"],
  [['check', '--profile', 'xfs', '--scenario', 'X-C4', '--variant', 'V3', '--assume', 'ilock-across-fill=no'], 2, 'conflicts with profile xfs'],
  [['check', '--scenario', 'X-EOF', '--variant', 'V3'], 2, 'scenario X-EOF is a story about xfs, not ext4-iomap'],
  [['check', '--profile', 'ext4-bh', ...K], 2, 'variant V1c does not exist in profile ext4-bh'],
  [['check', '--scenario', 'C1', '--variant', 'V0'], 2, 'variant V0 with profile ext4-iomap is a counterfactual mix'],
  [['check', ...K, '--assume', 'nope=1'], 2, "unknown assumption 'nope' for profile ext4-iomap; valid:"],
  [['check', ...K, '--assume', 'dioread-nolock=no'], 2, "assumption 'dioread-nolock' belongs to profile ext4-bh, not ext4-iomap"],
  [['check', ...K, '--assume', 'lock-order=handle-then-folio'], 2, 'conflicts with profile ext4-iomap'],
  [['check', ...K, '--assume', 'pre-zero=maybe'], 2, "assumption 'pre-zero' has no value 'maybe'; valid: yes, no"],
  [['check', ...K, '--assume', 'pre-zero'], 2, '--assume "pre-zero" is malformed: expected NAME=VALUE'],
  [['check', ...K, '--assume', 'pre-zero=no', '--assume', 'pre-zero=yes'], 2, '--assume pre-zero is given twice'],
  [['check', ...K, '--param', 'x=1'], 2, '--param applies to a MODULE; use --assume for kernel scenarios'],
  [['check', ZR, '--assume', 'x=1'], 2, '--assume applies to kernel scenarios; use --param for a MODULE'],
  [['check', ZR, '--layout', '2:P0-1:none:f0-2.w0-2'], 2, 'give either MODULE'],
  [['check', ...K, '--layout', '2:P0-1:none:f0-2.w0-2'], 2, 'give either --scenario (C1) or --layout'],
  [['check', '--variant', 'V1c', '--layout', 'garbage'], 2, "layout id 'garbage' does not have 4 parts"],
  [['check', '--variant', 'V1c', '--layout', '2:ZZ:none:w0-2'], 2, "has a bad caller 'ZZ'"],
  [['check', '--variant', 'V1c', '--layout', '2:P0-1:none:w0-2.q'], 2, "has a bad setup step 'q'"],
  [['check', '--variant', 'V1c', '--layout', '2:P1-2:none:w0-1'], 2, 'caller P1-2 does not apply to the start its program leaves (i_size 1)'],
  [['check', ...K, '--property', 'nope'], 2, "unknown property 'nope'; valid: D1"],
  [['check', ...K, '--property', 'D5'], 2, 'property D5 (NoPostEOFExposure) does not apply to C1'],
  [['check', ZR, '--property', 'D2'], 2, "unknown property 'D2'; valid: handles_accounting, deadlock"],
  // check: params of a module
  [['check', ZR, '--param', 'NZR'], 2, '--param "NZR" is malformed: expected NAME=VALUE'],
  [['check', ZR, '--param', '=3'], 2, 'parameter name "" must be letters'],
  [['check', ZR, '--param', 'NZR='], 2, 'parameter NZR has an empty value'],
  [['check', ZR, '--param', 'NZR=2', '--param', 'NZR=3'], 2, '--param NZR is given twice'],
  [['check', ZR, '--param', 'NZR=x'], 2, 'parameter NZR="x" is not an integer (declared int, 1..16)'],
  [['check', ZR, '--param', 'NZR=1.5'], 2, 'parameter NZR="1.5" is not an integer'],
  [['check', ZR, '--param', 'NZR=99'], 2, 'parameter NZR=99 is outside 1..16'],
  [['check', ZR, '--param', 'NZR=0'], 2, 'parameter NZR=0 is outside 1..16'],
  [['check', ZR, '--param', 'NPP=4'], 2, 'unknown parameter NPP; declared: NZR (int 1..16, default 3), NP (int 1..16, default 3), VARIANT (fixed|buggy, default fixed)'],
  [['check', ZR, '--param', 'VARIANT=broken'], 2, 'parameter VARIANT="broken" is not one of fixed, buggy'],
  [['check', `${FX}/plainModel.ts`, '--param', 'N=2'], 2, 'exports a Model, not a function, so --param N=2 cannot apply'],
  // check: numeric options
  [['check', ZR, '--max-states', '0'], 2, "--max-states needs a whole number >= 1, got '0'"],
  [['check', ZR, '--max-states', '-1'], 2, "--max-states needs a whole number >= 1, got '-1'"],
  [['check', ZR, '--max-states', '1.5'], 2, "--max-states needs a whole number >= 1, got '1.5'"],
  [['check', ZR, '--max-states', 'lots'], 2, "--max-states needs a whole number >= 1, got 'lots'"],
  [['check', ZR, '--max-states', '1e3'], 2, "--max-states needs a whole number >= 1, got '1e3'"],
  [['check', ZR, '--max-states'], 2, '--max-states needs a value'],
  [['check', ZR, '--max-depth', '-3'], 2, "--max-depth needs a whole number >= 0, got '-3'"],
  [['check', ZR, '--time-limit', '0'], 2, "--time-limit needs a positive number of seconds, got '0'"],
  [['check', ZR, '--time-limit', '-2'], 2, "--time-limit needs a positive number of seconds, got '-2'"],
  [['check', ZR, '--time-limit', '1m'], 2, "--time-limit needs a positive number of seconds, got '1m'"],
  [['check', ZR, '--memory-mb', '8'], 2, "--memory-mb needs a whole number >= 16, got '8'"],
  [['check', ZR, '--memory-mb', 'lots'], 2, "--memory-mb needs a whole number >= 16, got 'lots'"],
  [['check', ZR, '--bounded', '0'], 2, "--bounded needs a whole number >= 1, got '0'"],
  [['check', ZR, '--bounded', 'x'], 2, "--bounded needs a whole number >= 1, got 'x'"],
  [['check', ZR, '--bfs', '--dfs'], 2, '--bfs and --dfs exclude each other'],
  [['check', ZR, '--exact', '--bounded', '10'], 2, '--exact and --bounded exclude each other'],
  [['check', ZR, '--all', '--first'], 2, '--all and --first exclude each other'],
  [['check', ZR, '--deadlock', 'never'], 2, '--deadlock never is not one of stuck, stuttering, off'],
  [['check', ZR, '--json=yes'], 2, '--json takes no value'],
  // check: a model author's mistakes
  [['check', `${FX}/throwsOnLoad.ts`], 2, /threwsOnLoad|throwsOnLoad\.ts threw while loading: fixture exploded on load/],
  [['check', `${FX}/noDefault.ts`], 2, 'has no default export (expected a Model or (params) => Model)'],
  [['check', `${FX}/wrongShape.ts`], 2, 'its default export is not a Model: layout is not a Layout'],
  [['check', `${FX}/syntaxError.ts`], 2, /failed to build: .*syntaxError\.ts:3:\d+: Unexpected ";"/],
  [['check', 'test/cli/stray.fixture.ts'], 2, 'update of action "poke": successor wrote bits outside the declared layout in word 0', true],
  [['check', ...MISTAKE, 'BUG=waits-names'], 2, 'waitsFor(state, 1) returned on: ["T0"]; "T0" is not a thread index 0..1 (thread "T0" is index 0)'],
  [['check', ...MISTAKE, 'BUG=invariant-throws'], 2, 'invariant "x_small" threw: invariant exploded', true],
  [['check', ...MISTAKE, 'BUG=init-empty'], 2, 'defineModel("mistake-init-empty"): init is an empty list'],
  [['check', ...MISTAKE, 'BUG=out-of-range'], 2, 'update of rule "step": value 4 written to field x is outside its declared range 0..3', true],
  [['check', ...MISTAKE, 'BUG=read-past-end'], 2, 'guard of rule "step": index 2 read from field pair is outside 0..1', true],
  [['check', ...MISTAKE, 'BUG=guard-throws'], 2, 'guard of rule "step" threw: guard exploded at x=2', true],
  [['check', ...MISTAKE, 'BUG=typo'], 2, 'parameter BUG="typo" is not one of none, waits-names'],
  // layouts
  [['layouts'], 2, '--variant ID is required'],
  [['layouts', '--variant', 'V3'], 2, '--max-blocks N is required'],
  [['layouts', '--variant', 'V3', '--max-blocks', 'two'], 2, "--max-blocks needs a whole number >= 1, got 'two'"],
  [['layouts', '--variant', 'V3', '--max-blocks', '0'], 2, "--max-blocks needs a whole number >= 1, got '0'"],
  [['layouts', '--variant', 'V3', '--max-blocks', '-2'], 2, "--max-blocks needs a whole number >= 1, got '-2'"],
  [['layouts', '--variant', 'V3', '--max-blocks', '9'], 2, 'maxBlocks 9 must be an integer in 1..4'],
  [['layouts', '--variant', 'V9', '--max-blocks', '1'], 2, "unknown variant 'V9' for profile ext4-iomap; valid: V1c"],
  [['layouts', '--variant', 'V3', '--max-blocks', '1', '--scenario', 'C9'], 2, 'unknown option --scenario'],
  [['layouts', '--variant', 'V3', '--max-blocks', '1', '--assume', 'x=y'], 2, "unknown assumption 'x'"],
  [['layouts', '--variant', 'V3', '--max-blocks', '1', '--caller', 'fsync'], 2, "unknown caller 'fsync'; valid: punch"],
  [['layouts', '--variant', 'V3', '--max-blocks', '1', '--flusher', 'kswapd'], 2, "unknown flusher 'kswapd'; valid: none, background, sync"],
  [['layouts', '--variant', 'V3', '--max-blocks', '1', '--property', 'nope'], 2, "unknown property 'nope'"],
  [['layouts', '--variant', 'V3', '--max-blocks', '1', '--max-states', '0'], 2, "--max-states needs a whole number >= 1, got '0'"],
  [['layouts', '--variant', 'V3', '--max-blocks', '1', 'extra'], 2, "unexpected argument 'extra'"],
  [['layouts', '--frob'], 2, 'unknown option --frob'],
  // matrix
  [['matrix', '--jobs', '0'], 2, "--jobs needs a whole number >= 1, got '0'"],
  [['matrix', '--jobs', 'two'], 2, "--jobs needs a whole number >= 1, got 'two'"],
  [['matrix', '--variant', 'V9', '--out', 'x'], 2, "unknown variant 'V9' for profiles ext4-iomap, ext4-bh, xfs; valid variants: V0"],
  [['matrix', '--profile', 'zfs', '--out', 'x'], 2, "unknown profile 'zfs'; valid profiles: ext4-iomap, ext4-bh, xfs"],
  [['matrix', '--scenario', 'C9', '--out', 'x'], 2, "unknown scenario 'C9'; valid scenarios: C1"],
  [['matrix', '--scenario', 'C1'], 2, 'name where it goes with --out DIR (results/ holds the full matrix)'],
  [['matrix', '--variant', 'V3'], 2, 'name where it goes with --out DIR'],
  [['matrix', '--out', '/proc/nope'], 2, '--out /proc/nope: cannot write into /proc'],
  [['matrix', '--out', '/dev/null/x'], 2, '--out /dev/null/x: /dev/null/x: a part of the path is a file, not a folder'],
  [['matrix', '--out', ''], 2, '--out needs a folder'],
  [['matrix', 'C1'], 2, "matrix takes no positional arguments, got 'C1'"],
  [['matrix', '--frob'], 2, 'unknown option --frob'],
  // fuzz
  [['fuzz'], 2, 'no model: give MODULE or --scenario ID --variant ID'],
  [['fuzz', ZR, '--runs', '0'], 2, "--runs needs a whole number >= 1, got '0'"],
  [['fuzz', ZR, '--runs', '1.5'], 2, "--runs needs a whole number >= 1, got '1.5'"],
  [['fuzz', ZR, '--seed', 'x'], 2, "--seed needs a 32-bit integer, got 'x'"],
  [['fuzz', ZR, '--seed', '99999999999'], 2, "--seed needs a 32-bit integer, got '99999999999'"],
  [['fuzz', ZR, '--path', '1:2'], 2, '--path replays a failure only together with its --seed'],
  [['fuzz', ZR, '--seed', '1', '--path', 'abc'], 2, "--path needs a fast-check path like 12:0:3, got 'abc'"],
  [['fuzz', ZR, '--max-steps', '0'], 2, "--max-steps needs a whole number >= 1, got '0'"],
  [['fuzz', ZR, '--max-length', '-1'], 2, "--max-length needs a whole number >= 1, got '-1'"],
  [['fuzz', ZR, '--property', 'nope'], 2, '--property nope is not a property of zr-wb-jc-fixed(NZR=3,NP=3); properties: handles_accounting, deadlock'],
  [['fuzz', ZR, '--deadlock', 'x'], 2, '--deadlock x is not one of stuck, stuttering, off'],
  [['fuzz', ZR, '--export', '/proc/nope'], 2, '--export /proc/nope: cannot write into /proc'],
  [['fuzz', ZR, '--param', 'NPP=1'], 2, 'unknown parameter NPP'],
  [['fuzz', ...K, '--assume', 'fill-flag=sometimes'], 2, "assumption 'fill-flag' has no value 'sometimes'"],
  // minimize
  [['minimize'], 2, 'no model: give MODULE or --scenario ID --variant ID'],
  [['minimize', ZR, '--max-nodes', '0'], 2, "--max-nodes needs a whole number >= 1, got '0'"],
  [['minimize', ZR, '--minimize-time', '0'], 2, "--minimize-time needs a positive number of seconds, got '0'"],
  [['minimize', ZR, '--property', 'nope'], 2, '--property nope is not a property of zr-wb-jc-fixed(NZR=3,NP=3)'],
  [['minimize', ZR, '--export', '/dev/null/x'], 2, '--export /dev/null/x: /dev/null/x: a part of the path is a file, not a folder'],
  [['minimize', ZR, '--max-states', '-5'], 2, "--max-states needs a whole number >= 1, got '-5'"],
  [['minimize', ZR, '--deadlock', 'sometimes'], 2, '--deadlock sometimes is not one of'],
  [['minimize', ZR, '--time-limit', 'soon'], 2, "--time-limit needs a positive number of seconds, got 'soon'"],
  // replay (the trace files are made in beforeAll)
  [['replay'], 2, 'expected one FILE.itf.json, got 0'],
  [['replay', 'a.itf.json', 'b.itf.json'], 2, 'expected one FILE.itf.json, got 2'],
  [['replay', 'nope.itf.json'], 2, /cannot read .*nope\.itf\.json: ENOENT/],
  [['replay', '@junk'], 2, 'is not JSON'],
  [['replay', '@array'], 2, 'is not a JSON object'],
  [['replay', '@foreign'], 2, 'was not written by zrcheck (#meta.tool is "apalache")'],
  [['replay', '@notitf'], 2, '#meta.format is "NOTITF", not "ITF"'],
  [['replay', '@steps'], 2, /#meta\.steps\[0\] says action .*, state 1 took/],
  [['replay', '@extra'], 2, /#meta\.violationState is \d+, but the violation is the last state/],
  [['replay', '@thread'], 2, /#meta\.steps\[0\]\.thread "nobody" is not one of #meta\.threads/],
  [['replay', '@inline'], 2, 'was exported from an in-process model and does not say how to rebuild it'],
  [['replay', '--frob'], 2, 'unknown option --frob'],
  // list
  [['list', 'frob'], 2, "unknown section 'frob'; valid: profiles, versions, assumptions, scenarios, properties, mechanisms"],
  [['list', '--profile', 'zfs'], 2, "unknown profile 'zfs'; valid: ext4-iomap, ext4-bh, xfs"],
  [['list', '--frob'], 2, 'unknown option --frob'],
];

const traces: Record<string, string> = {};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zrcheck-badinput-'));
  const loaded = await loadModelModule(join(root, FX, 'factoryModel.ts'), { N: '3' });
  if (!loaded.ok) throw new Error(loaded.error);
  const o = check(loaded.model);
  if (o.verdict !== 'violated') throw new Error('fixture should deadlock');
  const e = await exportCounterexample(loaded.model, o.violations[0]!, dir, { source: loaded.source }, { minimize: false });
  if (!e.ok) throw new Error(e.error);
  const good = readFileSync(e.files.itf, 'utf8');
  const edit = (name: string, f: (d: any) => void | string) => {
    const d = JSON.parse(good);
    const text = f(d);
    const file = join(dir, `${name}.itf.json`);
    writeFileSync(file, typeof text === 'string' ? text : JSON.stringify(d));
    traces[`@${name}`] = file;
  };
  edit('junk', () => '{ nope');
  edit('array', () => '[]');
  edit('foreign', (d) => void (d['#meta'].tool = 'apalache'));
  edit('notitf', (d) => void (d['#meta'].format = 'NOTITF'));
  edit('steps', (d) => void (d.states[1]['mbt::actionTaken'] = 'unlock[2]'));
  edit('extra', (d) => {
    const last = d.states.length - 1;
    d.states.push({ ...d.states[last], '#meta': { ...d.states[last]['#meta'], index: last + 1 } });
    d['#meta'].steps.push({ ...d['#meta'].steps[last - 1], step: last + 1 });
  });
  edit('thread', (d) => void (d['#meta'].steps[0].thread = 'nobody'));
  edit('inline', (d) => void (d['#meta'].source = { kind: 'inline' }));
});

const expand = (args: readonly string[]) => args.map((a) => traces[a] ?? a);
const STACK = /\n\s+at .*:\d+/;

describe(`the bad-input corpus (${cases.length} cases)`, () => {
  test('has at least 100 cases', () => expect(cases.length).toBeGreaterThanOrEqual(100));

  test.each(cases.map((c) => [c[0].join(' '), c] as const))('%s', async (_name, [args, code, message, multiLine]) => {
    const io = captureIO(root);
    const got = await runCli(expand(args), io);
    const err = io.stderr();
    expect(got, err).toBe(code);
    if (typeof message === 'string') expect(err).toContain(message);
    else expect(err).toMatch(message);
    expect(err).not.toMatch(STACK);
    expect(err).not.toMatch(/internal error/);
    if (!multiLine) expect(err.trimEnd().split('\n'), err).toHaveLength(1);
  });
});

describe('a sample through the real command line: the same lines, no stack traces', () => {
  const sample = cases.filter((_, i) => i % 9 === 0);
  test.each(sample.map((c) => [c[0].join(' '), c] as const))('%s', (_name, [args, code, message]) => {
    const r = spawnSync(process.execPath, ['bin/zrcheck.js', ...expand(args)], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(code);
    if (typeof message === 'string') expect(r.stderr).toContain(message);
    else expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
  });
});
