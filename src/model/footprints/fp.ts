/**
 * How a footprint is written in the tables (zeroer.ts, actors.ts): space-separated field
 * lists, and the program-counter values the guard needs.
 */
import type { Footprint } from '../../explorer/model.ts';

export type When = Readonly<Record<string, string | boolean>>;

/** A footprint from space-separated field lists. */
export function fp(guard: string, reads: string, writes: string, when?: When): Footprint {
  const list = (x: string) => (x === '' ? [] : x.split(' '));
  return { guard: list(guard), reads: list(reads), writes: list(writes), ...(when !== undefined ? { when } : {}) };
}
