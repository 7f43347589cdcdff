/**
 * The one state view whose reads are being traced (guardDispatch.ts learns from guards by
 * tracing them), shared by every field accessor. An accessor handed the traced view logs the
 * element (its field's `traceId` and the index) and reads the plain copy instead, with a few
 * stores and no call, so that tracing a guard before the search changes little of what V8
 * learns about the accessors. Measured in-process (`enabled` alone, analysis run but its
 * result unused): swapping the accessors for tracing wrappers instead made bakery's `enabled`
 * about twice as slow (278 -> 522 ns per state; likely because the guards' call sites then saw
 * two targets, not shown); with this log the analysis still costs two-phase about 15 % there
 * (398 -> 466 ns), bakery nothing the noise lets one see, and the dispatch it buys is worth
 * far more. Outside a trace `view` is null and the accessors pay one compare.
 */

/** Entries the log holds; a longer trace is not learnt from (`n` says how many were read). */
export const TRACE_LOG = 1024;

export const readTrace = {
  /** The traced view (a Proxy of `raw`), or null. */
  view: null as Uint32Array | null,
  /** The plain copy behind the view: what a traced read returns, where a traced write goes. */
  raw: new Uint32Array(0) as Uint32Array,
  /** Element reads so far; entry k (k < TRACE_LOG) is field `fid[k]`, index `idx[k]`. */
  n: 0,
  fid: new Int32Array(TRACE_LOG),
  idx: new Int32Array(TRACE_LOG),
  /** Set by an access the log does not describe: a write, or an index that is not an element. */
  lost: 0,
};

let lastId = 0;

/** A fresh id for a field's log entries. */
export function newTraceId(): number {
  return ++lastId;
}
