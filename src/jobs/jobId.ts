/**
 * Deterministic job ids: a hash of the job's kind, its payload and the model source hash, over
 * canonical JSON (object keys sorted). The same job submitted twice, from any machine, has one
 * id, so a result stored under it is written once and found again by --resume, and a job whose
 * model changed gets a new id instead of an old result.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys in sorted order at every level (arrays keep their order). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => canonicalJson(x === undefined ? null : x)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** `matrix-cell.3f9a…` (24 hex digits): BullMQ ids may not contain ':' nor be integers. */
export function jobId(kind: string, payload: unknown, modelHash: string): string {
  const h = createHash('sha256').update(canonicalJson({ kind, payload, modelHash })).digest('hex');
  return `${kind}.${h.slice(0, 24)}`;
}
