import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { formatParams, parseParams, parseParamValue } from '../../src/cli/params.ts';

describe('parseParams', () => {
  test('types values: numbers, booleans, strings', () => {
    const r = parseParams(['NZR=4', 'VARIANT=buggy', 'FAST=true', 'X=-1.5', 'S=4a']);
    expect(r).toEqual({ ok: true, params: { NZR: 4, VARIANT: 'buggy', FAST: true, X: -1.5, S: '4a' } });
  });
  test('value may contain "="', () => {
    expect(parseParams(['A=b=c'])).toEqual({ ok: true, params: { A: 'b=c' } });
  });
  test.each([
    ['NZR', /"NZR" is malformed: expected NAME=VALUE/],
    ["=4", /parameter name "" must be letters, digits, _ or -/],
    ["4x=1", /parameter name "4x" must be letters, digits, _ or -/],
    ["a b=1", /parameter name "a b" must be letters/],
    ['N=', /parameter N has an empty value/],
  ])('rejects %s with a message naming it', (item, message) => {
    const r = parseParams([item]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
  test('rejects a name given twice', () => {
    const r = parseParams(['N=1', 'N=2'], '--assume');
    expect(r).toEqual({ ok: false, error: '--assume N is given twice' });
  });
  test.prop([fc.dictionary(fc.stringMatching(/^[A-Za-z_]\w{0,6}$/), fc.oneof(fc.integer(), fc.boolean(), fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/)))])(
    'round-trips through formatParams',
    (params) => {
      const items = formatParams(params).split(' ').filter((x) => x !== '');
      const back = parseParams(items);
      expect(back).toEqual({ ok: true, params: { ...params } });
    },
  );
  test('parseParamValue keeps non-numbers as strings', () => {
    expect(parseParamValue('0x10')).toBe('0x10');
    expect(parseParamValue('1e3')).toBe(1000);
  });
});
