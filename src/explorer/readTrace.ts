/**
 * The one state view whose reads are being traced (guardDispatch.ts learns from guards by
 * tracing them), shared by every field accessor. An accessor handed the traced view logs the
 * element (its field's `traceId` and the index) and reads the plain copy instead, with a few
 * stores and no call, so that tracing a guard before the search leaves almost nothing in what
 * V8 learns about the accessors. (Swapping the accessors for tracing wrappers instead doubled
 * bakery's cost per `enabled`: the guards' call sites then saw two targets.) Outside a trace
 * `view` is null and the accessors pay one compare.
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
