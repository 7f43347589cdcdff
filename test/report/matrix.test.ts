import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeMatrixCommand, matrixCommand, parseMatrixArgs } from '../../src/cli/commands/matrix.ts';
import { writeFilesAtomically } from '../../src/report/atomicWrite.ts';
import { lookupExpectation } from '../../src/properties/expectations.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { fc, test as fcTest } from '@fast-check/vitest';
import { assembleMatrix, matrixJsonView, stableJson } from '../../src/report/matrixAssemble.ts';
import { renderMatrixMarkdown } from '../../src/report/matrixMarkdown.ts';
import type { Catalog } from '../../src/report/matrixCatalog.ts';
import type { CellResult } from '../../src/report/matrixTypes.ts';

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

  it('writes matrix.md, matrix.json and one trace per violated cell, each with its wait-for cycle', async () => {
    const c = capture(tmp);
    const code = await cmd(['--out', 'r1', '--jobs', '2'], c.io);
    // The fake breaks the real expectation E27 under reserved conversion handles: a finding,
    // listed, exit 0; with --strict the mismatch fails the run.
    expect(code).toBe(0);
    expect(c.out.join('')).toContain('mismatch C1/V1c+conversion-handle=reserved/D2: zrcheck holds, expected violated (E27');
    expect(await cmd(['--out', 'r1', '--strict'], capture(tmp).io)).toBe(1);
    const files = snapshot(join(tmp, 'r1'));
    expect([...files.keys()].sort()).toEqual([
      'C1/V1c+conversion-handle=reserved/D1/trace.itf.json',
      'C1/V1c+conversion-handle=reserved/D1/trace.md',
      'C1/V1c/D1/trace.itf.json',
      'C1/V1c/D1/trace.md',
      'C1/V1c/D2/trace.itf.json',
      'C1/V1c/D2/trace.md',
      'matrix.json',
      'matrix.md',
      'timings.json',
    ]);
    const deadlock = files.get('C1/V1c/D2/trace.md')!;
    expect(deadlock).toContain('Wait-for cycle (3 threads): Z -> W -> C -> Z');
    expect(deadlock).toContain('lockdep: CANNOT SEE');
    // thread columns with the kernel function and spec section of each step (traceMarkdown.ts)
    expect(deadlock).toMatch(/\| 1 \| `Z start handle`<br>jbd2__journal_start<br>\[B\.7\] \|/);
    expect(deadlock).toContain('replay: `zrcheck replay trace.itf.json`');
    expect(JSON.parse(files.get('C1/V1c/D2/trace.itf.json')!)['#meta'].format).toBe('ITF');
    const d1 = files.get('C1/V1c/D1/trace.md')!;
    expect(d1).toContain('Z waits; the cycle closes after 1 more step: C lock');
    const d1Reserved = files.get('C1/V1c+conversion-handle=reserved/D1/trace.md')!;
    expect(d1Reserved).toContain('no continuation closes a wait-for cycle through Z');
    const json = JSON.parse(files.get('matrix.json')!);
    const row = json.rows.find((r: { label: string; scenario: string }) => r.scenario === 'C1' && r.label === 'V1c');
    expect(row.cells.D2.verdict).toMatchObject({ status: 'violated', traceLength: 3, waitFor: 'Z -> W -> C -> Z', lockdepInvisible: 1 });
    expect(row.cells.D5.verdict.status).toBe('n/a');
    expect(json.findings).toEqual([
      {
        setting: 'conversion-handle=reserved',
        assumptions: { 'conversion-handle': 'reserved' },
        defaults: { 'conversion-handle': 'normal' },
        tried: 4,
        changed: [{ scenario: 'C1', variant: 'V1c', properties: ['D2'] }],
      },
    ]);
    const md = files.get('matrix.md')!;
    expect(md).toContain('| V1c | conversion-handle=reserved |');
    expect(md).toContain('**≠E27**');
    expect(md).toContain('not applicable: scenario C6 is not part of the fake catalogue');
    expect(c.err.join('')).toMatch(/matrix: 8\/8 cells/);
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
    expect(existsSync(join(tmp, 'r3/C1/V1c/D2/trace.md'))).toBe(true);
    await cmd(['--out', 'r3', '--variant', 'ext4-outside'], capture(tmp).io);
    expect(existsSync(join(tmp, 'r3/C1/V1c/D2/trace.md'))).toBe(false);
    expect(existsSync(join(tmp, 'r3/C1/V1c'))).toBe(false);
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
    expect(c.err.join('')).toMatch(/interrupted after \d+\/8 cells/);
    expect(existsSync(dir)).toBe(false);
  });

  it('bad names give one line listing the valid names, exit 2', async () => {
    const v = capture(tmp);
    expect(await cmd(['--variant', 'V9', '--out', 'part'], v.io)).toBe(2);
    expect(v.err).toEqual(["zrcheck: unknown variant 'V9'; valid variants: V1c, ext4-outside (see: zrcheck matrix --help)\n"]);
    const s = capture(tmp);
    expect(await cmd(['--scenario', 'C1', '--scenario', 'Cx', '--out', 'part'], s.io)).toBe(2);
    expect(s.err).toEqual(["zrcheck: unknown scenario 'Cx'; valid scenarios: C1, C6 (see: zrcheck matrix --help)\n"]);
    // A restricted matrix never overwrites the full results/ without --out naming where it goes.
    const r = capture(tmp);
    expect(await cmd(['--scenario', 'C1'], r.io)).toBe(2);
    expect(r.err.join('')).toMatch(/--variant\/--scenario run a part of the matrix: name where it goes with --out DIR/);
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

  it('parses repeated and --flag=value arguments; --help prints the long help', () => {
    const c = capture(tmp);
    expect(parseMatrixArgs(['--variant=V2', '--variant', 'V3', '--scenario=C1', '--jobs=3', '--json', '--out=x'], c.io)).toEqual({
      out: 'x',
      jobs: 3,
      variants: ['V2', 'V3'],
      scenarios: ['C1'],
      json: true,
      strict: false,
    });
    expect(parseMatrixArgs(['--help'], c.io)).toBe(0);
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

describe('expectations table', () => {
  const defaults = { 'conversion-handle': 'normal', 'fill-flag': 'always', 'pre-zero': 'yes', 'lock-order': 'folio-then-handle', 'isize-zeroing': 'yes' };
  it('conditional rows win over unconditional ones', () => {
    expect(lookupExpectation({ scenario: 'C4', variant: 'V3', assumptions: defaults }, 'D2')?.expect).toBe('holds');
    expect(lookupExpectation({ scenario: 'C4', variant: 'V3', assumptions: { ...defaults, 'fill-flag': 'if-found' } }, 'D2')).toMatchObject({
      expect: 'violated',
      basis: 'stated',
    });
  });
  it('transcribes spec D1/D2 for the C.3 corner case', () => {
    const at = (variant: string, p: string) => lookupExpectation({ scenario: 'C3', variant, assumptions: defaults }, p)?.expect;
    expect(['V1c', 'V2', 'V2a', 'V3', 'V4', 'ext4-outside'].map((v) => at(v, 'D2'))).toEqual(['violated', 'violated', 'holds', 'violated', 'holds', 'holds']);
    expect(at('V2', 'D1')).toBe('violated');
    expect(lookupExpectation({ scenario: 'C3', variant: 'V2', assumptions: defaults }, 'D1')!.cite).toContain('spec D1');
  });
  it('has no expectation where the spec is silent', () => {
    expect(lookupExpectation({ scenario: 'C1', variant: 'V2', assumptions: defaults }, 'D6')).toBeUndefined();
  });
});

describe('zrcheck matrix on the kernel model (small subset)', () => {
  it('C1 x {V1c, ext4-outside}: V1c deadlocks through Z -> W -> C -> Z, ext4-outside holds', async () => {
    const c = capture(tmp);
    const code = await matrixCommand(['--out', 'k1', '--scenario', 'C1', '--variant', 'V1c', '--variant', 'ext4-outside', '--json'], c.io);
    expect(code).toBe(0);
    const data = JSON.parse(c.out.join(''));
    const v1c = data.rows.find((r: { label: string }) => r.label === 'V1c');
    expect(v1c.cells.D2.verdict.status).toBe('violated');
    expect(v1c.cells.D2.verdict.waitFor).toMatch(/->/);
    expect(v1c.cells.D1.verdict.status).toBe('violated');
    const outside = data.rows.find((r: { label: string }) => r.label === 'ext4-outside');
    expect(outside.cells.D1.verdict.status).toBe('holds');
    expect(outside.cells.D2.verdict.status).toBe('holds');
    // every deadlock and D1 violation written comes with its wait-for explanation
    for (const row of data.rows) {
      for (const [p, cell] of Object.entries(row.cells as Record<string, { verdict: { status: string; traceFile?: string } }>)) {
        if (cell.verdict.status !== 'violated' || !/^D[12]$/.test(p)) continue;
        const text = readFileSync(join(tmp, 'k1', cell.verdict.traceFile!), 'utf8');
        expect(text, cell.verdict.traceFile).toContain('## Wait-for');
        expect(text, cell.verdict.traceFile).toMatch(/Wait-for cycle \(\d threads\)/);
      }
    }
    expect(readFileSync(join(tmp, 'k1', 'claims.md'), 'utf8')).toContain('# Claims of the thread');
  });
});

describe('assembly does not depend on the order results arrive in', () => {
  const catalog: Catalog = {
    versions: [{ id: 'V1c' }, { id: 'V2' }],
    scenarios: [{ id: 'C1' }, { id: 'C3' }],
    assumptions: [{ id: 'fill-flag', values: ['always', 'if-found'], default: 'always' }],
    properties: [{ id: 'D1' }, { id: 'D2' }],
    build: () => ({ ok: false, error: 'unused' }),
  };
  const results: CellResult[] = [];
  for (const scenario of ['C1', 'C3'])
    for (const variant of ['V1c', 'V2'])
      for (const assumptions of [{}, { 'fill-flag': 'if-found' }] as Record<string, string>[]) {
        const bad = variant === 'V1c' || (scenario === 'C3' && 'fill-flag' in assumptions);
        results.push({
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
              D2: bad ? { status: 'violated', kind: 'deadlock', traceLength: 5, traceFile: `${scenario}/${variant}/D2/trace.md` } : { status: 'holds' },
            },
          },
        });
      }
  const render = (rs: readonly CellResult[]) => {
    const d = assembleMatrix(catalog, rs, lookupExpectation);
    return stableJson(matrixJsonView(d)) + renderMatrixMarkdown(d);
  };
  const reference = render(results);

  fcTest.prop([fc.shuffledSubarray(results, { minLength: results.length })])('any arrival order gives the same bytes', (shuffled) => {
    expect(render(shuffled)).toBe(reference);
  });

  it('keeps an assumption row only where it changes an answer', () => {
    const d = assembleMatrix(catalog, results, lookupExpectation);
    expect(d.rows.map((r) => `${r.scenario}/${r.label}`)).toEqual(['C1/V1c', 'C1/V2', 'C3/V1c', 'C3/V2', 'C3/V2+fill-flag=if-found']);
    expect(d.rows.at(-1)!.changes).toEqual(['D2']);
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
