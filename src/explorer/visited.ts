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

/** Raised by a store whose growth the run's memory limit does not allow. */
export class StoreFullError extends Error {
  constructor(readonly neededBytes: number) {
    super(`the visited set's growth to ${neededBytes} bytes is not allowed by the memory limit`);
    this.name = 'StoreFullError';
  }
}
