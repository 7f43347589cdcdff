/** KeySet against a JS Set: the same membership after any sequence of add, delete and clear. */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { KeySet } from '../../../src/explorer/por/keySet.ts';

const op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), key: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('add' as const), key: fc.integer({ min: 0, max: 2 ** 53 - 1 }) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('clear' as const), key: fc.constant(0) }),
);

describe('KeySet', () => {
  test.prop([fc.array(op, { maxLength: 400 })])('behaves as a Set of numbers', (ops) => {
    const k = new KeySet(16);
    const ref = new Set<number>();
    for (const o of ops) {
      if (o.kind === 'add') {
        k.add(o.key);
        ref.add(o.key);
      } else if (o.kind === 'delete') {
        k.delete(o.key);
        ref.delete(o.key);
      } else {
        k.clear();
        ref.clear();
      }
    }
    for (let key = 0; key <= 40; key++) expect(k.has(key)).toBe(ref.has(key));
    for (const key of ref) expect(k.has(key)).toBe(true);
  });
});
