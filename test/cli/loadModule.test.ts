import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import {
  loadKernelModel,
  loadModel,
  loadModelModule,
  modelSourceFromArgs,
  modelShapeProblem,
} from '../../src/cli/loadModule.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => join(here, 'fixtures', name);

describe('loadModelModule', () => {
  test('loads a factory default export with params', async () => {
    const r = await loadModelModule(fixture('factoryModel.ts'), { N: 4 });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.model.name).toBe('lock-cycle');
      expect(r.model.threads).toHaveLength(4);
      // Declared params: typed and completed with the defaults, plus the file's sha256.
      expect(r.source).toEqual({ kind: 'module', path: fixture('factoryModel.ts'), params: { N: 4, WORK: 1 }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(r.warnings).toBeUndefined();
    }
  });
  test('loads a Model default export', async () => {
    const r = await loadModelModule(fixture('plainModel.ts'));
    expect(r.ok && r.model.name).toBe('lost-update');
  });
  test('loads an async factory and a plain JavaScript module', async () => {
    const a = await loadModelModule(fixture('asyncFactory.ts'), { K: 3 });
    expect(a.ok && a.model.params).toEqual({ n: 2, k: 3, limit: 3 });
    const j = await loadModelModule(fixture('jsModel.mjs'), { MAX: 4 });
    expect(j.ok && j.model.name).toBe('js-counter');
  });
  test('missing file names the path', async () => {
    const r = await loadModelModule(fixture('nope.ts'));
    expect(r).toEqual({ ok: false, error: `model module ${fixture('nope.ts')} does not exist` });
  });
  test('a directory is not a module', async () => {
    const r = await loadModelModule(join(here, 'fixtures'));
    expect(!r.ok && r.error).toMatch(/is not a file/);
  });
  test('module throwing on load', async () => {
    const r = await loadModelModule(fixture('throwsOnLoad.ts'));
    // (The real CLI maps the stack back to throwsOnLoad.ts:2; vitest's module runner does not.)
    expect(!r.ok && r.error).toMatch(/throwsOnLoad\.ts threw while loading: fixture exploded on load/);
  });
  test('wrong default export shape', async () => {
    const r = await loadModelModule(fixture('wrongShape.ts'));
    expect(!r.ok && r.error).toMatch(/its default export is not a Model: layout is not a Layout/);
  });
  test('no default export', async () => {
    const r = await loadModelModule(fixture('noDefault.ts'));
    expect(!r.ok && r.error).toMatch(/has no default export/);
  });
  test('declared params: a malformed or out-of-range value, or an unknown name, is refused naming it', async () => {
    const bad = await loadModelModule(fixture('factoryModel.ts'), { N: 'x' });
    expect(!bad.ok && bad.error).toMatch(/parameter N="x" is not an integer \(declared int, 2..8\)/);
    const low = await loadModelModule(fixture('factoryModel.ts'), { N: '1' });
    expect(!low.ok && low.error).toMatch(/parameter N=1 is outside 2..8/);
    const typo = await loadModelModule(fixture('factoryModel.ts'), { NN: '4' });
    expect(!typo.ok && typo.error).toMatch(/unknown parameter NN; declared: N \(int 2..8, default 3\), WORK \(int 1..4, default 1\)/);
  });
  test('a factory without declared params gets values typed by their look, with a warning', async () => {
    const r = await loadModelModule(fixture('undeclaredFactory.ts'), { N: '4' });
    expect(r.ok && r.model.threads.length).toBe(4);
    expect(r.ok && r.warnings?.[0]).toMatch(/declares no params .* --param N=4 is passed unchecked/);
    const thrown = await loadModelModule(fixture('undeclaredFactory.ts'), { N: 'x' });
    expect(!thrown.ok && thrown.error).toMatch(/its default export threw when called with \{N=x\}: N must be a number >= 2, got x/);
  });
  test('a syntax error names the file, line and column', async () => {
    const r = await loadModelModule(fixture('syntaxError.ts'));
    expect(!r.ok && r.error).toMatch(/syntaxError\.ts failed to build: .*syntaxError\.ts:3:\d+: Unexpected ";"/);
  });
  test('params given to a plain Model export', async () => {
    const r = await loadModelModule(fixture('plainModel.ts'), { N: 2 });
    expect(!r.ok && r.error).toMatch(/exports a Model, not a function, so --param N=2 cannot apply/);
  });
  test('errors are one line', async () => {
    for (const f of ['nope.ts', 'throwsOnLoad.ts', 'wrongShape.ts', 'noDefault.ts', 'syntaxError.ts']) {
      const r = await loadModelModule(fixture(f));
      expect(!r.ok && r.error.includes('\n')).toBe(false);
    }
  });
});

describe('modelSourceFromArgs', () => {
  test('module with params, resolved against cwd', () => {
    const r = modelSourceFromArgs(['fixtures/factoryModel.ts'], { param: ['N=3'] }, here);
    // Text until the module's declaration types it.
    expect(r).toEqual({ ok: true, source: { kind: 'module', path: fixture('factoryModel.ts'), params: { N: '3' } } });
  });
  test('kernel scenario with assumptions', () => {
    const r = modelSourceFromArgs([], { scenario: 'C1', variant: 'V2', assume: ['reserved=true'] }, here);
    expect(r).toEqual({ ok: true, source: { kind: 'kernel', scenario: 'C1', variant: 'V2', assumptions: { reserved: 'true' } } });
  });
  test.each([
    [[], {}, /no model: give MODULE or --scenario ID --variant ID/],
    [['a.ts', 'b.ts'], {}, /expected one MODULE, got 2/],
    [['a.ts'], { scenario: 'C1' }, /either MODULE \(a\.ts\) or a kernel model \(--scenario/],
    [[], { scenario: 'C1' }, /--scenario C1 needs --variant ID/],
    [[], { variant: 'V2' }, /--variant V2 needs --scenario ID/],
    [['a.ts'], { param: ['N'] }, /--param "N" is malformed/],
    [['a.ts'], { assume: ['x=1'] }, /--assume applies to kernel scenarios/],
    [[], { scenario: 'C1', variant: 'V0', param: ['x=1'] }, /--param applies to a MODULE/],
  ] as const)('rejects %j %j', (pos, values, message) => {
    const r = modelSourceFromArgs(pos, values, here);
    expect(!r.ok && r.error).toMatch(message);
  });
});

describe('loadModel / kernel', () => {
  test('dispatches on the source kind', async () => {
    const r = await loadModel({ kind: 'module', path: fixture('factoryModel.ts'), params: {} });
    expect(r.ok).toBe(true);
  });
  test("a search thread loads the command's bundle as is (prebuilt), and still checks the file's sha256", async () => {
    const first = await loadModelModule(fixture('factoryModel.ts'), { N: 4 });
    expect(first.ok && typeof first.bundle).toBe('string');
    if (!first.ok || first.bundle === undefined) return;
    // A marked copy of that bundle: its mark runs only if the prebuilt text is what loads.
    const g = globalThis as { __zrPrebuiltRuns?: number };
    const marked = `${first.bundle}\nglobalThis.__zrPrebuiltRuns = (globalThis.__zrPrebuiltRuns ?? 0) + 1;\n`;
    const before = g.__zrPrebuiltRuns ?? 0;
    const again = await loadModel(first.source, marked);
    expect(again.ok && again.model.name).toBe(first.model.name);
    expect(g.__zrPrebuiltRuns).toBe(before + 1);
    const moved = await loadModel({ ...first.source, sha256: '0'.repeat(64) } as typeof first.source, marked);
    expect(!moved.ok && moved.error).toMatch(/has changed since/);
  });
  test('an unknown kernel scenario (or no src/model yet) is an error value, not a throw', async () => {
    const r = await loadKernelModel({ kind: 'kernel', scenario: 'NOPE', variant: 'V1c', assumptions: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.includes('\n')).toBe(false);
  });
  test('modelShapeProblem names the first missing member', () => {
    expect(modelShapeProblem(null)).toBe('got null');
    expect(modelShapeProblem(3)).toBe('got number');
    expect(modelShapeProblem({ name: 1 })).toBe('name is not a string');
  });
});
