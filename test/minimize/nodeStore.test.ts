import { expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { NodeStore } from '../../src/minimize/nodeStore.ts';

const op = fc.record({ words: fc.array(fc.nat({ max: 7 }), { minLength: 2, maxLength: 2 }), last: fc.integer({ min: -1, max: 3 }) });

test.prop([fc.array(op, { maxLength: 400 })], { numRuns: 100, seed: 11 })(
  'NodeStore finds exactly what a Map keyed by (state, last) holds, across growth',
  (ops) => {
    const store = new NodeStore(2, 4);
    const ref = new Map<string, number>();
    for (const { words, last } of ops) {
      const s = Uint32Array.from(words);
      const key = `${words.join(',')}|${last}`;
      const found = store.find(s, last);
      expect(found).toBe(ref.get(key) ?? -1);
      if (found < 0) {
        const id = store.add(s, last);
        ref.set(key, id);
        expect(Array.from(store.state(id))).toEqual(words);
        expect(store.last[id]).toBe(last);
      }
    }
    expect(store.size).toBe(ref.size);
    for (const [key, id] of ref) {
      const [w, l] = key.split('|');
      expect(store.find(Uint32Array.from(w!.split(',').map(Number)), Number(l))).toBe(id);
    }
  },
);
