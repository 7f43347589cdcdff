/**
 * FIFO of packed states for BFS, in fixed-size chunks that are dropped once consumed, so the
 * queue holds only the frontier. States are copied in and out of caller-owned buffers.
 */
const CHUNK_STATES = 1 << 14;

export class StateQueue {
  private readonly chunks: Uint32Array[] = [];
  private head = 0; // index of the next state to take, within chunks[0]
  private tail = 0; // index of the next free state slot, within the last chunk
  private spare: Uint32Array | undefined;
  length = 0;

  constructor(private readonly words: number) {}

  push(state: Uint32Array): void {
    const w = this.words;
    let last = this.chunks[this.chunks.length - 1];
    if (last === undefined || this.tail === CHUNK_STATES) {
      last = this.spare ?? new Uint32Array(CHUNK_STATES * w);
      this.spare = undefined;
      this.chunks.push(last);
      this.tail = 0;
    }
    const base = this.tail * w;
    for (let i = 0; i < w; i++) last[base + i] = state[i]!;
    this.tail++;
    this.length++;
  }

  /** Copies the oldest state into `out`. Caller checks `length > 0` first. */
  shift(out: Uint32Array): void {
    const w = this.words;
    const first = this.chunks[0]!;
    const base = this.head * w;
    for (let i = 0; i < w; i++) out[i] = first[base + i]!;
    this.head++;
    this.length--;
    if (this.head === CHUNK_STATES || (this.chunks.length === 1 && this.head === this.tail)) {
      if (this.chunks.length === 1) this.tail = 0;
      this.spare = this.chunks.shift();
      this.head = 0;
    }
  }

  bytes(): number {
    return (this.chunks.length + (this.spare ? 1 : 0)) * CHUNK_STATES * this.words * 4;
  }
}
