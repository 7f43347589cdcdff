import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimizeCommand } from '../../src/cli/commands/minimize.ts';
import { replayCommand } from '../../src/cli/commands/replay.ts';
import { captureIO } from '../helpers/captureIO.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
// --first: stop at the first violation (a full BFS of buggy (4,4) takes ~20 s on CI).
const zr = ['examples/zr-wb-jc.ts', '--param', 'NZR=4', '--param', 'NP=4', '--first'];

describe('zrcheck minimize', () => {
  test('zr-wb-jc(4,4) buggy: JSON before/after per property, <= 3 switches and threads', async () => {
    const io = captureIO(root);
    const code = await minimizeCommand([...zr, '--param', 'VARIANT=buggy', '--json'], io);
    expect(io.stderr()).toBe('');
    expect(code).toBe(1);
    const out = JSON.parse(io.stdout()).properties as Record<string, { before: { steps: number; switches: number; threads: number }; after: { steps: number; switches: number; threads: number } }>;
    // --first: the check stopped at the deadlock, so the invariant is not decided (never "holds").
    expect(out).toMatchObject({ handles_accounting: { status: 'incomplete' }, deadlock: { status: 'violated' } });
    const d = out['deadlock']!;
    expect(d.after.switches).toBeLessThanOrEqual(3);
    expect(d.after.threads).toBeLessThanOrEqual(3);
    expect(d.after.switches).toBeLessThanOrEqual(d.before.switches);
    expect(d).toMatchObject({ kind: 'deadlock', switchesOptimal: true });
  });

  test('text output shows before -> after and the trace', async () => {
    const io = captureIO(root);
    expect(await minimizeCommand([...zr, '--param', 'VARIANT=buggy'], io)).toBe(1);
    expect(io.stdout()).toMatch(/deadlock: steps \d+, switches \d+, threads \d -> steps 18, switches 3, threads 3 \(switches minimal, no thread removable; 1-minimal\)/);
    expect(io.stdout()).toContain('z0: z_start[0]');
  });

  test('a model whose properties hold: nothing to minimise, exit 0', async () => {
    const io = captureIO(root);
    expect(await minimizeCommand(['examples/zr-wb-jc.ts', '--param', 'NZR=2', '--param', 'NP=2', '--param', 'VARIANT=fixed'], io)).toBe(0);
    expect(io.stdout()).toMatch(/nothing to minimise/);
  });

  test('--export writes the four files, and they replay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zrcheck-min-'));
    const io = captureIO(root);
    expect(await minimizeCommand(['test/cli/fixtures/factoryModel.ts', '--param', 'N=3', '--export', dir, '--json'], io)).toBe(1);
    const exported = (JSON.parse(io.stdout()).properties as Record<string, { exported: string }>)['deadlock']!.exported;
    for (const f of ['trace.itf.json', 'trace.md', 'trace.mmd', 'trace.html']) expect(existsSync(join(exported, f))).toBe(true);
    expect(readFileSync(join(exported, 'trace.md'), 'utf8')).toContain('- minimised from:');
    const io2 = captureIO(tmpdir());
    expect(await replayCommand([join(exported, 'trace.itf.json')], io2)).toBe(0);
    expect(io2.stdout()).toMatch(/^reproduced: deadlock \(deadlock\) is violated at step 6/);
  });

  test('kernel scenario with --property', async () => {
    const io = captureIO(root);
    const code = await minimizeCommand(['--scenario', 'C6', '--variant', 'V2', '--property', 'deadlock', '--json'], io);
    expect(io.stderr()).toBe('');
    expect(code).toBe(1);
    const out = JSON.parse(io.stdout()).properties as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['deadlock']);
  });

  test.each([
    [['examples/zr-wb-jc.ts', '--property', 'nope'], /--property nope is not a property of zr-wb-jc.*; properties: handles_accounting, deadlock/],
    [['missing.ts'], /model module .*missing\.ts does not exist/],
    [['examples/zr-wb-jc.ts', '--max-nodes', '0'], /--max-nodes needs a whole number >= 1, got '0'/],
    [['examples/zr-wb-jc.ts', '--deadlock', 'maybe'], /--deadlock maybe is not one of/],
    [[], /no model: give MODULE or --scenario ID --variant ID/],
  ])('usage errors: %j', async (args, message) => {
    const io = captureIO(root);
    expect(await minimizeCommand(args, io)).toBe(2);
    expect(io.stderr()).toMatch(message);
  });
});
