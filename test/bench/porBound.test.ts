/**
 * bench/porBound.ts, the measurement behind issue 12's note: how far any footprint-based POR
 * could reduce the kernel scenarios. Checked here: it runs over every planned matrix cell,
 * its full graphs have check()'s state counts (the script itself stops otherwise), the sound
 * bounds (smallest persistent sets) lose no deadlock and no violated property while the
 * unsound thread rule does, the bounds are ordered as their definitions say, and the finding
 * the note reports still stands: no sound bound reaches 5x on the largest scenario.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A bound summed over models (total) or of one model (largest: propertiesMissed instead). */
interface Bound {
  readonly states: number;
  readonly deadlocksMissed: number;
  readonly modelsMissingProperty?: number;
  readonly propertiesMissed?: readonly string[];
}
interface Sum {
  readonly full: number;
  readonly bound: Record<'thread' | 'persistent' | 'persistentLevel' | 'persistentNone', Bound>;
}

describe('npx tsx bench/porBound.ts --json', () => {
  it('bounds the reduction of every kernel scenario; no sound bound reaches 5x on the largest', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/porBound.ts', '--json'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: { full: number; check: { full: number } }[]; total: Sum & { models: number }; largest: Sum };
    expect(out.total.models).toBeGreaterThanOrEqual(138);
    for (const row of out.rows) expect(row.full).toBe(row.check.full);
    for (const sum of [out.total, out.largest]) {
      const b = sum.bound;
      for (const sound of [b.persistent, b.persistentLevel, b.persistentNone]) {
        expect(sound.deadlocksMissed).toBe(0);
        expect(sound.modelsMissingProperty ?? sound.propertiesMissed?.length).toBe(0);
        expect(sound.states).toBeLessThanOrEqual(sum.full);
      }
      // No proviso is the least of the three; the unsound thread rule goes below all of them.
      expect(b.persistentNone.states).toBeLessThanOrEqual(b.persistentLevel.states);
      expect(b.persistentLevel.states).toBeLessThanOrEqual(b.persistent.states);
      expect(b.thread.states).toBeLessThanOrEqual(b.persistentNone.states);
    }
    expect(out.total.bound.thread.deadlocksMissed).toBeGreaterThan(0);
    expect(out.largest.full / out.largest.bound.persistentNone.states).toBeLessThan(5);
  });
});
