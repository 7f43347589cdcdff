/**
 * A HyperLogLog sketch (Flajolet et al. 2007) of the distinct states a search stored, 2^14
 * one-byte registers (standard error about 0.8 %), fed from the state's unseeded 64-bit
 * fingerprint. Sketches of one model merge by register-wise maximum, so a swarm can say how
 * many distinct states its members visited together, which no member's table can tell: that
 * is the union's measured coverage when the exact count is known.
 */
export const HLL_LOG2 = 14;
const M = 1 << HLL_LOG2;

export function newSketch(): Uint8Array {
  return new Uint8Array(M);
}

/** Adds a fingerprint (lo, hi): the register from hi's top bits, the rank from lo. */
export function sketchAdd(reg: Uint8Array, lo: number, hi: number): void {
  const i = hi >>> (32 - HLL_LOG2);
  const rank = lo === 0 ? 33 : Math.clz32(lo) + 1;
  if (rank > reg[i]!) reg[i] = rank;
}

export function sketchMerge(into: Uint8Array, other: Uint8Array): void {
  for (let i = 0; i < M; i++) if (other[i]! > into[i]!) into[i] = other[i]!;
}

/** The estimated number of distinct items (with the small-range correction). */
export function sketchCount(reg: Uint8Array): number {
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < M; i++) {
    sum += 2 ** -reg[i]!;
    if (reg[i] === 0) zeros++;
  }
  const alpha = 0.7213 / (1 + 1.079 / M);
  const e = (alpha * M * M) / sum;
  return e <= 2.5 * M && zeros > 0 ? M * Math.log(M / zeros) : e;
}

export const sketchToText = (reg: Uint8Array): string => Buffer.from(reg).toString('base64');
export const sketchFromText = (t: string): Uint8Array => new Uint8Array(Buffer.from(t, 'base64'));
