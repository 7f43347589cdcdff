/**
 * `--param NAME=VALUE` (and `--assume NAME=VALUE`) parsing: the text a person types on the
 * command line becomes the typed record a model factory receives.
 *
 * Why typed: models are written against `params.NZR` as a number and `params.VARIANT` as a
 * string, and the same record is recorded in every exported artefact so a replay rebuilds the
 * model from exactly these values. Conversion is deliberately simple and predictable:
 * integers and decimals become numbers, `true`/`false` become booleans, anything else stays a
 * string. Malformed input is an error value naming the bad argument, never a throw.
 */

import type { ParamValue } from '../explorer/params.ts';
import type { ParamValues } from '../source/modelSource.ts';

export type { ParamValue, ParamValues };

export type ParamsResult =
  | { readonly ok: true; readonly params: ParamValues }
  | { readonly ok: false; readonly error: string };

/**
 * A parameter name: letters, digits, `_` and `-`, starting with a letter or `_`. Hyphens are
 * allowed because the kernel model's assumption ids have them (`pre-zero`, `fill-flag`).
 */
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NUMBER = /^-?(?:\d+|\d*\.\d+)(?:[eE][-+]?\d+)?$/;

/** Converts one VALUE text to its typed value. */
export function parseParamValue(text: string): ParamValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (NUMBER.test(text)) return Number(text);
  return text;
}

/** Checks one `NAME=VALUE` item; an error line or the name and the text value. */
function assignment(item: string, flag: string): { name: string; value: string } | string {
  const eq = item.indexOf('=');
  if (eq < 0) return `${flag} ${JSON.stringify(item)} is malformed: expected NAME=VALUE`;
  const name = item.slice(0, eq);
  const value = item.slice(eq + 1);
  if (!NAME.test(name)) {
    return `${flag} ${JSON.stringify(item)}: parameter name ${JSON.stringify(name)} must be letters, digits, _ or -, starting with a letter or _`;
  }
  if (value === '') return `${flag} ${JSON.stringify(item)}: parameter ${name} has an empty value`;
  return { name, value };
}

/**
 * Parses `NAME=VALUE` items (as collected from repeated `--param` / `--assume` flags) into
 * text values: the model's declaration gives them their types (src/explorer/params.ts). A
 * name given twice is an error: keeping one of them would make a run irreproducible from its
 * command line.
 */
export function parseAssignments(items: readonly string[], flag = '--param'): { ok: true; values: Record<string, string> } | { ok: false; error: string } {
  const values: Record<string, string> = {};
  for (const item of items) {
    const a = assignment(item, flag);
    if (typeof a === 'string') return { ok: false, error: a };
    if (Object.prototype.hasOwnProperty.call(values, a.name)) return { ok: false, error: `${flag} ${a.name} is given twice` };
    values[a.name] = a.value;
  }
  return { ok: true, values };
}

/**
 * Parses `NAME=VALUE` items and types each value by its look (numbers, true/false, text): for
 * models that declare no params.
 */
export function parseParams(items: readonly string[], flag = '--param'): ParamsResult {
  const r = parseAssignments(items, flag);
  if (!r.ok) return r;
  return { ok: true, params: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, parseParamValue(v)])) };
}

export { formatParams } from '../source/modelSource.ts';
