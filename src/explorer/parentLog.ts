/**
 * Parent log: for every stored state (numbered in discovery order) its parent's number and
 * the action that produced it, in chunked typed arrays. Chunks instead of one doubling array
 * keep the waste below one chunk (no 2x overshoot), about 5 bytes per state with < 256
 * actions. A root (initial state) has parent ROOT and stores its initial-state index as the
 * action. Any violation becomes a trace by walking parents back and replaying the actions.
 * The first chunk starts small and doubles up to full size, so tiny models stay tiny.
 */
export const ROOT = 0xffffffff;
const CHUNK_BITS = 18;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

type ActionArray = Uint8Array | Uint16Array | Uint32Array;

export class ParentLog {
  private readonly parents: Uint32Array[] = [];
  private readonly actions: ActionArray[] = [];
  private readonly actionBytes: 1 | 2 | 4;
  size = 0;

  constructor(actionCount: number) {
    this.actionBytes = actionCount < 0x100 ? 1 : actionCount < 0x10000 ? 2 : 4;
  }

  /** Appends a record; returns the new state's number. */
  push(parent: number, action: number): number {
    const n = this.size;
    const c = n >>> CHUNK_BITS;
    if (c === this.parents.length) {
      const len = c === 0 ? 1024 : CHUNK;
      this.parents.push(new Uint32Array(len));
      this.actions.push(this.newActions(len));
    } else if (c === 0 && n === this.parents[0]!.length) {
      const len = Math.min(CHUNK, n * 2);
      const p = new Uint32Array(len);
      p.set(this.parents[0]!);
      this.parents[0] = p;
      const a = this.newActions(len);
      a.set(this.actions[0]!);
      this.actions[0] = a;
    }
    this.parents[c]![n & CHUNK_MASK] = parent;
    this.actions[c]![n & CHUNK_MASK] = action;
    this.size = n + 1;
    return n;
  }

  private newActions(len: number): ActionArray {
    return this.actionBytes === 1 ? new Uint8Array(len) : this.actionBytes === 2 ? new Uint16Array(len) : new Uint32Array(len);
  }

  parentOf(n: number): number {
    return this.parents[n >>> CHUNK_BITS]![n & CHUNK_MASK]!;
  }

  actionOf(n: number): number {
    return this.actions[n >>> CHUNK_BITS]![n & CHUNK_MASK]!;
  }

  /** The path to state n: which initial state, then the actions in order. */
  pathTo(n: number): { initial: number; actions: number[] } {
    const actions: number[] = [];
    let cur = n;
    while (this.parentOf(cur) !== ROOT) {
      actions.push(this.actionOf(cur));
      cur = this.parentOf(cur);
    }
    actions.reverse();
    return { initial: this.actionOf(cur), actions };
  }

  bytes(): number {
    let entries = 0;
    for (const p of this.parents) entries += p.length;
    return entries * (4 + this.actionBytes);
  }
}
