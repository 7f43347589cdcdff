import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ExactTable } from '../../src/explorer/exactTable.ts';
import { FingerprintTable } from '../../src/explorer/fingerprintTable.ts';
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
    }).toThrow(/doubling/);
    expect(asked).toEqual([32 * 8]);
    expect(t.size).toBe(added);
    expect(t.has(Uint32Array.of(0))).toBe(true);
  });

  test('collision estimate follows TLC: n(m-n)/2^64', () => {
    expect(collisionProbability(1e6, 5e6)).toBeCloseTo((1e6 * 4e6) / 2 ** 64, 20);
    expect(collisionProbability(10, 5)).toBe(0);
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

  test.prop([fc.array(fc.nat(255), { minLength: 1, maxLength: 200 })])('pathTo walks parents back to the root', (acts) => {
    const log = new ParentLog(256);
    log.push(ROOT, 2);
    for (let i = 0; i < acts.length; i++) log.push(i, acts[i]!);
    expect(log.pathTo(acts.length)).toEqual({ initial: 2, actions: acts });
  });
});

describe('parent log growth', () => {
  test('the first chunk grows from small and keeps every record across chunk boundaries', () => {
    const log = new ParentLog(300);
    log.push(ROOT, 0);
    for (let i = 1; i < 600_000; i++) log.push(i - 1, i % 300);
    expect(log.bytes()).toBeLessThan(600_000 * 6 * 1.5);
    for (const n of [1, 1023, 1024, 1025, 262_143, 262_144, 599_999]) {
      expect(log.parentOf(n)).toBe(n - 1);
      expect(log.actionOf(n)).toBe(n % 300);
    }
    const small = new ParentLog(3);
    small.push(ROOT, 0);
    expect(small.bytes()).toBeLessThanOrEqual(1024 * 5);
  });
});
