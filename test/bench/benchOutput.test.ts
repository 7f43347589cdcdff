/**
 * What `npm run bench` prints (no speed is asserted here: targets live in the bench's own
 * output): the one-thread and N-thread command-line runs with the recorded counts, the
 * start-up figure for a built-in and a user's model, the buggy counterexample's time, the
 * targets each judged, and a last line of JSON carrying all of it. Run on one quick model
 * without the peer checkers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Debian's system certificate bundle (the file this machine's environment names). */
const CA_FILE = '/etc/ssl/certs/ca-certificates.crt';

describe('npm run bench -- --quick --no-peers --model zr-wb-jc --workers 2', () => {
  it('prints both thread counts, the start-up figures, the counterexample time and the judged targets', () => {
    // NODE_EXTRA_CA_CERTS set, as some environments do (a missing file only makes Node warn), so
    // the start-up is also measured without it whatever environment runs this test.
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: existsSync(CA_FILE) ? CA_FILE : join(root, 'no-such-ca-file.pem') };
    const r = spawnSync(process.execPath, ['bin/zrcheck-bench.js', '--quick', '--no-peers', '--model', 'zr-wb-jc', '--workers', '2'], { cwd: root, encoding: 'utf8', timeout: 300_000, env });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/zr-wb-jc \(NZR=3,NP=3,VARIANT=fixed\): 102,752 states, 381,902 transitions, counts equal the recorded ones/);
    expect(out).toMatch(/zr 1t s\s+zr 2t s\s+2t speed-up/);
    expect(out).toMatch(/start-up \(spawn to first state/);
    for (const label of ['kernel scenario C1/V1c', 'examples/zr-wb-jc.ts', "outside model importing 'zrcheck'"]) {
      // Once as the environment is, once without NODE_EXTRA_CA_CERTS.
      const line = new RegExp(`${label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+\\d+\\.\\d{3} s first state, \\d+\\.\\d{3} s exit`, 'g');
      expect(out.match(line)).toHaveLength(2);
    }
    expect(out.match(/node -e 0 \(Node alone, the floor\)\s+\d+\.\d{3} s exit/g)).toHaveLength(2);
    expect(out).toMatch(/the same without NODE_EXTRA_CA_CERTS, which this environment sets/);
    expect(out).toMatch(/zr-wb-jc buggy \(4,4\) counterexample via CLI: \d+\.\d\d s from spawn to exit \(median of 3; 18-step deadlock\); without NODE_EXTRA_CA_CERTS: \d+\.\d\d s/);
    expect(out).toMatch(/targets \(issue 11\):/);
    expect(out).toMatch(/(met|MISSED)\s+first state <= 0\.3 s: examples\/zr-wb-jc\.ts: \d+\.\d\d s/);
    expect(out).toMatch(/zr and SPIN times: the median of 3 runs each/);
    const last = JSON.parse(out.trim().split('\n').pop()!) as {
      startup: { label: string; status: string; firstStateMs: number }[];
      nodeFloor: { ms: number; runsMs: number[] };
      startupWithout: { removed: string[]; nodeFloor: { ms: number }; runs: { label: string; status: string; firstStateMs: number }[]; buggy: { status: string; traceLength: number } };
      models: { zrcheckCli: { wallMs: number; runsMs: number[] }; zrcheckCliN: { workers: number; states: number } }[];
      buggyCli: { traceLength: number };
      ok: boolean;
    };
    expect(last.ok).toBe(true);
    expect(last.startup).toHaveLength(3);
    for (const s of last.startup) {
      expect(s.status).toBe('ok');
      expect(s.firstStateMs).toBeGreaterThan(0);
    }
    expect(last.nodeFloor.runsMs).toHaveLength(5);
    expect(last.nodeFloor.ms).toBeGreaterThan(0);
    expect(last.startupWithout.removed).toEqual(['NODE_EXTRA_CA_CERTS']);
    expect(last.startupWithout.nodeFloor.ms).toBeGreaterThan(0);
    expect(last.startupWithout.buggy).toMatchObject({ status: 'ok', traceLength: 18 });
    expect(last.startupWithout.runs.map((s) => [s.label, s.status])).toEqual(last.startup.map((s) => [s.label, 'ok']));
    expect(last.models[0]!.zrcheckCliN).toMatchObject({ workers: 2, states: 102_752 });
    // The reported time is the median of the three runs (--repeat's default).
    const { wallMs, runsMs } = last.models[0]!.zrcheckCli;
    expect(runsMs).toHaveLength(3);
    expect(wallMs).toBe([...runsMs].sort((a, b) => a - b)[1]);
    expect(last.buggyCli.traceLength).toBe(18);
  }, 300_000);
});

describe('npm run bench -- --repeat', () => {
  it('refuses a repeat count that is not a whole number from 1 to 99, naming it', () => {
    for (const bad of ['0', '2.5', 'x']) {
      const r = spawnSync(process.execPath, ['bin/zrcheck-bench.js', '--repeat', bad], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--repeat needs a whole number from 1 to 99, got "${bad}"`);
    }
  }, 120_000);
});
