import { describe, expect, test } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayCommand } from '../../src/cli/commands/replay.ts';
import { loadKernelModel, loadModelModule } from '../../src/cli/loadModule.ts';
import { check } from '../../src/explorer/check.ts';
import type { Model } from '../../src/explorer/model.ts';
import type { ModelSource } from '../../src/cli/loadModule.ts';
import { exportCounterexample } from '../../src/report/exportTrace.ts';
import { captureIO } from '../helpers/captureIO.ts';
import { spawnSync } from 'node:child_process';

const bin = fileURLToPath(new URL('../../bin/zrcheck.js', import.meta.url));

const fixture = fileURLToPath(new URL('./fixtures/factoryModel.ts', import.meta.url));

async function exported(model: Model, source: ModelSource | undefined): Promise<string> {
  const o = check(model);
  if (o.verdict !== 'violated') throw new Error('expected a violation');
  const dir = mkdtempSync(join(tmpdir(), 'zrcheck-replay-'));
  const r = await exportCounterexample(model, o.violations[0]!, dir, source ? { source } : {});
  if (!r.ok) throw new Error(r.error);
  return r.files.itf;
}

describe('zrcheck replay', () => {
  test('reproduces an exported module trace (exit 0), also as JSON', async () => {
    const loaded = await loadModelModule(fixture, { N: 3 });
    if (!loaded.ok) throw new Error(loaded.error);
    const file = await exported(loaded.model, loaded.source);
    const io = captureIO('/');
    expect(await replayCommand([file], io)).toBe(0);
    expect(io.stdout()).toMatch(/^reproduced: deadlock \(deadlock\) is violated at step \d+, as recorded/);
    const io2 = captureIO('/');
    expect(await replayCommand([file, '--json'], io2)).toBe(0);
    expect(JSON.parse(io2.stdout())).toMatchObject({ reproduced: true, property: 'deadlock' });
  });

  test('a tampered state: exit 1 naming the step where it diverges', async () => {
    const loaded = await loadModelModule(fixture, { N: 3 });
    if (!loaded.ok) throw new Error(loaded.error);
    const file = await exported(loaded.model, loaded.source);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.states[2].w = [1, 1, 1];
    writeFileSync(file, JSON.stringify(doc));
    const io = captureIO('/');
    expect(await replayCommand([file], io)).toBe(1);
    expect(io.stdout()).toMatch(/^diverged at step 2: after \S+ the state differs: w\[\d\]/);
  });

  test('a step whose action is not enabled (edited consistently): exit 1', async () => {
    const loaded = await loadModelModule(fixture, { N: 3 });
    if (!loaded.ok) throw new Error(loaded.error);
    const file = await exported(loaded.model, loaded.source);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.states[1]['mbt::actionTaken'] = 'unlock[2]';
    doc.states[1]['#meta'] = { ...doc.states[1]['#meta'], action: 'unlock[2]', thread: 'P2' };
    doc.states[1]['mbt::nondetPicks'] = { thread: { tag: 'Some', value: 'P2' } };
    doc['#meta'].steps[0] = { ...doc['#meta'].steps[0], action: 'unlock[2]', thread: 'P2' };
    writeFileSync(file, JSON.stringify(doc));
    const io = captureIO('/');
    expect(await replayCommand([file], io)).toBe(1);
    expect(io.stdout()).toMatch(/^diverged at step 1: action unlock\[2\] is not enabled/);
  });

  test('a file edited in one place only is malformed: exit 2', async () => {
    const loaded = await loadModelModule(fixture, { N: 3 });
    if (!loaded.ok) throw new Error(loaded.error);
    const file = await exported(loaded.model, loaded.source);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.states[1]['mbt::actionTaken'] = 'unlock[2]';
    writeFileSync(file, JSON.stringify(doc));
    const io = captureIO('/');
    expect(await replayCommand([file], io)).toBe(2);
    expect(io.stderr()).toMatch(/malformed trace: .*#meta.steps\[0\] says action/);
  });

  test('a trace copied anywhere replays (the module is found by its absolute path, same sha256)', async () => {
    const loaded = await loadModelModule(fixture, { N: 3 });
    if (!loaded.ok) throw new Error(loaded.error);
    const file = await exported(loaded.model, loaded.source);
    const deep = join(mkdtempSync(join(tmpdir(), 'zrcheck-replay-far-')), 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    mkdirSync(deep, { recursive: true });
    copyFileSync(file, join(deep, 'moved.itf.json'));
    const io = captureIO(deep);
    expect(await replayCommand(['moved.itf.json'], io)).toBe(0);
  });

  test('kernel scenario traces rebuild from profile/scenario/variant', async () => {
    const loaded = await loadKernelModel({ kind: 'kernel', profile: 'ext4-iomap', scenario: 'C6', variant: 'V2', assumptions: {} });
    if (!loaded.ok) throw new Error(loaded.error);
    const file = await exported(loaded.model, loaded.source);
    const io = captureIO('/');
    expect(await replayCommand([file], io)).toBe(0);
    expect(io.stdout()).toMatch(/ext4-iomap scenario C6 variant V2/);
  });

  test('bad input is exit 2 with one line naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zrcheck-replay-bad-'));
    const cases: [string[], RegExp][] = [
      [[join(dir, 'none.itf.json')], /cannot read .*none\.itf\.json/],
      [[], /expected one FILE\.itf\.json, got 0/],
    ];
    writeFileSync(join(dir, 'junk.itf.json'), '{ nope');
    cases.push([[join(dir, 'junk.itf.json')], /junk\.itf\.json is not JSON/]);
    const loaded = await loadModelModule(fixture, { N: 3 });
    if (!loaded.ok) throw new Error(loaded.error);
    const inline = await exported(loaded.model, undefined);
    cases.push([[inline], /exported from an in-process model and does not say how to rebuild it/]);
    const moved = JSON.parse(readFileSync(await exported(loaded.model, loaded.source), 'utf8'));
    // Neither the relative nor the absolute module path exists any more.
    moved['#meta'].source.path = '../no/such/model.ts';
    moved['#meta'].source.absolutePath = '/no/such/model.ts';
    writeFileSync(join(dir, 'moved.itf.json'), JSON.stringify(moved));
    cases.push([[join(dir, 'moved.itf.json')], /the model module of .*moved\.itf\.json is at neither .*no\/such\/model\.ts nor \/no\/such\/model\.ts/]);
    const edited = JSON.parse(JSON.stringify(moved));
    edited['#meta'].source.absolutePath = fixture;
    edited['#meta'].source.sha256 = '0'.repeat(64);
    writeFileSync(join(dir, 'edited.itf.json'), JSON.stringify(edited));
    cases.push([[join(dir, 'edited.itf.json')], /has changed since the trace was written/]);
    for (const [args, message] of cases) {
      const io = captureIO(dir);
      expect(await replayCommand(args, io)).toBe(2);
      expect(io.stderr()).toMatch(message);
    }
  });

  test('through the real CLI: exit 0 when reproduced, 1 naming the diverging step', async () => {
    const loaded = await loadModelModule(fixture, { N: 3 });
    if (!loaded.ok) throw new Error(loaded.error);
    const file = await exported(loaded.model, loaded.source);
    const ok = spawnSync(process.execPath, [bin, 'replay', file], { encoding: 'utf8', timeout: 60_000 });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^reproduced: deadlock/);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.states[3]['mbt::actionTaken'] = 'no-such-action';
    doc.states[3]['#meta'].action = 'no-such-action';
    doc['#meta'].steps[2].action = 'no-such-action';
    writeFileSync(file, JSON.stringify(doc));
    const bad = spawnSync(process.execPath, [bin, 'replay', file], { encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^diverged at step 3: action "no-such-action" is not an action of model lock-cycle/);
  });
});
