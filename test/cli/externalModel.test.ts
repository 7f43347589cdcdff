/**
 * A model written outside the repository, the way the README tells a new user to: an empty
 * folder (no package.json, so Node would call a .ts or .js file CommonJS), `import ... from
 * 'zrcheck'`, params declared. It must load as ESM, check, and refuse a misspelled --param.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/zrcheck.js', import.meta.url));

const MODEL = `import { defineLayout, defineModel, intParam, oneOf, range, ruleset, type ParamsOf } from 'zrcheck';
import { philosophersAt } from './helper.ts';

export const params = { N: intParam(3, { min: 2, max: 6 }) };

export default function dining({ N }: ParamsOf<typeof params>) {
  const L = defineLayout({ phase: oneOf(['THINKING', 'HUNGRY', 'EATING'], N), fork: range(-1, N - 1, N) });
  const { phase, fork } = L.fields;
  const left = (i: number) => i;
  const right = (i: number) => (i + 1) % N;
  return defineModel({
    name: philosophersAt(N),
    layout: L,
    init: (s) => { for (let i = 0; i < N; i++) fork.set(s, -1, i); },
    rules: ruleset(N, (i) => [
      { name: \`hungry[\${i}]\`, thread: \`p\${i}\`, guard: (s) => phase.nameOf(s, i) === 'THINKING', update: (_s, n) => phase.set(n, 'HUNGRY', i) },
      { name: \`takeLeft[\${i}]\`, thread: \`p\${i}\`, guard: (s) => phase.get(s, i) === phase.value('HUNGRY') && fork.get(s, left(i)) === -1, update: (_s, n) => fork.set(n, i, left(i)) },
      { name: \`takeRight[\${i}]\`, thread: \`p\${i}\`, guard: (s) => fork.get(s, left(i)) === i && fork.get(s, right(i)) === -1, update: (_s, n) => { fork.set(n, i, right(i)); phase.set(n, 'EATING', i); } },
    ]),
    waitsFor: (s, t) => phase.get(s, t) === phase.value('HUNGRY') && fork.get(s, left(t)) === t ? { kind: 'fork', what: \`fork \${right(t)}\`, on: [fork.get(s, right(t))] } : undefined,
  });
}
`;

function run(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

describe('a model in an empty folder outside the repository', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zrcheck-user-'));
  writeFileSync(join(dir, 'dining.ts'), MODEL);
  writeFileSync(join(dir, 'helper.ts'), 'export const philosophersAt = (n: number) => `dining(${n})`;\n');

  test('imports the API from zrcheck, loads as ESM, checks: the classic deadlock with its cycle', () => {
    const r = run(dir, ['check', 'dining.ts', '--param', 'N=3']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/model dining\(3\)/);
    expect(r.stdout).toMatch(/deadlock\s+VIOLATED \(6-step trace\)/);
    expect(r.stdout).toMatch(/Wait-for cycle \(3 threads\): p0 -> p1 -> p2 -> p0/);
  });

  test('a misspelled or malformed --param is refused, naming the declared ones', () => {
    const typo = run(dir, ['check', 'dining.ts', '--param', 'n=3']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/unknown parameter n; declared: N \(int 2..6, default 3\)/);
    const bad = run(dir, ['check', 'dining.ts', '--param', 'N=9']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/parameter N=9 is outside 2..6/);
  });

  test('plain JavaScript in a CommonJS folder loads too', () => {
    const js = mkdtempSync(join(tmpdir(), 'zrcheck-user-js-'));
    writeFileSync(join(js, 'package.json'), '{ "type": "commonjs" }\n');
    writeFileSync(
      join(js, 'count.js'),
      `import { defineLayout, defineModel, range } from 'zrcheck';
const L = defineLayout({ x: range(0, 3) });
export default defineModel({ name: 'count', layout: L, rules: [{ name: 'inc', thread: 't', guard: (s) => L.fields.x.get(s) < 3, update: (s, n) => L.fields.x.set(n, L.fields.x.get(s) + 1) }], isValidEnd: () => true });
`,
    );
    const r = run(js, ['check', 'count.js']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/distinct states\s+4/);
  });
});
