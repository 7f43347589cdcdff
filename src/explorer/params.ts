/**
 * Declared model parameters: a model module says which parameters it takes, their types and
 * defaults (`export const params = { N: intParam(3, { min: 2, max: 8 }) }`), and everything
 * that builds the model from text (`--param N=4`, a replayed trace, a job payload) goes
 * through `resolveParams`. An unknown name or a malformed value is refused with a message
 * naming it, instead of being ignored or silently turned into another type.
 */

export type ParamValue = string | number | boolean;

export interface IntParamSpec {
  readonly type: 'int';
  readonly default: number;
  readonly min?: number;
  readonly max?: number;
  readonly description?: string;
}
export interface EnumParamSpec<V extends string = string> {
  readonly type: 'enum';
  readonly values: readonly V[];
  readonly default: V;
  readonly description?: string;
}
export interface BoolParamSpec {
  readonly type: 'bool';
  readonly default: boolean;
  readonly description?: string;
}
export interface StringParamSpec {
  readonly type: 'string';
  readonly default: string;
  readonly description?: string;
}
export type ParamSpec = IntParamSpec | EnumParamSpec | BoolParamSpec | StringParamSpec;

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/** The typed values a factory receives for declared params. */
export type ParamsOf<S extends ParamSpecs> = {
  readonly [K in keyof S]: S[K] extends IntParamSpec ? number : S[K] extends BoolParamSpec ? boolean : S[K] extends EnumParamSpec<infer V> ? V : string;
};

/** An integer parameter with a default and optional bounds. */
export function intParam(def: number, opts: { min?: number; max?: number; description?: string } = {}): IntParamSpec {
  return { type: 'int', default: def, ...opts };
}
/** One of the given names. */
export function enumParam<const V extends string>(values: readonly V[], def: NoInfer<V>, description?: string): EnumParamSpec<V> {
  return { type: 'enum', values, default: def, ...(description !== undefined ? { description } : {}) };
}
/** `true` or `false`. */
export function boolParam(def: boolean, description?: string): BoolParamSpec {
  return { type: 'bool', default: def, ...(description !== undefined ? { description } : {}) };
}
/** Any text. */
export function stringParam(def: string, description?: string): StringParamSpec {
  return { type: 'string', default: def, ...(description !== undefined ? { description } : {}) };
}

/** Checks a declaration itself (a module's `params` export); an error line or undefined. */
export function paramSpecsError(specs: unknown): string | undefined {
  if (specs === null || typeof specs !== 'object' || Array.isArray(specs)) return 'params must be an object of parameter declarations (intParam, enumParam, ...)';
  for (const [name, s] of Object.entries(specs as Record<string, unknown>)) {
    const spec = s as Partial<ParamSpec> & { values?: unknown };
    if (spec === null || typeof spec !== 'object') return `params.${name} is not a parameter declaration`;
    if (spec.type === 'int') {
      if (!Number.isSafeInteger(spec.default)) return `params.${name}: default ${String(spec.default)} is not an integer`;
      if (spec.min !== undefined && spec.default! < spec.min) return `params.${name}: default ${spec.default} is below min ${spec.min}`;
      if (spec.max !== undefined && spec.default! > spec.max) return `params.${name}: default ${spec.default} is above max ${spec.max}`;
    } else if (spec.type === 'enum') {
      if (!Array.isArray(spec.values) || spec.values.length === 0) return `params.${name}: an enum needs a non-empty list of values`;
      if (!spec.values.includes(spec.default as string)) return `params.${name}: default ${JSON.stringify(spec.default)} is not one of ${spec.values.join(', ')}`;
    } else if (spec.type === 'bool') {
      if (typeof spec.default !== 'boolean') return `params.${name}: default must be true or false`;
    } else if (spec.type === 'string') {
      if (typeof spec.default !== 'string') return `params.${name}: default must be a string`;
    } else return `params.${name}: type ${JSON.stringify(spec.type)} is not int, enum, bool or string`;
  }
  return undefined;
}

/** One value in its declared type, or an error line. Accepts text (the CLI) or typed values. */
function convert(name: string, spec: ParamSpec, raw: ParamValue): ParamValue | { error: string } {
  const shown = JSON.stringify(raw);
  switch (spec.type) {
    case 'int': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
      const range = `${spec.min ?? '-∞'}..${spec.max ?? '∞'}`;
      if (!Number.isSafeInteger(n)) return { error: `parameter ${name}=${shown} is not an integer (declared int, ${range})` };
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return { error: `parameter ${name}=${n} is outside ${range}` };
      return n;
    }
    case 'enum': {
      const v = String(raw);
      return spec.values.includes(v) ? v : { error: `parameter ${name}=${shown} is not one of ${spec.values.join(', ')}` };
    }
    case 'bool':
      if (raw === true || raw === 'true') return true;
      if (raw === false || raw === 'false') return false;
      return { error: `parameter ${name}=${shown} is not true or false` };
    case 'string':
      return String(raw);
  }
}

export type ResolvedParams = { readonly ok: true; readonly values: Readonly<Record<string, ParamValue>> } | { readonly ok: false; readonly error: string };

/**
 * Declared defaults overridden by `given`, each value converted to its declared type. An
 * unknown name is refused with the declared names (a typo is never silently ignored).
 */
export function resolveParams(specs: ParamSpecs, given: Readonly<Record<string, ParamValue>>): ResolvedParams {
  const names = Object.keys(specs);
  for (const k of Object.keys(given)) {
    if (!Object.prototype.hasOwnProperty.call(specs, k)) {
      return { ok: false, error: `unknown parameter ${k}; ${names.length === 0 ? 'the model takes none' : `declared: ${names.map((n) => describeParam(n, specs[n]!)).join(', ')}`}` };
    }
  }
  const values: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = given[name];
    if (raw === undefined) {
      values[name] = spec.default;
      continue;
    }
    const v = convert(name, spec, raw);
    if (typeof v === 'object') return { ok: false, error: v.error };
    values[name] = v;
  }
  return { ok: true, values };
}

/** `N (int 2..8, default 3)`: a declared parameter as help text shows it. */
export function describeParam(name: string, spec: ParamSpec): string {
  switch (spec.type) {
    case 'int':
      return `${name} (int${spec.min !== undefined || spec.max !== undefined ? ` ${spec.min ?? ''}..${spec.max ?? ''}` : ''}, default ${spec.default})`;
    case 'enum':
      return `${name} (${spec.values.join('|')}, default ${spec.default})`;
    case 'bool':
      return `${name} (true|false, default ${spec.default})`;
    case 'string':
      return `${name} (text, default ${JSON.stringify(spec.default)})`;
  }
}
