/**
 * A fault of the parallel search itself is kept apart from the model's errors: a search thread
 * that meets a SearchThreadError (or fails between rounds, failInternal) records it as
 * internal, with its own message, not as "enabled (the guards) threw", and never blames the
 * phase or action the thread happened to be in.
 */
import { describe, expect, it } from 'vitest';
import zrWbJc from '../../../examples/zr-wb-jc.ts';
import { createPool } from '../../../src/explorer/parallel/pool.ts';
import { Participant } from '../../../src/explorer/parallel/participant.ts';
import { SearchThreadError } from '../../../src/explorer/parallel/searchThreadError.ts';
import { SharedFingerprintTable } from '../../../src/explorer/parallel/sharedTable.ts';

function participant(): Participant {
  const model = zrWbJc({ NZR: 1, NP: 1 });
  const pool = createPool({ module: 'unused', exportName: 'unused', arg: {} }, 1);
  return new Participant(model, pool.ctrl, pool.stats, pool.arenas, SharedFingerprintTable.allocate(64), { id: 0, n: 1, maxProperties: pool.maxProperties, deadlock: 'stuck', stopAtFirst: true });
}

describe('SearchThreadError', () => {
  it('is recorded as internal, with its message, wherever it is met', () => {
    const p = participant();
    p.fail(new SearchThreadError('table 4 was not posted'), 7);
    expect(p.error?.internal).toBe(true);
    expect(p.error?.error.message).toBe('internal: table 4 was not posted');
    expect(p.error?.at).toBeUndefined();
  });
  it('failInternal makes any error internal', () => {
    const p = participant();
    p.failInternal(new Error('bookkeeping'));
    expect(p.error?.internal).toBe(true);
    expect(p.error?.error.message).toBe('internal: bookkeeping');
  });
  it("a model's error stays a model error", () => {
    const p = participant();
    p.fail(new Error('bad guard'), 7);
    expect(p.error?.internal).toBeUndefined();
    expect(p.error?.error.message).toBe('enabled (the guards) threw: bad guard');
  });
});
