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

export type ParamValue = string | number | boolean;
export type ParamValues = Readonly<Record<string, ParamValue>>;

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

/**
 * Parses `NAME=VALUE` items (as collected from repeated `--param` flags). `flag` names the
 * flag in error messages (`--param` by default). A name given twice is an error: silently
 * keeping one of them would make a run irreproducible from its command line.
 */
export function parseParams(items: readonly string[], flag = '--param'): ParamsResult {
  const params: Record<string, ParamValue> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq < 0) {
      return { ok: false, error: `${flag} ${JSON.stringify(item)} is malformed: expected NAME=VALUE` };
    }
    const name = item.slice(0, eq);
    const value = item.slice(eq + 1);
    if (!NAME.test(name)) {
      return {
        ok: false,
        error: `${flag} ${JSON.stringify(item)}: parameter name ${JSON.stringify(name)} must be letters, digits, _ or -, starting with a letter or _`,
      };
    }
    if (value === '') {
      return { ok: false, error: `${flag} ${JSON.stringify(item)}: parameter ${name} has an empty value` };
    }
    if (Object.prototype.hasOwnProperty.call(params, name)) {
      return { ok: false, error: `${flag} ${name} is given twice` };
    }
    params[name] = parseParamValue(value);
  }
  return { ok: true, params };
}

/** `NAME=VALUE` text of a record, in key order: how params appear in reports and replays. */
export function formatParams(params: ParamValues): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join(' ');
}
