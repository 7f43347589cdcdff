/**
 * The visited-set contract shared by the fingerprint table and the exact table, so BFS and
 * DFS are written once and the store is a run option.
 */
export interface VisitedStore {
  /** Adds the state; true if it was not there before. */
  add(state: Uint32Array): boolean;
  /** Distinct states stored. */
  readonly size: number;
  /** Bytes held by the store's tables. */
  bytes(): number;
}

/** Raised by a store that would have to grow past the run's memory limit. */
export class StoreFullError extends Error {
  constructor(readonly neededBytes: number) {
    super(`visited set would need ${neededBytes} bytes`);
    this.name = 'StoreFullError';
  }
}
