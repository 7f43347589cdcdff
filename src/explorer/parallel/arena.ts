/**
 * Growable shared buffers (ES2024; in Node 20's V8, not in this project's ES2022 typings):
 * each search thread writes its part of the next level into one, which grows in place, so the
 * other threads read it after the level's barrier without any buffer being handed around.
 * Only reserved address space until written. Views are made with a fixed length (a
 * length-tracking view over a growable buffer is an order of magnitude slower in V8 11).
 */
export type GrowableSharedArrayBuffer = SharedArrayBuffer & {
  readonly maxByteLength: number;
  grow(byteLength: number): void;
};

/** The largest growable buffer V8 accepts here (4 GiB). */
export const ARENA_MAX_BYTES = 2 ** 32;

export function allocateArena(initialBytes = 1 << 16): GrowableSharedArrayBuffer {
  const Ctor = SharedArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => GrowableSharedArrayBuffer;
  return new Ctor(initialBytes, { maxByteLength: ARENA_MAX_BYTES });
}
