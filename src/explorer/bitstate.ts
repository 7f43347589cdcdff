/**
 * The bitstate visited set (Holzmann's supertrace; a Bloom filter): 2^BITS bits, k bits set
 * per state, no state stored. A state is taken as seen when all its k bits are set already, so
 * a distinct state can be wrongly skipped (with its successors): the search may miss states
 * but never reports a violation that is not there. Hence its verdict is at best "no violation
 * found", never "holds" (src/explorer/bitstateSearch.ts).
 *
 * Hashing: the k bit positions come from the state's 64-bit fingerprint (fingerprint.ts),
 * remixed with a seed, by enhanced double hashing (Dillinger & Manolios, "Fast and accurate
 * bitstate verification for SPIN", SPIN 2004): two hashes give k positions nearly as good as k
 * independent hashes. Another seed gives another set of collisions: swarm members differ.
 *
 * Coverage: SPIN prints the hash factor (bits per stored state; "best if > 100"). The estimate
 * here follows Holzmann's analysis of bitstate hashing: a new state is lost when its k bits
 * are all set already, with probability f^k where f is the fraction of bits set at that
 * moment; summed over the run, the expected omissions are sum f^k / (1 - f^k) per stored state,
 * and coverage = stored / (stored + omitted). It counts the lost states, not the subtrees only
 * reachable through them, so it is an upper estimate, like SPIN's.
 */
import { fingerprint, fpHi } from './fingerprint.ts';
import { newSketch, sketchAdd } from './hll.ts';

export const MIN_BITS = 8;
export const MAX_BITS = 32;

/** A 32-bit mixer (murmur3's finaliser). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class BitstateTable {
  private readonly table: Uint32Array;
  private readonly shift: number;
  private readonly seedA: number;
  private readonly seedB: number;
  /** States stored (some bit was clear). */
  stored = 0;
  bitsSet = 0;
  /** Expected distinct states wrongly taken for seen so far (see the header). */
  expectedOmissions = 0;
  /** With `sketch`: a HyperLogLog of the stored states (hll.ts), for a swarm's union count. */
  readonly sketch: Uint8Array | undefined;

  constructor(
    readonly log2Bits: number,
    readonly hashes: number,
    readonly seed: number,
    private readonly words: number,
    sketch = false,
  ) {
    this.sketch = sketch ? newSketch() : undefined;
    if (!Number.isInteger(log2Bits) || log2Bits < MIN_BITS || log2Bits > MAX_BITS) throw new RangeError(`bitstate table of 2^${log2Bits} bits: BITS must be ${MIN_BITS}..${MAX_BITS}`);
    if (!Number.isInteger(hashes) || hashes < 1 || hashes > 16) throw new RangeError(`bitstate hashes ${hashes}: must be 1..16`);
    this.table = new Uint32Array(Math.max(1, 2 ** (log2Bits - 5)));
    this.shift = 32 - log2Bits;
    this.seedA = mix(seed ^ 0x9e3779b9);
    this.seedB = mix(seed + 0x7f4a7c15);
  }

  get bits(): number {
    return 2 ** this.log2Bits;
  }

  /** Sets the state's k bits; true when one of them was clear (the state is new). */
  add(state: Uint32Array): boolean {
    const lo = fingerprint(state, this.words);
    const hi = fpHi;
    let a = mix(lo ^ this.seedA);
    let b = mix(hi ^ this.seedB) | 1;
    const t = this.table;
    const shift = this.shift;
    let fresh = false;
    for (let i = 0; i < this.hashes; i++) {
      // The top log2Bits bits of a 32-bit position (shift 0 for a 2^32-bit table).
      const pos = shift === 0 ? a : a >>> shift;
      const w = pos >>> 5;
      const m = 1 << (pos & 31);
      if ((t[w]! & m) === 0) {
        t[w] = t[w]! | m;
        this.bitsSet++;
        fresh = true;
      }
      a = (a + b) >>> 0;
      b = (b + i + 1) >>> 0;
    }
    if (fresh) {
      this.stored++;
      if (this.sketch !== undefined) sketchAdd(this.sketch, lo, hi);
      const f = this.bitsSet / this.bits;
      let p = 1;
      for (let i = 0; i < this.hashes; i++) p *= f;
      if (p < 1) this.expectedOmissions += p / (1 - p);
    }
    return fresh;
  }

  /** SPIN's hash factor: table bits per stored state. */
  hashFactor(): number {
    return this.stored === 0 ? Infinity : this.bits / this.stored;
  }

  /** Estimated fraction of the reachable states stored (see the header). */
  coverage(): number {
    return this.stored === 0 ? 1 : this.stored / (this.stored + this.expectedOmissions);
  }

  bytes(): number {
    return this.table.byteLength;
  }
}

/**
 * Union coverage of independent searches of one state space (a swarm): a state is missed only
 * when every member missed it, if their misses are independent (different hash seeds and
 * orders make them close to it): 1 - prod(1 - c_i).
 */
export function unionCoverage(coverages: readonly number[]): number {
  let miss = 1;
  for (const c of coverages) miss *= 1 - Math.min(1, Math.max(0, c));
  return 1 - miss;
}
