/**
 * Reading an ITF file back: JSON parse plus the structural checks `zrcheck replay` relies on
 * (zrcheck wrote it, every state defines every var, the property and model source are there),
 * each failure a one-line message naming the file and what is wrong.
 */
import type { ItfTrace } from './itf.ts';

export type ParsedItf = { readonly ok: true; readonly itf: ItfTrace } | { readonly ok: false; readonly error: string };

/** Parses and structurally checks an ITF text written by zrcheck (or a compatible tool). */
export function parseItf(text: string, name = 'ITF file'): ParsedItf {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${name} is not JSON: ${(e as Error).message}` };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, error: `${name} is not a JSON object` };
  const d = doc as Record<string, unknown>;
  const meta = d['#meta'] as Record<string, unknown> | undefined;
  if (meta === undefined || meta === null || typeof meta !== 'object') return { ok: false, error: `${name} has no #meta object` };
  if (meta['tool'] !== 'zrcheck') return { ok: false, error: `${name} was not written by zrcheck (#meta.tool is ${JSON.stringify(meta['tool'])})` };
  if (!Array.isArray(d['vars']) || !d['vars'].every((v) => typeof v === 'string')) return { ok: false, error: `${name}: vars is not a list of names` };
  if (!Array.isArray(d['states']) || d['states'].length === 0) return { ok: false, error: `${name}: states is not a non-empty list` };
  for (const [i, s] of (d['states'] as unknown[]).entries()) {
    if (s === null || typeof s !== 'object' || Array.isArray(s)) return { ok: false, error: `${name}: state ${i} is not an object` };
    for (const v of d['vars'] as string[]) {
      if (!(v in (s as object))) return { ok: false, error: `${name}: state ${i} does not define var ${v}` };
    }
  }
  if (typeof meta['property'] !== 'string') return { ok: false, error: `${name}: #meta.property is missing` };
  if (!['invariant', 'deadlock', 'end-check'].includes(meta['violationKind'] as string)) {
    return { ok: false, error: `${name}: #meta.violationKind ${JSON.stringify(meta['violationKind'])} is not invariant, deadlock or end-check` };
  }
  const src = meta['source'] as Record<string, unknown> | undefined;
  if (src === undefined || !['module', 'kernel', 'inline'].includes(src['kind'] as string)) {
    return { ok: false, error: `${name}: #meta.source does not say how to rebuild the model` };
  }
  return { ok: true, itf: doc as ItfTrace };
}
