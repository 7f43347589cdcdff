/**
 * The generated code paths agree with the plain ones they replace: specialised field
 * accessors (src/explorer/fieldAccess.ts) against Field.prototype's generic methods, and the
 * compiled enabled/next of defineModel (src/explorer/compileRules.ts) against a loop over the
 * rules, including which errors come out and how they are named.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { compileRules } from '../../src/explorer/compileRules.ts';
import { RuleError } from '../../src/explorer/define.ts';
import { bool, defineLayout, Field, oneOf, range } from '../../src/explorer/layout.ts';

const L = defineLayout({ a: bool(5), n: range(-3, 40), m: oneOf(['P', 'Q', 'R', 'S'], 3), big: range(0, 70000, 3), one: bool(), wide: range(-5, 2 ** 31 - 1) });
const fields = L.fieldList;

/** What a call returns or throws, comparable across the two implementations. */
function outcome(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    return { threw: (e as Error).name, message: (e as Error).message };
  }
}

const indexArb = fc.oneof(fc.integer({ min: -2, max: 7 }), fc.constant(undefined), fc.constant(1.5), fc.constant('0' as unknown as number), fc.constant(Number.NaN));
const valueArb = fc.oneof(fc.integer({ min: -10, max: 80000 }), fc.boolean(), fc.constantFrom('P', 'S', 'nope'), fc.constant(2.5), fc.constant(2 ** 31 - 1), fc.constant(2 ** 31));

describe('specialised field accessors', () => {
  test('every field of the layout got generated accessors', () => {
    for (const f of fields) {
      expect(f.get).not.toBe(Field.prototype.get);
      expect(f.set).not.toBe(Field.prototype.set);
      expect(f.is).not.toBe(Field.prototype.is);
    }
  });

  test.prop([fc.array(fc.nat(), { minLength: L.words, maxLength: L.words }), fc.nat(fields.length - 1), indexArb, valueArb])(
    'get, is and set return, write and throw exactly what the generic methods do',
    (words, fi, index, value) => {
      const f = fields[fi]!;
      const s1 = Uint32Array.from(words, (w, i) => w & L.usedBits[i]!);
      const s2 = s1.slice();
      expect(outcome(() => f.get(s1, index))).toEqual(outcome(() => Field.prototype.get.call(f, s2, index)));
      expect(outcome(() => f.is(s1, index))).toEqual(outcome(() => Field.prototype.is.call(f, s2, index)));
      expect(outcome(() => f.set(s1, value, index))).toEqual(outcome(() => Field.prototype.set.call(f, s2, value, index)));
      expect([...s1]).toEqual([...s2]);
    },
  );
});

type Guard = (s: Uint32Array) => boolean;
type Update = (s: Uint32Array, n: Uint32Array) => void;

describe('compiled rules', () => {
  const ruleArb = fc.record({ word: fc.nat(2), bit: fc.nat(31), throwGuard: fc.boolean(), throwUpdate: fc.boolean(), xor: fc.nat() });
  test.prop([fc.array(ruleArb, { minLength: 1, maxLength: 600 }), fc.array(fc.nat(), { minLength: 3, maxLength: 3 })])(
    'enabled and next agree with a loop over the rules, in blocks of any size, errors named by rule',
    (rules, words) => {
      const guards: Guard[] = rules.map((r, k) => (s) => {
        if (r.throwGuard && (s[r.word]! & 7) === 7) throw new Error(`g${k}`);
        return ((s[r.word]! >>> r.bit) & 1) === 1;
      });
      const updates: Update[] = rules.map((r, k) => (s, n) => {
        if (r.throwUpdate && (s[r.word]! & 3) === 3) throw new Error(`u${k}`);
        n[r.word] = (s[r.word]! ^ r.xor) >>> 0;
      });
      const names = rules.map((_, k) => `rule${k}`);
      const c = compileRules(guards, updates, names, 3)!;
      expect(c).toBeDefined();
      const s = Uint32Array.from(words);
      const ids = new Int32Array(rules.length);
      const ref: number[] = [];
      const refEnabled = outcome(() => {
        for (let k = 0; k < guards.length; k++) {
          try {
            if (guards[k]!(s)) ref.push(k);
          } catch (e) {
            throw new RuleError(names[k]!, 'guard', e);
          }
        }
        return ref.length;
      });
      expect(outcome(() => c.enabled(s, ids))).toEqual(refEnabled);
      if ('ok' in (refEnabled as object)) expect([...ids.slice(0, ref.length)]).toEqual(ref);
      for (let a = 0; a < rules.length; a += 7) {
        const out1 = new Uint32Array(3);
        const out2 = new Uint32Array(3);
        const r1 = outcome(() => c.next(s, a, out1));
        const r2 = outcome(() => {
          out2.set(s);
          try {
            updates[a]!(s, out2);
          } catch (e) {
            throw new RuleError(names[a]!, 'update', e);
          }
        });
        expect(r1).toEqual(r2);
        if ('ok' in (r2 as object)) expect([...out1]).toEqual([...out2]);
      }
    },
  );
});
