import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ExactTable } from '../../src/explorer/exactTable.ts';
import { FingerprintTable, prefault } from '../../src/explorer/fingerprintTable.ts';
import { SharedFingerprintTable } from '../../src/explorer/parallel/sharedTable.ts';
import { BoundedCache } from '../../src/explorer/boundedCache.ts';
import { ParentLog, ROOT } from '../../src/explorer/parentLog.ts';
import { StateQueue } from '../../src/explorer/stateQueue.ts';
import { collisionProbability } from '../../src/explorer/fingerprint.ts';

const W = 3;
const stateArb = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: W, maxLength: W }).map((a) => Uint32Array.from(a));

describe('visited sets against a Set reference', () => {
  test.prop([fc.array(stateArb, { maxLength: 400 })])('fingerprint table adds exactly what a Set adds (through growth)', (states) => {
    const t = new FingerprintTable(W, 16);
    const ref = new Set<string>();
    for (const s of states) {
      const k = s.join(',');
      expect(t.add(s)).toBe(!ref.has(k));
      ref.add(k);
      expect(t.has(s)).toBe(true);
      expect(t.size).toBe(ref.size);
    }
  });

  test.prop([fc.array(stateArb, { maxLength: 400 })])('exact table adds exactly what a Set adds, all-zero state included', (states) => {
    const t = new ExactTable(W, 16);
    const ref = new Set<string>();
    for (const s of states) {
      const k = s.join(',');
      expect(t.add(s)).toBe(!ref.has(k));
      ref.add(k);
      expect(t.size).toBe(ref.size);
    }
    for (const k of ref) expect(t.has(Uint32Array.from(k.split(',').map(Number)))).toBe(true);
  });

  test.prop([fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 300 }), fc.integer({ min: 4, max: 64 })])(
    'bounded cache never holds more than its capacity and remembers the last insert',
    (fps, cap) => {
      const c = new BoundedCache(cap);
      for (const [lo, hi] of fps) {
        const x = (lo | 1) >>> 0;
        c.insert(x, hi);
        expect(c.has(x, hi)).toBe(true);
        expect(c.size).toBeLessThanOrEqual(c.capacity);
      }
    },
  );

  test('the fingerprint table refuses to grow when the budget says no, and stays unchanged', () => {
    const asked: number[] = [];
    const t = new FingerprintTable(1, 16, (bytes) => (asked.push(bytes), false));
    let added = 0;
    expect(() => {
      for (let i = 0; i < 100; i++) if (t.add(Uint32Array.of(i))) added++;
    }).toThrow(/growth to 192 bytes/);
    expect(asked).toEqual([24 * 8]);
    expect(t.size).toBe(added);
    expect(added).toBe(Math.floor(16 * 0.85));
    expect(t.has(Uint32Array.of(0))).toBe(true);
  });

  test('the fingerprint table keeps at most about 14 bytes per stored state after it grows', () => {
    const t = new FingerprintTable(1, 16);
    for (let i = 0; i < 200_000; i++) {
      t.add(Uint32Array.of(i));
      // right after a growth: 8 bytes a slot, load just over 0.85 / 1.5
      if (i > 1000) expect(t.bytes() - (1 << 18) ).toBeLessThanOrEqual(((i + 1) * 8 * 1.5) / 0.85 + 64);
    }
    for (let i = 0; i < 200_000; i += 997) expect(t.has(Uint32Array.of(i))).toBe(true);
    expect(t.has(Uint32Array.of(200_001))).toBe(false);
  });

  test.prop([fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 300 })])('recent cache: a fingerprint it settles is one the table holds', (fps) => {
    const t = new FingerprintTable(1, 16);
    const ref = new Set<string>();
    const buf = new Uint32Array(2);
    const dup = new Uint8Array(1);
    for (const [a, b] of fps) {
      const lo = (a | 1) >>> 0;
      buf[0] = lo;
      buf[1] = b;
      t.touchAll(buf, 1, dup);
      const k = `${lo},${b}`;
      expect(t.seenRecently(lo, b)).toBe(dup[0] === 1);
      if (dup[0] === 1) expect(ref.has(k)).toBe(true);
      else expect(t.addAndRemember(lo, b)).toBe(!ref.has(k));
      ref.add(k);
      expect(t.seenRecently(lo, b)).toBe(true);
    }
  });

  test.prop([fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 1500 }), fc.boolean()])(
    'touchAll over a whole batch (past its first 512 homes) marks exactly what the recent cache holds, in the sequential and the shared table',
    (pairs, shared) => {
      const fps = Uint32Array.from(pairs.flatMap(([a, b]) => [(a | 1) >>> 0, (b | 1) >>> 0]));
      const n = pairs.length;
      const seq = new FingerprintTable(1, 16);
      const par = new SharedFingerprintTable(SharedFingerprintTable.allocate(4096));
      // Remember every other fingerprint first, so some of the batch is settled and some not.
      for (let p = 0; p < n; p += 2) {
        seq.addAndRemember(fps[2 * p]!, fps[2 * p + 1]!);
        par.insert(fps[2 * p]!, fps[2 * p + 1]!);
      }
      const dup = new Uint8Array(n);
      const t = shared ? par : seq;
      t.touchAll(fps, n, dup);
      for (let p = 0; p < n; p++) {
        const lo = fps[2 * p]!;
        const hi = fps[2 * p + 1]!;
        if (!shared) expect(dup[p]).toBe(seq.seenRecently(lo, hi) ? 1 : 0);
        // Only fingerprints added before can be settled; every one added last in its recent slot is.
        if (dup[p] === 1) expect(pairs.some(([a, b], q) => q % 2 === 0 && (a | 1) >>> 0 === lo && (b | 1) >>> 0 === hi)).toBe(true);
      }
      expect(dup[n - 1 - ((n - 1) % 2)]).toBe(1);
    },
  );

  test('collision estimate follows TLC: n(m-n)/2^64', () => {
    expect(collisionProbability(1e6, 5e6)).toBeCloseTo((1e6 * 4e6) / 2 ** 64, 20);
    expect(collisionProbability(10, 5)).toBe(0);
  });
});

describe('prefault', () => {
  test.prop([fc.integer({ min: 0, max: 5000 }), fc.boolean()])('returns the same fresh table, still all zero (it only maps pages)', (length, shared) => {
    const t = shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Uint32Array(length);
    expect(prefault(t)).toBe(t);
    expect(t.every((w) => w === 0)).toBe(true);
  });
});

describe('state queue and parent log', () => {
  test.prop([fc.array(fc.oneof(stateArb, fc.constant(null)), { maxLength: 3000 })])('the queue is FIFO across chunk boundaries', (ops) => {
    const q = new StateQueue(W);
    const ref: Uint32Array[] = [];
    const out = new Uint32Array(W);
    for (const op of ops) {
      if (op === null) {
        if (ref.length === 0) continue;
        q.shift(out);
        expect([...out]).toEqual([...ref.shift()!]);
      } else {
        q.push(op);
        ref.push(op);
      }
      expect(q.length).toBe(ref.length);
    }
  });

  test('a long queue keeps order past one 16k-state chunk', () => {
    const q = new StateQueue(1);
    const out = new Uint32Array(1);
    for (let i = 0; i < 40000; i++) q.push(Uint32Array.of(i));
    for (let i = 0; i < 40000; i++) {
      q.shift(out);
      expect(out[0]).toBe(i);
    }
  });

  test.prop([fc.array(fc.nat(300), { minLength: 1, maxLength: 200 })])('pathTo walks parents back to the root, ranks of any size', (ranks) => {
    const log = new ParentLog();
    log.push(ROOT, 2);
    for (let i = 0; i < ranks.length; i++) log.push(i, ranks[i]!);
    expect(log.pathTo(ranks.length)).toEqual({ initial: 2, ranks });
  });

  test.prop([fc.array(fc.tuple(fc.nat(600), fc.nat(300)), { minLength: 1, maxLength: 2000 }), fc.integer({ min: 1, max: 3 })])(
    'every parent and rank reads back: small and large jumps, decreasing parents, several roots',
    (steps, roots) => {
      const log = new ParentLog();
      const parents: number[] = [];
      const ranks: number[] = [];
      for (let r = 0; r < roots; r++) {
        log.push(ROOT, r);
        parents.push(ROOT);
        ranks.push(r);
      }
      let p = 0;
      for (const [jump, rank] of steps) {
        // mostly increasing by small steps, sometimes a big jump, sometimes backwards
        p = jump > 590 ? Math.max(0, p - jump) : jump > 500 ? p + jump * 3 : p + (jump % 3);
        const parent = Math.min(p, parents.length - 1);
        log.push(parent, rank);
        parents.push(parent);
        ranks.push(rank);
      }
      for (let n = 0; n < parents.length; n++) {
        expect(log.parentOf(n)).toBe(parents[n]);
        expect(log.rankOf(n)).toBe(ranks[n]);
      }
    },
  );
});

describe('parent log size', () => {
  test('about 2 bytes a state when parents rise by small steps; records survive chunk boundaries', () => {
    const log = new ParentLog();
    log.push(ROOT, 0);
    // Three full chunks of 2^18 records: no slack left in the last one.
    const n = 3 * 262_144;
    for (let i = 1; i < n; i++) log.push(i >>> 2, i % 7);
    expect(log.bytes()).toBeLessThan(n * 2.1);
    for (const n of [1, 255, 256, 257, 1023, 1024, 1025, 262_143, 262_144, 786_431]) {
      expect(log.parentOf(n)).toBe(n >>> 2);
      expect(log.rankOf(n)).toBe(n % 7);
    }
    const small = new ParentLog();
    small.push(ROOT, 0);
    expect(small.bytes()).toBeLessThanOrEqual(1024 * 2 + 256);
  });
});
