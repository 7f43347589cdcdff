import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeMatrixCommand, matrixCommand, parseMatrixArgs } from '../../src/cli/commands/matrix.ts';
import { writeFilesAtomically } from '../../src/report/atomicWrite.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { fc, test as fcTest } from '@fast-check/vitest';
import { assembleMatrix, stableJson } from '../../src/matrix/assemble.ts';
import { renderMatrixMarkdown } from '../../src/matrix/markdown.ts';
import type { Catalog } from '../../src/matrix/catalog.ts';
import type { CellResult } from '../../src/matrix/types.ts';

const FAKE = new URL('./fakeCatalog.ts', import.meta.url).href;

function capture(cwd: string, interrupt?: (fire: () => void) => void) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    out: (s) => void out.push(s),
    err: (s) => void err.push(s),
    errIsTTY: false,
    errColumns: 0,
    cwd,
    debug: false,
    interrupted: () => false,
    onInterrupt: (h) => {
      interrupt?.(h);
      return () => {};
    },
  };
  return { io, out, err };
}

/** Every file under dir, relative, sorted, with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else m.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return m;
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'zr-matrix-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('zrcheck matrix on a fake catalogue (spec C.1 with three threads)', () => {
  const cmd = makeMatrixCommand(FAKE);

  it('writes matrix.md, matrix.json and one trace per violated cell, each with its wait-for cycle and mechanism', async () => {
    const c = capture(tmp);
    const code = await cmd(['--out', 'r1', '--jobs', '2'], c.io);
    // F2 is contradicted on purpose (reserved handles remove the deadlock): a finding, listed,
    // exit 0; with --strict the mismatch fails the run.
    expect(code).toBe(0);
    expect(c.out.join('')).toContain('mismatch fake/C1/V1c+conversion-handle=reserved D2: zrcheck absent, expected present (F2');
    expect(await cmd(['--out', 'r1', '--strict'], capture(tmp).io)).toBe(1);
    const files = snapshot(join(tmp, 'r1'));
    expect([...files.keys()].sort()).toEqual([
      'fake/C1/V0+conversion-handle=reserved/D1/trace.itf.json',
      'fake/C1/V0+conversion-handle=reserved/D1/trace.md',
      'fake/C1/V0/D1/trace.itf.json',
      'fake/C1/V0/D1/trace.md',
      'fake/C1/V0/D2/trace.itf.json',
      'fake/C1/V0/D2/trace.md',
      'fake/C1/V1c+conversion-handle=reserved/D1/trace.itf.json',
      'fake/C1/V1c+conversion-handle=reserved/D1/trace.md',
      'fake/C1/V1c/D1/trace.itf.json',
      'fake/C1/V1c/D1/trace.md',
      'fake/C1/V1c/D2/trace.itf.json',
      'fake/C1/V1c/D2/trace.md',
      'matrix.json',
      'matrix.md',
      'timings.json',
    ]);
    const deadlock = files.get('fake/C1/V1c/D2/trace.md')!;
    expect(deadlock).toContain('Wait-for cycle (3 threads): Z -> W -> C -> Z');
    expect(deadlock).toContain('lockdep: CANNOT SEE');
    expect(deadlock).toContain('- mechanism: `C1-no-batch`');
    // thread columns with the kernel function and spec section of each step (traceMarkdown.ts)
    expect(deadlock).toMatch(/\| 1 \| `Z start handle`<br>jbd2__journal_start<br>\[B\.7\] \|/);
    expect(deadlock).toContain('replay: `zrcheck replay trace.itf.json`');
    expect(JSON.parse(files.get('fake/C1/V1c/D2/trace.itf.json')!)['#meta']).toMatchObject({ format: 'ITF', profile: 'fake', mechanism: 'C1-no-batch' });
    // The counterfactual version is labelled in its trace header and in the matrix.
    expect(files.get('fake/C1/V0/D2/trace.md')!).toContain('> **Counterfactual**: a mix no kernel ships (V0: no kernel ships V0 with this fake)');
    const d1 = files.get('fake/C1/V1c/D1/trace.md')!;
    expect(d1).toContain('Z waits; the cycle closes after 1 more step: C lock');
    const d1Reserved = files.get('fake/C1/V1c+conversion-handle=reserved/D1/trace.md')!;
    expect(d1Reserved).toContain('no continuation closes a wait-for cycle through Z');
    const json = JSON.parse(files.get('matrix.json')!);
    const row = json.rows.find((r: { label: string; scenario: string }) => r.scenario === 'C1' && r.label === 'V1c');
    expect(row.cells.D2).toMatchObject({ status: 'violated', traceLength: 3, waitFor: 'Z -> W -> C -> Z', lockdepInvisible: 1, mechanism: 'C1-no-batch' });
    expect(row.found).toEqual(['D1:C1-no-batch', 'D2:C1-no-batch']);
    expect(row.cells.D5.status).toBe('n/a');
    expect(json.findings).toEqual([
      {
        profile: 'fake',
        setting: 'conversion-handle=reserved',
        assumptions: { 'conversion-handle': 'reserved' },
        defaults: { 'conversion-handle': 'normal' },
        tried: 6,
        changed: [
          { scenario: 'C1', variant: 'V0', properties: ['D2', 'D2:C1-no-batch'] },
          { scenario: 'C1', variant: 'V1c', properties: ['D2', 'D2:C1-no-batch'] },
        ],
      },
    ]);
    // F1 (present, witnessed in C1) matches; F3 (absent) is judged in every ext4-outside cell.
    expect(json.presence.find((p: { rule: string }) => p.rule === 'F1')).toMatchObject({ comparison: 'match', witnesses: [{ cell: 'C1/V1c', traceFile: 'fake/C1/V1c/D2/trace.md' }] });
    const outside = json.rows.find((r: { label: string; scenario: string }) => r.scenario === 'C1' && r.label === 'ext4-outside');
    expect(outside.judgements).toEqual([
      { rule: 'F3', target: 'D1', comparison: 'match' },
      { rule: 'F3', target: 'D2', comparison: 'match' },
    ]);
    const md = files.get('matrix.md')!;
    expect(md).toContain('## Profile fake: a fake kernel');
    expect(md).toContain('| V1c | conversion-handle=reserved |');
    expect(md).toContain('| V0 (counterfactual) | defaults |');
    expect(md).toContain('**not found ≠**');
    expect(md).toContain('not applicable: scenario C6 is not part of the fake catalogue');
    expect(c.err.join('')).toMatch(/matrix: 12\/12 cells/);
  });

  it('--no-counterfactual leaves the counterfactual versions out', async () => {
    const c = capture(tmp);
    expect(await cmd(['--out', 'r1b', '--no-counterfactual', '--json'], c.io)).toBe(0);
    const json = JSON.parse(c.out.join(''));
    expect(json.rows.map((r: { variant: string }) => r.variant)).not.toContain('V0');
    expect(json.counts.runs).toBe(8);
  });

  it('two runs in a row leave the folder byte-identical apart from timings.json', async () => {
    await cmd(['--out', 'r2', '--jobs', '2'], capture(tmp).io);
    const a = snapshot(join(tmp, 'r2'));
    await cmd(['--out', 'r2', '--jobs', '1'], capture(tmp).io);
    const b = snapshot(join(tmp, 'r2'));
    a.delete('timings.json');
    b.delete('timings.json');
    expect(b).toEqual(a);
    for (const [path, text] of a) {
      expect(text, path).not.toContain(tmp);
      expect(text, path).not.toMatch(/20\d\d-\d\d-\d\d/);
    }
  });

  it('a subset run removes the traces of cells it no longer has', async () => {
    await cmd(['--out', 'r3'], capture(tmp).io);
    expect(existsSync(join(tmp, 'r3/fake/C1/V1c/D2/trace.md'))).toBe(true);
    await cmd(['--out', 'r3', '--variant', 'ext4-outside'], capture(tmp).io);
    expect(existsSync(join(tmp, 'r3/fake/C1/V1c/D2/trace.md'))).toBe(false);
    expect(existsSync(join(tmp, 'r3/fake/C1/V1c'))).toBe(false);
    expect(JSON.parse(readFileSync(join(tmp, 'r3/matrix.json'), 'utf8')).traceFiles).toEqual([]);
  });

  it('Ctrl-C during the run leaves the results folder untouched (exit 3)', async () => {
    const dir = join(tmp, 'r4');
    mkdirSync(dir);
    writeFileSync(join(dir, 'matrix.md'), 'old\n');
    const c = capture(tmp, (fire) => setTimeout(fire, 0));
    const code = await cmd(['--out', 'r4'], c.io);
    expect(code).toBe(3);
    expect(c.err.join('')).toContain('interrupted');
    expect(snapshot(dir)).toEqual(new Map([['matrix.md', 'old\n']]));
  });

  it('Ctrl-C after the first finished cell stops the workers and writes nothing (exit 3)', async () => {
    const dir = join(tmp, 'r5');
    let fire: (() => void) | undefined;
    const c = capture(tmp, (h) => (fire = h));
    const io = { ...c.io, err: (s: string) => (c.err.push(s), s.startsWith('matrix: ') ? fire?.() : undefined) };
    const code = await cmd(['--out', 'r5', '--jobs', '1'], io);
    expect(code).toBe(3);
    expect(c.err.join('')).toMatch(/interrupted after \d+\/12 cells/);
    expect(existsSync(dir)).toBe(false);
  });

  it('bad names give one line listing the valid names, exit 2', async () => {
    const v = capture(tmp);
    expect(await cmd(['--variant', 'V9', '--out', 'part'], v.io)).toBe(2);
    expect(v.err).toEqual(["zrcheck: unknown variant 'V9' for profile fake; valid variants: V0, V1c, ext4-outside (see: zrcheck matrix --help)\n"]);
    const p = capture(tmp);
    expect(await cmd(['--profile', 'xfs', '--out', 'part'], p.io)).toBe(2);
    expect(p.err).toEqual(["zrcheck: unknown profile 'xfs'; valid profiles: fake (see: zrcheck matrix --help)\n"]);
    const cf = capture(tmp);
    expect(await cmd(['--variant', 'V0', '--no-counterfactual', '--out', 'part'], cf.io)).toBe(2);
    expect(cf.err.join('')).toContain("variant 'V0' is counterfactual on profile fake: no kernel ships V0 with this fake; add --counterfactual to run it");
    const s = capture(tmp);
    expect(await cmd(['--scenario', 'C1', '--scenario', 'Cx', '--out', 'part'], s.io)).toBe(2);
    expect(s.err).toEqual(["zrcheck: unknown scenario 'Cx'; valid scenarios: C1, C6 (see: zrcheck matrix --help)\n"]);
    // A restricted matrix never overwrites the full results/ without --out naming where it goes.
    const r = capture(tmp);
    expect(await cmd(['--scenario', 'C1'], r.io)).toBe(2);
    expect(r.err.join('')).toMatch(/--profile\/--variant\/--scenario\/--no-counterfactual run a part of the matrix: name where it goes with --out DIR/);
    for (const bad of [['--jobs', '0'], ['--jobs', 'two'], ['--frobnicate'], ['--out'], ['C1']]) {
      const b = capture(tmp);
      expect(await cmd(bad, b.io), bad.join(' ')).toBe(2);
      expect(b.err.join(''), bad.join(' ')).toMatch(/^zrcheck: /);
    }
    expect(existsSync(join(tmp, 'results'))).toBe(false);
    expect(existsSync(join(tmp, 'part'))).toBe(false);
  });

  it('an --out it cannot write is refused before any cell runs, in a second', async () => {
    for (const out of ['/proc/nope', '/dev/null/x']) {
      const b = capture(tmp);
      const t0 = performance.now();
      expect(await cmd(['--out', out], b.io), out).toBe(2);
      expect(b.err.join('')).toMatch(new RegExp(`--out ${out}: (cannot write into|.*not a folder)`));
      expect(performance.now() - t0).toBeLessThan(5000);
    }
  });

  it('parses repeated and --flag=value arguments; --help prints the long help', async () => {
    const c = capture(tmp);
    expect(await parseMatrixArgs(['--profile=ext4-bh', '--variant=V2', '--variant', 'V3', '--scenario=C1', '--jobs=3', '--json', '--out=x'], c.io)).toEqual({
      out: 'x',
      jobs: 3,
      profiles: ['ext4-bh'],
      variants: ['V2', 'V3'],
      scenarios: ['C1'],
      counterfactual: true,
      json: true,
      strict: false,
      resume: false,
      por: false,
    });
    expect(await parseMatrixArgs(['--help'], c.io)).toBe(0);
    expect(c.out.join('')).toContain('Exit: 0 done');
  });
});

describe('atomic writes', () => {
  it('an interrupt before the rename phase leaves old files and no temporaries', () => {
    const dir = join(tmp, 'a1');
    mkdirSync(dir);
    writeFileSync(join(dir, 'matrix.md'), 'old\n');
    let polls = 0;
    const r = writeFilesAtomically(
      dir,
      [
        { path: 'matrix.md', content: 'new\n' },
        { path: 'C1/V2/D1/trace.md', content: 'trace\n' },
        { path: 'matrix.json', content: '{}\n' },
      ],
      { interrupted: () => ++polls > 2 },
    );
    expect(r.kind).toBe('interrupted');
    expect(snapshot(dir)).toEqual(new Map([['matrix.md', 'old\n']]));
  });

  it('a failing write cleans up its temporaries and changes nothing', () => {
    const dir = join(tmp, 'a2');
    mkdirSync(join(dir, 'blocked'), { recursive: true });
    writeFileSync(join(dir, 'matrix.md'), 'old\n');
    // 'blocked/x' cannot be created under a regular file: make 'blocked' a file in a sibling
    writeFileSync(join(dir, 'file'), 'f');
    const r = writeFilesAtomically(dir, [
      { path: 'matrix.md', content: 'new\n' },
      { path: 'file/x.md', content: 'cannot\n' },
    ]);
    expect(r.kind).toBe('failed');
    expect(snapshot(dir)).toEqual(new Map([['file', 'f'], ['matrix.md', 'old\n']]));
  });

  it('refuses paths that leave the folder', () => {
    const dir = join(tmp, 'a3');
    const r = writeFilesAtomically(dir, [{ path: '../escape.md', content: 'x' }]);
    expect(r.kind).toBe('failed');
    expect(existsSync(join(tmp, 'escape.md'))).toBe(false);
  });
});

describe('zrcheck matrix on the kernel model (small subset)', () => {
  it('ext4-iomap C1 x {V1c, next-v2}: V1c deadlocks by C1-no-batch through Z -> W -> C -> Z, next-v2 holds', async () => {
    const c = capture(tmp);
    const code = await matrixCommand(['--out', 'k1', '--profile', 'ext4-iomap', '--scenario', 'C1', '--variant', 'V1c', '--variant', 'next-v2', '--json'], c.io);
    expect(code).toBe(0);
    const data = JSON.parse(c.out.join(''));
    const v1c = data.rows.find((r: { label: string }) => r.label === 'V1c');
    expect(v1c.cells.D2).toMatchObject({ status: 'violated', mechanism: 'C1-no-batch' });
    expect(v1c.cells.D2.waitFor).toMatch(/->/);
    expect(v1c.cells.D1.status).toBe('violated');
    expect(v1c.found).toContain('D2:C1-no-batch');
    const next = data.rows.find((r: { label: string }) => r.label === 'next-v2');
    expect(next.cells.D1.status).toBe('holds');
    expect(next.cells.D2.status).toBe('holds');
    // every deadlock and D1 violation written comes with its wait-for explanation
    for (const row of data.rows) {
      for (const [p, cell] of Object.entries({ ...row.cells, ...row.mechanisms } as Record<string, { status: string; traceFile?: string }>)) {
        if (cell.status !== 'violated' || !/^D[12](:|$)/.test(p)) continue;
        const text = readFileSync(join(tmp, 'k1', cell.traceFile!), 'utf8');
        expect(text, cell.traceFile).toContain('## Wait-for');
        expect(text, cell.traceFile).toMatch(/Wait-for cycle \(\d threads\)/);
      }
    }
    expect(readFileSync(join(tmp, 'k1', 'claims.md'), 'utf8')).toContain('# Claims of the thread');
  });
});

describe('assembly does not depend on the order results arrive in', () => {
  const catalog: Catalog = {
    profiles: [
      {
        id: 'p',
        title: 'p',
        cite: '-',
        versions: [{ id: 'V1c' }, { id: 'V2' }],
        counterfactualVersions: [],
        assumptions: [{ id: 'fill-flag', values: ['always', 'if-found'], default: 'always' }],
      },
    ],
    scenarios: [{ id: 'C1' }, { id: 'C3' }],
    properties: [{ id: 'D1' }, { id: 'D2' }],
    mechanisms: [{ id: 'm', properties: ['D2'] }],
    expectations: [
      { id: 'X1', profiles: ['p'], versions: ['V2'], targets: ['D2'], expect: 'absent', basis: 'stated', cite: '-' },
      { id: 'X2', profiles: ['p'], versions: ['V1c'], targets: ['D2:m'], expect: 'present', basis: 'stated', cite: '-' },
    ],
    aliases: {},
    kernel: false,
    build: () => ({ ok: false, error: 'unused' }),
  };
  const results: CellResult[] = [];
  for (const scenario of ['C1', 'C3'])
    for (const variant of ['V1c', 'V2'])
      for (const assumptions of [{}, { 'fill-flag': 'if-found' }] as Record<string, string>[]) {
        const bad = variant === 'V1c' || (scenario === 'C3' && 'fill-flag' in assumptions);
        results.push({
          profile: 'p',
          scenario,
          variant,
          assumptions,
          ms: 1,
          outcome: {
            kind: 'checked',
            verdict: bad ? 'violated' : 'holds',
            states: 10,
            transitions: 12,
            depth: 4,
            collisionProbability: 1e-18,
            files: [],
            properties: {
              D1: { status: 'holds' },
              D2: bad ? { status: 'violated', kind: 'deadlock', traceLength: 5, traceFile: `p/${scenario}/${variant}/D2/trace.md`, mechanism: 'm' } : { status: 'holds' },
            },
            mechanisms: {},
          },
        });
      }
  const render = (rs: readonly CellResult[]) => {
    const d = assembleMatrix(catalog, rs);
    return stableJson(d) + renderMatrixMarkdown(d);
  };
  const reference = render(results);

  fcTest.prop([fc.shuffledSubarray(results, { minLength: results.length })])('any arrival order gives the same bytes', (shuffled) => {
    expect(render(shuffled)).toBe(reference);
  });

  it('keeps an assumption row where it changes an answer or contradicts an expectation', () => {
    const d = assembleMatrix(catalog, results);
    expect(d.rows.map((r) => `${r.scenario}/${r.label}`)).toEqual(['C1/V1c', 'C1/V2', 'C3/V1c', 'C3/V2', 'C3/V2+fill-flag=if-found']);
    expect(d.rows.at(-1)!.changes).toEqual(['D2', 'D2:m']);
    // X1 says V2 never deadlocks: the if-found row contradicts it, with its trace.
    expect(d.mismatches).toEqual([
      expect.objectContaining({ profile: 'p', scenario: 'C3', label: 'V2+fill-flag=if-found', target: 'D2', found: 'violated', traceFile: 'p/C3/V2/D2/trace.md' }),
    ]);
    // X2 (present) is judged across V1c's default cells and found in both.
    expect(d.presence).toEqual([expect.objectContaining({ rule: 'X2', comparison: 'match', judged: ['C1', 'C3'] })]);
  });
});

describe('committed results/', () => {
  const committed = fileURLToPath(new URL('../../results', import.meta.url));
  it.skipIf(!existsSync(join(committed, 'matrix.json')))('equal a fresh `zrcheck matrix` run (else: run `npm run matrix` and commit results/)', async () => {
    const code = await matrixCommand(['--out', 'fresh'], capture(tmp).io);
    expect(code).toBe(0);
    const fresh = snapshot(join(tmp, 'fresh'));
    const old = snapshot(committed);
    fresh.delete('timings.json');
    old.delete('timings.json');
    const stale = [...new Set([...fresh.keys(), ...old.keys()])].filter((k) => fresh.get(k) !== old.get(k)).sort();
    expect(stale, 'results/ is stale: run `npm run matrix` and commit results/').toEqual([]);
  });
});
