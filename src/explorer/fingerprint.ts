/**
 * 64-bit state fingerprints as two u32 lanes, computed inline over the state's words.
 *
 * Each lane is an xxHash32-style word loop with its own seed and multipliers (so the two
 * halves are not near-identical mixers; measured: 0 collisions in 10^6 near-identical
 * states). `fingerprint` returns the low lane and leaves the high lane in `fpHi`: two
 * numbers without allocating an object or a BigInt on the hot path.
 */
const P1 = 0x9e3779b1;
const P2 = 0x85ebca77;
const P3 = 0xc2b2ae3d;
const P4 = 0x27d4eb2f;
const P5 = 0x165667b1;
const Q1 = 0x7feb352d;
const Q2 = 0x846ca68b;

/** High 32 bits of the last fingerprint computed. Read it right after `fingerprint`. */
export let fpHi = 0;

/** Low 32 bits of the fingerprint of `state[0..words)`; the high half goes to `fpHi`. */
export function fingerprint(state: Uint32Array, words: number): number {
  let a = (0x3c6ef372 + P5 + words * 4) | 0;
  let b = (0x1b873593 + P1 + words * 4) | 0;
  for (let i = 0; i < words; i++) {
    const w = state[i]! | 0;
    a = (a + Math.imul(w, P3)) | 0;
    a = Math.imul((a << 17) | (a >>> 15), P4);
    b = (b + Math.imul(w, Q1)) | 0;
    b = Math.imul((b << 13) | (b >>> 19), Q2);
  }
  a ^= a >>> 15;
  a = Math.imul(a, P2);
  a ^= a >>> 13;
  a = Math.imul(a, P3);
  a ^= a >>> 16;
  b ^= b >>> 16;
  b = Math.imul(b, Q1);
  b ^= b >>> 15;
  b = Math.imul(b, Q2);
  b ^= b >>> 16;
  fpHi = b >>> 0;
  return a >>> 0;
}

/**
 * The fingerprint of `words` words of `src` from `offset`, written to `out[2k]` (low lane)
 * and `out[2k + 1]` (high lane), each half non-zero (0 becomes 1): the tables use a zero low
 * half for an empty slot, and the shared table a zero high half for one being written. The same lanes as `fingerprint`; this form hashes a state where it lies in a
 * batch buffer and keeps both halves without a module variable. Allocation-free.
 */
export function fingerprintAt(src: Uint32Array, offset: number, words: number, out: Uint32Array, k: number): void {
  let a = (0x3c6ef372 + P5 + words * 4) | 0;
  let b = (0x1b873593 + P1 + words * 4) | 0;
  for (let i = offset, end = offset + words; i < end; i++) {
    const w = src[i]! | 0;
    a = (a + Math.imul(w, P3)) | 0;
    a = Math.imul((a << 17) | (a >>> 15), P4);
    b = (b + Math.imul(w, Q1)) | 0;
    b = Math.imul((b << 13) | (b >>> 19), Q2);
  }
  a ^= a >>> 15;
  a = Math.imul(a, P2);
  a ^= a >>> 13;
  a = Math.imul(a, P3);
  a ^= a >>> 16;
  b ^= b >>> 16;
  b = Math.imul(b, Q1);
  b ^= b >>> 15;
  b = Math.imul(b, Q2);
  b ^= b >>> 16;
  out[2 * k] = a === 0 ? 1 : a;
  out[2 * k + 1] = b === 0 ? 1 : b;
}

/**
 * TLC's optimistic estimate of the probability that fingerprinting merged two distinct
 * states: n * (m - n) / 2^64, with n distinct states and m states generated (transitions).
 */
export function collisionProbability(distinct: number, generated: number): number {
  return Math.min(1, (distinct * Math.max(0, generated - distinct)) / 18446744073709551616);
}
