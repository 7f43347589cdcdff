/**
 * Named assumptions: every INFERRED/UNVERIFIED point of the spec that changes behaviour is a
 * switch whose both settings can be checked. Defaults follow the spec's VERIFIED text.
 */

export interface AssumptionInfo {
  readonly id: string;
  readonly values: readonly string[];
  readonly default: string;
  readonly description: string;
  readonly cite: string;
}

export const ASSUMPTIONS: readonly AssumptionInfo[] = [
  {
    id: 'conversion-handle',
    values: ['normal', 'reserved'],
    default: 'normal',
    description:
      "Handle used by the end-I/O unwritten conversion. 'normal': ext4-iomap writeback does not use reserved handles (S13 cover, VERIFIED statement; code not read, E.7). 'reserved': buffer-head rule: writeback started outside any handle carries a reserved handle to the io_end; writeback nested in a caller's handle gets none and converts with a normal handle (B.8 (**), INFERRED).",
    cite: 'spec B.8, C.2, E.6, E.7',
  },
  {
    id: 'lock-order',
    values: ['folio-then-handle', 'handle-then-folio'],
    default: 'folio-then-handle',
    description:
      "Order of folio lock and handle start in ext4 writeback. 'folio-then-handle': ext4 iomap path (S13, VERIFIED). 'handle-then-folio': buffer-head ext4_do_writepages (S16, VERIFIED for that path).",
    cite: 'spec A.7, C.6',
  },
  {
    id: 'fill-flag',
    values: ['always', 'if-found'],
    default: 'always',
    description:
      "Whether iomap_fill_dirty_folios marks the batch (V2: fbatch != NULL; V3+: IOMAP_F_FOLIO_BATCH) even when it found no folio ('always', merged code, VERIFIED) or only when it found one ('if-found', Zhang's implied semantics in the C.4 trace, open question E.1).",
    cite: 'spec B.4 V2/V3, C.4, E.1',
  },
  {
    id: 'pre-zero',
    values: ['yes', 'no'],
    default: 'yes',
    description:
      "Whether ext4 zeroing callers zero the page cache of the range (truncate_pagecache_range) before zeroing (VERIFIED for punch/zero range, B.9); that it always leaves the range zeroed is INFERRED (E.11). The EOF scenario's caller never pre-zeroes.",
    cite: 'spec B.9, C.4, E.11',
  },
  {
    id: 'journal-space',
    values: ['may-run-short', 'ample'],
    default: 'may-run-short',
    description:
      "Whether a normal handle start (end-I/O conversion) may find jbd2_log_space_left() short and wait for a commit (__jbd2_log_wait_for_space, internals not read; INFERRED nondeterministic boolean).",
    cite: 'spec B.7 add_transaction_credits case 3, C.1b, D environment, E.5',
  },
  {
    id: 'dioread-nolock',
    values: ['yes', 'no'],
    default: 'yes',
    description:
      "Whether writeback allocates DELALLOC blocks as UNWRITTEN and converts at I/O end ('yes') or allocates them WRITTEN ('no'). That dioread_nolock is the default is UNVERIFIED (E.6).",
    cite: 'spec A.2, B.8, E.6',
  },
  {
    id: 'isize-zeroing',
    values: ['yes', 'no'],
    default: 'yes',
    description:
      "Whether a size extension zeroes the exposed post-EOF part of a cached EOF folio (pagecache_isize_extended, 52aecaee1c26, VERIFIED merged) or not (UNVERIFIED 2026 report that its guards skip it for large folios).",
    cite: 'spec D5, S11',
  },
  {
    id: 'ext4-fill',
    values: ['by-version', 'below-eof', 'all-unwritten'],
    default: 'by-version',
    description:
      "Which UNWRITTEN mappings ext4's ->iomap_begin fills a batch for. 'by-version': the thread-era prototype (below EOF only) for V2..V4, -next v2 (every UNWRITTEN) for ext4-outside; the pairing of the prototype with V3/V4 is INFERRED.",
    cite: 'spec B.6',
  },
  {
    id: 'ext4-outside-iomap',
    values: ['V3', 'V4'],
    default: 'V3',
    description:
      "iomap side under the ext4-outside version: V3 (stack batch, hole flush kept; the -next v2 base, INFERRED from its date) or V4 (hole flush lifted into XFS). Spec D1 expects -next v2 ext4 to hold with either.",
    cite: 'spec D1 expected results; B.4 V3/V4; S13',
  },
];

/** Resolves user assumptions over the defaults; an error names the bad key or value. */
export function resolveAssumptions(
  given: Readonly<Record<string, string>> | undefined,
): { ok: true; values: Record<string, string> } | { ok: false; error: string } {
  const values: Record<string, string> = {};
  for (const a of ASSUMPTIONS) values[a.id] = a.default;
  for (const [k, v] of Object.entries(given ?? {})) {
    const a = ASSUMPTIONS.find((x) => x.id === k);
    if (a === undefined) {
      return { ok: false, error: `unknown assumption '${k}'; valid: ${ASSUMPTIONS.map((x) => x.id).join(', ')}` };
    }
    if (!a.values.includes(v)) {
      return { ok: false, error: `assumption '${k}' has no value '${v}'; valid: ${a.values.join(', ')}` };
    }
    values[k] = v;
  }
  return { ok: true, values };
}
