/**
 * groupedInt, the hand-written stand-in for toLocaleString('en-US') (which loads ICU on first
 * use): the same text for every integer a report prints, checked against the real thing.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { groupedInt, groupedNumber } from '../../src/explorer/numberText.ts';
import { limitText } from '../../src/explorer/outcome.ts';

describe('groupedInt', () => {
  test.prop([fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })])('equals toLocaleString(en-US) on safe integers', (n) => {
    expect(groupedInt(n)).toBe(n.toLocaleString('en-US'));
  });

  // One difference on purpose: a negative zero prints as 0, not -0.
  test.prop([fc.double({ min: -1e15, max: 1e15, noNaN: true })])('rounds first, as the reports did with Math.round', (x) => {
    expect(groupedInt(x)).toBe((Math.round(x) || 0).toLocaleString('en-US'));
  });

  test('edges', () => {
    expect(groupedInt(0)).toBe('0');
    expect(groupedInt(-0.2)).toBe('0');
    expect(groupedInt(999)).toBe('999');
    expect(groupedInt(1000)).toBe('1,000');
    expect(groupedInt(-1234567)).toBe('-1,234,567');
    expect(groupedInt(5_684_964)).toBe('5,684,964');
    expect(groupedInt(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });

  // One difference on purpose, again: what rounds to zero prints as 0, never -0.
  test.prop([fc.double({ min: -1e12, max: 1e12, noNaN: true })])('groupedNumber equals toLocaleString(en-US) with its default three decimals', (x) => {
    const expected = x.toLocaleString('en-US');
    expect(groupedNumber(x)).toBe(expected === '-0' ? '0' : expected);
  });

  test('limits as the reports print them', () => {
    expect(limitText({ kind: 'time', limit: 0.0021000000000000003, unit: 's' })).toBe('time limit (0.002 s)');
    expect(limitText({ kind: 'memory', limit: 1000.5, unit: 'MB' })).toBe('memory limit (1,000.5 MB)');
    expect(limitText({ kind: 'states', limit: 1_000_000, unit: 'states' })).toBe('states limit (1,000,000 states)');
    expect(groupedNumber(-0.0001)).toBe('0');
  });
});

