/**
 * Where a model comes from, and loading it: a user's module (`MODULE` path, default export a
 * Model or a factory `(params) => Model`) or a kernel scenario (`--scenario ID --variant ID`,
 * built by `src/model/index.ts` `buildKernelModel`).
 *
 * Why a `ModelSource` value: every artefact (ITF meta, replay) records it, so a counterexample
 * can be re-executed later by rebuilding the very same model. Expected failures (missing file,
 * module throws on load, wrong default export shape, malformed param, unknown scenario) are
 * values carrying one line that names the problem; nothing here throws at the user.
 *
 * `.ts` modules load through plain dynamic `import()`: the CLI shim registers tsx, and vitest
 * transforms TypeScript itself.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Model } from '../explorer/model.ts';
import { formatParams, parseParams, type ParamValues } from './params.ts';

export type ModelSource =
  | { readonly kind: 'module'; readonly path: string; readonly params: ParamValues }
  | {
      readonly kind: 'kernel';
      readonly scenario: string;
      readonly variant: string;
      readonly assumptions: ParamValues;
    };

export type LoadedModel =
  | { readonly ok: true; readonly model: Model; readonly source: ModelSource }
  | { readonly ok: false; readonly error: string };

/** One line naming a model source, for messages and report headers. */
export function describeSource(source: ModelSource): string {
  if (source.kind === 'module') {
    const p = formatParams(source.params);
    return p === '' ? source.path : `${source.path} (${p})`;
  }
  const a = formatParams(source.assumptions);
  return `scenario ${source.scenario} variant ${source.variant}${a === '' ? '' : ` (${a})`}`;
}

/** The `parseArgs` options every model-taking command accepts; spread into its own options. */
export const MODEL_ARG_OPTIONS = {
  param: { type: 'string', multiple: true },
  scenario: { type: 'string' },
  variant: { type: 'string' },
  assume: { type: 'string', multiple: true },
} as const;

/** The parsed values of `MODEL_ARG_OPTIONS` (as `parseArgs` returns them). */
export interface ModelArgValues {
  readonly param?: readonly string[] | undefined;
  readonly scenario?: string | undefined;
  readonly variant?: string | undefined;
  readonly assume?: readonly string[] | undefined;
}

export type SourceResult =
  | { readonly ok: true; readonly source: ModelSource }
  | { readonly ok: false; readonly error: string };

/**
 * `MODULE [--param N=V]...` or `--scenario ID --variant ID [--assume N=V]...` → a ModelSource.
 * `positionals` are the command's positionals (the module path is the first); `cwd` resolves
 * a relative path.
 */
export function modelSourceFromArgs(
  positionals: readonly string[],
  values: ModelArgValues,
  cwd: string,
): SourceResult {
  const hasKernel = values.scenario !== undefined || values.variant !== undefined;
  if (positionals.length > 1) {
    return { ok: false, error: `expected one MODULE, got ${positionals.length}: ${positionals.join(' ')}` };
  }
  const modulePath = positionals[0];
  if (modulePath !== undefined && hasKernel) {
    return { ok: false, error: `give either MODULE (${modulePath}) or --scenario/--variant, not both` };
  }
  if (modulePath !== undefined) {
    if ((values.assume ?? []).length > 0) {
      return { ok: false, error: '--assume applies to kernel scenarios; use --param for a MODULE' };
    }
    const params = parseParams(values.param ?? [], '--param');
    if (!params.ok) return params;
    return { ok: true, source: { kind: 'module', path: resolvePath(cwd, modulePath), params: params.params } };
  }
  if (!hasKernel) return { ok: false, error: 'no model: give MODULE or --scenario ID --variant ID' };
  if (values.scenario === undefined) return { ok: false, error: `--variant ${values.variant} needs --scenario ID` };
  if (values.variant === undefined) return { ok: false, error: `--scenario ${values.scenario} needs --variant ID` };
  if ((values.param ?? []).length > 0) {
    return { ok: false, error: '--param applies to a MODULE; use --assume for kernel scenarios' };
  }
  const assumptions = parseParams(values.assume ?? [], '--assume');
  if (!assumptions.ok) return assumptions;
  return {
    ok: true,
    source: { kind: 'kernel', scenario: values.scenario, variant: values.variant, assumptions: assumptions.params },
  };
}

/** Loads the model a source names. */
export function loadModel(source: ModelSource): Promise<LoadedModel> {
  return source.kind === 'module'
    ? loadModelModule(source.path, source.params)
    : loadKernelModel(source.scenario, source.variant, source.assumptions);
}

/**
 * Loads a user's model module: the default export is a Model, or a function (params) → Model
 * (possibly async). `path` should be absolute (relative paths resolve against process.cwd()).
 */
export async function loadModelModule(path: string, params: ParamValues = {}): Promise<LoadedModel> {
  const file = resolvePath(process.cwd(), path);
  const source: ModelSource = { kind: 'module', path: file, params };
  try {
    const st = await stat(file);
    if (!st.isFile()) return { ok: false, error: `model module ${file} is not a file` };
  } catch {
    return { ok: false, error: `model module ${file} does not exist` };
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, error: `model module ${file} failed to load: ${oneLine(e)}` };
  }
  const exported = mod['default'];
  if (exported === undefined) {
    return { ok: false, error: `model module ${file} has no default export (expected a Model or (params) => Model)` };
  }
  let candidate: unknown = exported;
  if (typeof exported === 'function') {
    try {
      candidate = await (exported as (p: ParamValues) => unknown)(params);
    } catch (e) {
      const p = formatParams(params);
      return {
        ok: false,
        error: `model module ${file}: default export threw when called with params {${p}}: ${oneLine(e)}`,
      };
    }
  } else if (Object.keys(params).length > 0) {
    return {
      ok: false,
      error: `model module ${file} exports a Model, not a function, so --param ${formatParams(params)} cannot apply`,
    };
  }
  const shape = modelShapeProblem(candidate);
  if (shape !== undefined) {
    const what = typeof exported === 'function' ? 'the Model returned by its default export' : 'its default export';
    return { ok: false, error: `model module ${file}: ${what} is not a Model: ${shape}` };
  }
  return { ok: true, model: candidate as Model, source };
}

/** Shape of `src/model/index.ts` as this loader needs it (imported lazily, see below). */
type BuildKernelModel = (req: {
  scenario: string;
  variant: string;
  assumptions: Record<string, string>;
}) => { ok: true; model: Model } | { ok: false; error: unknown };

/**
 * Builds a kernel model. `src/model` is imported lazily, so the generic commands work (and
 * typecheck) before and without the kernel model.
 */
export async function loadKernelModel(scenario: string, variant: string, assumptions: ParamValues = {}): Promise<LoadedModel> {
  const source: ModelSource = { kind: 'kernel', scenario, variant, assumptions };
  let build: BuildKernelModel;
  try {
    const url = new URL('../model/index.ts', import.meta.url).href;
    const mod = (await import(url)) as { buildKernelModel?: BuildKernelModel };
    if (typeof mod.buildKernelModel !== 'function') {
      return { ok: false, error: 'kernel models are not available: src/model/index.ts exports no buildKernelModel' };
    }
    build = mod.buildKernelModel;
  } catch (e) {
    return { ok: false, error: `kernel models are not available: ${oneLine(e)}` };
  }
  let built: ReturnType<BuildKernelModel>;
  try {
    // Assumption values are names (`reserved`, `yes`); the kernel model takes them as text.
    const named = Object.fromEntries(Object.entries(assumptions).map(([k, v]) => [k, String(v)]));
    built = build({ scenario, variant, assumptions: named });
  } catch (e) {
    return { ok: false, error: `building scenario ${scenario} variant ${variant} failed: ${oneLine(e)}` };
  }
  if (!built.ok) return { ok: false, error: oneLine(built.error) };
  return { ok: true, model: built.model, source };
}

/** What is wrong with a value claimed to be a Model, or undefined when it looks like one. */
export function modelShapeProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return `got ${value === null ? 'null' : typeof value}`;
  const m = value as Record<string, unknown>;
  if (typeof m['name'] !== 'string') return 'name is not a string';
  const layout = m['layout'] as Record<string, unknown> | undefined;
  if (layout === null || typeof layout !== 'object' || typeof layout['words'] !== 'number' || typeof layout['describe'] !== 'function') {
    return 'layout is not a Layout (use defineLayout)';
  }
  for (const k of ['threads', 'actions', 'invariants'] as const) {
    if (!Array.isArray(m[k])) return `${k} is not an array`;
  }
  for (const k of ['initialStates', 'enabled', 'next'] as const) {
    if (typeof m[k] !== 'function') return `${k} is not a function`;
  }
  return undefined;
}

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** First line of an error's message: CLI errors are one line. */
function oneLine(e: unknown): string {
  const text =
    e instanceof Error
      ? e.message
      : typeof e === 'string'
        ? e
        : e !== null && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string'
          ? (e as { message: string }).message
          : (JSON.stringify(e) ?? String(e));
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.trim();
}
