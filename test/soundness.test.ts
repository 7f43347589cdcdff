/**
 * The soundness rule, as a property over every command: whatever limits a user sets (states,
 * depth, time) and whether Ctrl-C arrives first, a command says a property "holds" only when
 * the search that decided it was exhaustive: the unlimited search must agree, and the limited
 * run must have covered the whole state space (the same state count). A limited run that says
 * "holds" after stopping early would fail here.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/main.ts';
import { runMatrix } from '../src/matrix/run.ts';
import { captureIO } from './helpers/captureIO.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Models with properties that hold and properties that do not, a few hundred to 100k states. */
const MODELS: readonly (readonly string[])[] = [
  ['examples/zr-wb-jc.ts', '--param', 'NZR=3', '--param', 'NP=3'],
  ['examples/zr-wb-jc.ts', '--param', 'NZR=2', '--param', 'NP=3', '--param', 'VARIANT=buggy'],
  ['--scenario', 'C6', '--variant', 'V2'],
  ['--scenario', 'C4', '--variant', 'V3', '--assume', 'fill-flag=if-found'],
  ['--scenario', 'C1', '--variant', 'next-v2'],
  ['--profile', 'ext4-bh', '--scenario', 'SYNC', '--variant', 'bh-v7.0'],
];

interface Limit {
  readonly args: readonly string[];
  readonly interrupt: boolean;
}

const limitArb: fc.Arbitrary<Limit> = fc.record({
  args: fc.oneof(
    fc.constant([] as string[]),
    fc.integer({ min: 1, max: 200_000 }).map((n) => ['--max-states', String(n)]),
    fc.integer({ min: 0, max: 40 }).map((n) => ['--max-depth', String(n)]),
    fc.constant(['--time-limit', '0.001']),
  ),
  interrupt: fc.boolean(),
});

async function runJson(args: readonly string[], interrupt = false): Promise<{ code: number; json: any }> {
  const io = captureIO(root);
  if (interrupt) io.interrupt();
  const code = await runCli([...args, '--json'], io);
  return { code, json: io.stdout() === '' ? undefined : JSON.parse(io.stdout()) };
}

const truth = new Map<string, any>();
async function groundTruth(model: readonly string[]): Promise<any> {
  const key = model.join(' ');
  if (!truth.has(key)) {
    const r = await runJson(['check', ...model, '--all']);
    expect(r.json.verdict).not.toBe('incomplete');
    truth.set(key, r.json);
  }
  return truth.get(key);
}

const statusOf = (j: any, p: string): string | undefined => j.properties.find((x: any) => x.property === p)?.status;

describe('no command says "holds" after a search a limit or Ctrl-C cut short', () => {
  test.prop([fc.constantFrom(...MODELS), limitArb, fc.boolean()], { numRuns: 60 })('check', async (model, limit, all) => {
    const t = await groundTruth(model);
    const r = await runJson(['check', ...model, ...limit.args, ...(all ? ['--all'] : [])], limit.interrupt);
    for (const p of r.json.properties) {
      if (p.status !== 'holds') continue;
      expect(statusOf(t, p.property)).toBe('holds');
      expect(r.json.states).toBe(t.states);
      expect(r.json.limit).toBeUndefined();
    }
    if (r.code === 0) {
      expect(r.json.verdict).toBe('holds');
      expect(r.json.states).toBe(t.states);
    }
    // A violation reported under any limit is a real one (the unlimited search finds it too).
    for (const p of r.json.properties) if (p.status === 'violated') expect(statusOf(t, p.property)).toBe('violated');
  });

  test.prop([fc.constantFrom(...MODELS.slice(0, 3)), limitArb], { numRuns: 30 })('minimize', async (model, limit) => {
    const t = await groundTruth(model);
    const r = await runJson(['minimize', ...model, ...limit.args, '--max-nodes', '20000'], limit.interrupt);
    expect(r.code).not.toBe(2);
    for (const [property, v] of Object.entries<any>(r.json.properties)) {
      if (v.status === 'holds') {
        expect(statusOf(t, property)).toBe('holds');
        expect(r.json.check.exhaustive).toBe(true);
        expect(r.json.check.states).toBe(t.states);
      }
      if (v.status === 'violated') expect(statusOf(t, property)).toBe('violated');
    }
    if (r.code === 0) for (const p of t.properties) expect(p.status).toBe('holds');
  });

  test.prop([fc.integer({ min: 1, max: 60 }), fc.boolean(), fc.constantFrom('V3', 'V4', 'V1c')], { numRuns: 12 })('layouts', async (maxStates, interrupt, variant) => {
    const base = ['layouts', '--variant', variant, '--max-blocks', '1'];
    const key = base.join(' ');
    if (!truth.has(key)) truth.set(key, (await runJson(base)).json);
    const t = truth.get(key);
    const r = await runJson([...base, '--max-states', String(maxStates)], interrupt);
    for (const p of r.json.properties) {
      if (p.status !== 'holds') continue;
      // Holds only if every layout whose model checks it decided it: the same layouts as the
      // unlimited sweep, none cut short for this property.
      const truthProp = t.properties.find((x: any) => x.property === p.property);
      expect(truthProp.status).toBe('holds');
      expect(r.json.checked).toBe(t.layouts);
      expect(p.checkingLayouts).toBe(truthProp.checkingLayouts);
      // A property every layout checks and none left undecided: every layout was complete.
      if (p.checkingLayouts === t.layouts) expect(r.json.totalStates).toBe(t.totalStates);
      expect(p.undecidedLayouts).toBe(0);
    }
    if (r.code === 0) expect(r.json.totalStates).toBe(t.totalStates);
  });

  test.prop([fc.integer({ min: 1, max: 30_000 }), fc.boolean()], { numRuns: 40 })('fuzz never says holds', async (runs, interrupt) => {
    const r = await runJson(['fuzz', ...MODELS[0]!, '--runs', String(Math.min(runs, 50)), '--seed', '1'], interrupt);
    expect(r.code).not.toBe(0);
    expect(JSON.stringify(r.json)).not.toMatch(/"holds"/);
  });

  test.prop([fc.integer({ min: 1, max: 700 })], { numRuns: 4 })('matrix', async (maxStates) => {
    const req = { profiles: ['ext4-iomap'], variants: ['V2', 'next-v2'], scenarios: ['C4', 'C6'], jobs: 2, assumptions: false, counterfactual: false };
    const full = await runMatrix(req);
    const cut = await runMatrix({ ...req, maxStates });
    if (full.kind !== 'done' || cut.kind !== 'done') throw new Error('matrix did not run');
    for (const row of cut.data.rows) {
      const fullRow = full.data.rows.find((r) => r.label === row.label && r.scenario === row.scenario)!;
      for (const [p, c] of Object.entries({ ...row.cells, ...row.mechanisms })) {
        if (c.status !== 'holds') continue;
        expect(({ ...fullRow.cells, ...fullRow.mechanisms })[p]!.status).toBe('holds');
        expect(row.run.kind === 'checked' && fullRow.run.kind === 'checked' && row.run.states === fullRow.run.states).toBe(true);
      }
    }
  });
});
