/**
 * Parameter parsing shared by the classic models: CLI params arrive as strings, so each
 * model validates its integers here and fails with a message naming the parameter.
 */

/** Reads integer `name` from `raw` (number or decimal string), default `def`, within min..max. */
export function intParam(
  model: string,
  raw: Readonly<Record<string, unknown>>,
  name: string,
  def: number,
  min: number,
  max: number,
): number {
  const v = raw[name];
  if (v === undefined) return def;
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${model}: parameter ${name}=${JSON.stringify(v)} is invalid: expected an integer in ${min}..${max}`);
  }
  return n;
}

/** Rejects parameters the model does not know, so a typo is not silently ignored. */
export function onlyParams(model: string, raw: Readonly<Record<string, unknown>>, known: readonly string[]): void {
  for (const k of Object.keys(raw)) {
    if (!known.includes(k)) {
      throw new Error(`${model}: unknown parameter ${k}=${JSON.stringify(raw[k])}; expected ${known.join(', ') || 'none'}`);
    }
  }
}
