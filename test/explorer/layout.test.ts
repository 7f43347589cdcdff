import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { bool, defineLayout, LayoutIndexError, LayoutNameError, LayoutRangeError, oneOf, range } from '../../src/explorer/layout.ts';

describe('layout', () => {
  const L = defineLayout({ a: bool(5), n: range(-3, 40), m: oneOf(['HOLE', 'DELALLOC', 'UNWRITTEN', 'WRITTEN'], 3), big: range(0, 70000, 2) });

  it('packs fields without straddling words and reports their bits', () => {
    expect(L.fields.n.bits).toBe(6);
    expect(L.fields.m.bits).toBe(2);
    expect(L.fields.big.bits).toBe(17);
    for (const f of L.fieldList) for (let i = 0; i < f.count; i++) expect(f.shift[i]! + f.bits).toBeLessThanOrEqual(32);
  });

  test.prop([fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), fc.integer({ min: -3, max: 40 }), fc.array(fc.nat(3), { minLength: 3, maxLength: 3 }), fc.array(fc.nat(70000), { minLength: 2, maxLength: 2 })])(
    'every value written reads back and leaves the other fields alone',
    (as, n, ms, bigs) => {
      const s = L.blank();
      as.forEach((v, i) => L.fields.a.set(s, v, i));
      L.fields.n.set(s, n);
      ms.forEach((v, i) => L.fields.m.set(s, v, i));
      bigs.forEach((v, i) => L.fields.big.set(s, v, i));
      as.forEach((v, i) => expect(L.fields.a.is(s, i)).toBe(v));
      expect(L.fields.n.get(s)).toBe(n);
      ms.forEach((v, i) => expect(L.fields.m.get(s, i)).toBe(v));
      bigs.forEach((v, i) => expect(L.fields.big.get(s, i)).toBe(v));
      expect(L.strayWord(s)).toBe(-1);
    },
  );

  it('a blank state holds every field at its minimum', () => {
    expect(L.fields.n.get(L.blank())).toBe(-3);
    expect(L.describe(L.blank())).toMatchObject({ a: [false, false, false, false, false], n: -3, m: ['HOLE', 'HOLE', 'HOLE'] });
  });

  it('rejects out-of-range values with the field and value named', () => {
    const s = L.blank();
    expect(() => L.fields.n.set(s, 41)).toThrow(LayoutRangeError);
    expect(() => L.fields.n.set(s, 41)).toThrow(/41 written to field n is outside its declared range -3..40/);
    expect(() => L.fields.m.set(s, 4, 2)).toThrow(/field m\[2\]/);
    expect(() => L.fields.a.set(s, true, 5)).toThrow(LayoutIndexError);
    expect(() => L.fields.n.set(s, 1.5)).toThrow(LayoutRangeError);
  });

  it('reads past an array end (or at a bad index) throw like writes, naming field and index', () => {
    const s = L.blank();
    expect(() => L.fields.a.get(s, 5)).toThrow(LayoutIndexError);
    expect(() => L.fields.a.get(s, 5)).toThrow(/index 5 read from field a is outside 0..4/);
    expect(() => L.fields.a.is(s, -1)).toThrow(LayoutIndexError);
    expect(() => L.fields.a.get(s, 1.5)).toThrow(LayoutIndexError);
    expect(() => L.fields.n.get(s, 1)).toThrow(/field n is not an array, but was read at index 1/);
    expect(L.fields.a.get(s, 4)).toBe(0);
  });

  it('oneOf fields map names to values and back; set takes a name', () => {
    const s = L.blank();
    const m = L.fields.m;
    expect(m.value('HOLE')).toBe(0);
    expect(m.value('WRITTEN')).toBe(3);
    m.set(s, 'UNWRITTEN', 1);
    expect(m.get(s, 1)).toBe(m.value('UNWRITTEN'));
    expect(m.nameOf(s, 1)).toBe('UNWRITTEN');
    expect(m.nameOf(s, 0)).toBe('HOLE');
    expect(() => m.value('idle')).toThrow(LayoutNameError);
    expect(() => m.value('idle')).toThrow(/field m has no value named "idle"; its values are HOLE, DELALLOC, UNWRITTEN, WRITTEN/);
    expect(() => m.set(s, 'idle', 0)).toThrow(LayoutNameError);
    expect(() => L.fields.n.value('x')).toThrow(/field n is not a oneOf field/);
    expect(() => L.fields.n.nameOf(s)).toThrow(LayoutNameError);
  });

  it('finds stray bits outside every field', () => {
    const s = L.blank();
    s[L.words - 1] = 0x80000000;
    expect(L.strayWord(s)).toBe(L.words - 1);
  });

  it('refuses malformed declarations', () => {
    expect(() => defineLayout({ x: range(3, 1) })).toThrow(/not a valid integer range/);
    expect(() => defineLayout({ x: bool(0) })).toThrow(/positive integer/);
    expect(() => defineLayout({ x: oneOf([]) })).toThrow(/at least one value/);
  });
});
