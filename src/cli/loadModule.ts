/**
 * Loading a model from its source (src/source/modelSource.ts): a user's module (`MODULE`
 * path; default export a Model or a factory `(params) => Model`, with the parameters it takes
 * declared by `export const params = { ... }`) or a kernel scenario (`--scenario ID --variant
 * ID`, built by `src/model/index.ts` `buildKernelModel`).
 *
 * Expected failures (missing file, a syntax error, a module that throws, a wrong default
 * export, an unknown or malformed parameter, an unknown scenario) are values carrying one line
 * that names the problem and, for code, its file and line; `cause` keeps the original error
 * for `--debug`. Nothing here throws at the user.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Model } from '../explorer/model.ts';
import { paramSpecsError, resolveParams, type ParamSpecs } from '../explorer/params.ts';
import { formatParams, type ModelSource, type ParamValues } from '../source/modelSource.ts';
import { bundleModel } from './bundleModel.ts';
import { parseAssignments, parseParamValue } from './params.ts';

export type { ModelSource } from '../source/modelSource.ts';
export { describeSource } from '../source/modelSource.ts';
import { describeSource } from '../source/modelSource.ts';

export type LoadedModel =
  | {
      readonly ok: true;
      readonly model: Model;
      readonly source: ModelSource;
      /** Notes for stderr (e.g. params passed to a module that declares none). */
      readonly warnings?: readonly string[];
      /** Why a property this model does not check does not apply to it (kernel models). */
      readonly explainProperty?: (name: string) => string | undefined;
      /** A module's bundled code, for search threads to load as is (bundleModel's `prebuilt`). */
      readonly bundle?: string;
    }
  | { readonly ok: false; readonly error: string; readonly cause?: unknown };

/** The `parseArgs` options every model-taking command accepts; spread into its own options. */
export const MODEL_ARG_OPTIONS = {
  param: { type: 'string', multiple: true },
  profile: { type: 'string' },
  scenario: { type: 'string' },
  layout: { type: 'string' },
  variant: { type: 'string' },
  assume: { type: 'string', multiple: true },
  counterfactual: { type: 'boolean' },
} as const;

/** The parsed values of `MODEL_ARG_OPTIONS` (as `parseArgs` returns them). */
export interface ModelArgValues {
  readonly param?: readonly string[] | undefined;
  readonly profile?: string | undefined;
  readonly scenario?: string | undefined;
  readonly layout?: string | undefined;
  readonly variant?: string | undefined;
  readonly assume?: readonly string[] | undefined;
  readonly counterfactual?: boolean | undefined;
}

export type SourceResult = { readonly ok: true; readonly source: ModelSource } | { readonly ok: false; readonly error: string };

/**
 * `MODULE [--param N=V]...` or `[--profile P] (--scenario ID | --layout ID) --variant ID
 * [--assume N=V]... [--counterfactual]` → a ModelSource. Module params stay text here; loading
 * converts them to the types the module declares.
 */
export function modelSourceFromArgs(positionals: readonly string[], values: ModelArgValues, cwd: string): SourceResult {
  const kernelFlags = (['profile', 'scenario', 'layout', 'variant', 'counterfactual'] as const).filter((k) => values[k] !== undefined);
  const hasKernel = kernelFlags.length > 0;
  if (positionals.length > 1) {
    return { ok: false, error: `expected one MODULE, got ${positionals.length}: ${positionals.join(' ')}` };
  }
  const modulePath = positionals[0];
  if (modulePath !== undefined && hasKernel) {
    return { ok: false, error: `give either MODULE (${modulePath}) or a kernel model (--${kernelFlags[0]} ...), not both` };
  }
  if (modulePath !== undefined) {
    if ((values.assume ?? []).length > 0) return { ok: false, error: '--assume applies to kernel scenarios; use --param for a MODULE' };
    const params = parseAssignments(values.param ?? [], '--param');
    if (!params.ok) return params;
    return { ok: true, source: { kind: 'module', path: resolvePath(cwd, modulePath), params: params.values } };
  }
  if (!hasKernel) return { ok: false, error: 'no model: give MODULE or --scenario ID --variant ID' };
  if (values.scenario !== undefined && values.layout !== undefined) {
    return { ok: false, error: `give either --scenario (${values.scenario}) or --layout, not both: a layout sets the start, the caller and the flusher` };
  }
  const start = values.scenario !== undefined ? `--scenario ${values.scenario}` : values.layout !== undefined ? `--layout ${values.layout}` : undefined;
  if (start === undefined) return { ok: false, error: `--variant ${values.variant ?? 'ID'} needs --scenario ID or --layout ID` };
  if (values.variant === undefined) return { ok: false, error: `${start} needs --variant ID` };
  if ((values.param ?? []).length > 0) return { ok: false, error: '--param applies to a MODULE; use --assume for kernel scenarios' };
  const assumptions = parseAssignments(values.assume ?? [], '--assume');
  if (!assumptions.ok) return assumptions;
  return {
    ok: true,
    source: {
      kind: 'kernel',
      ...(values.profile !== undefined ? { profile: values.profile } : {}),
      ...(values.scenario !== undefined ? { scenario: values.scenario } : {}),
      ...(values.layout !== undefined ? { layout: values.layout } : {}),
      variant: values.variant,
      assumptions: assumptions.values,
      ...(values.counterfactual ? { counterfactual: true } : {}),
    },
  };
}

/**
 * Loads the model a source names. `prebuilt`: a module's bundle from this run (LoadedModel's
 * `bundle`), loaded instead of bundling the file again; the file must still have the sha256
 * the source records.
 */
export function loadModel(source: ModelSource, prebuilt?: string): Promise<LoadedModel> {
  return source.kind === 'module'
    ? loadModelModule(source.path, source.params, source.sha256, prebuilt)
    : loadKernelModel(source);
}

/** sha256 of a file's bytes (hex), recorded so a replay can tell a changed module. */
export async function fileSha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/**
 * Loads a user's model module: the default export is a Model, or a function (params) → Model
 * (possibly async). With `export const params` the given values are checked and typed against
 * the declaration (unknown names and malformed values refused; defaults filled in). `expectSha`
 * (from a trace being replayed) must match the file's current content.
 */
export async function loadModelModule(path: string, given: ParamValues = {}, expectSha?: string, prebuilt?: string): Promise<LoadedModel> {
  const file = resolvePath(process.cwd(), path);
  try {
    const st = await stat(file);
    if (!st.isFile()) return { ok: false, error: `model module ${file} is not a file` };
  } catch {
    return { ok: false, error: `model module ${file} does not exist` };
  }
  const sha256 = await fileSha256(file);
  if (expectSha !== undefined && expectSha !== sha256) {
    return { ok: false, error: `model module ${file} has changed since the trace was written (sha256 ${sha256.slice(0, 12)}…, the trace records ${expectSha.slice(0, 12)}…)` };
  }
  const bundled = await bundleModel(file, prebuilt);
  if (!bundled.ok) return { ok: false, error: `model module ${file} failed to build: ${bundled.error}` };
  let mod: Record<string, unknown>;
  try {
    mod = (await import(bundled.url)) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, error: `model module ${file} threw while loading: ${firstLine(e, dirname(file))}`, cause: e };
  } finally {
    bundled.cleanup();
  }
  const exported = mod['default'];
  if (exported === undefined) {
    return { ok: false, error: `model module ${file} has no default export (expected a Model or (params) => Model)` };
  }
  const warnings: string[] = [];
  let params: ParamValues = given;
  const declared = mod['params'];
  if (declared !== undefined) {
    const bad = paramSpecsError(declared);
    if (bad !== undefined) return { ok: false, error: `model module ${file}: export const ${bad}` };
    const r = resolveParams(declared as ParamSpecs, given);
    if (!r.ok) return { ok: false, error: `model module ${file}: ${r.error}` };
    params = r.values;
  } else if (Object.keys(given).length > 0) {
    // No declaration: values are typed by their look (numbers, true/false, text), unchecked.
    params = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, typeof v === 'string' ? parseParamValue(v) : v]));
    if (typeof exported === 'function') {
      warnings.push(`model module ${file} declares no params (export const params = {...}): --param ${formatParams(given)} is passed unchecked`);
    }
  }
  const source: ModelSource = { kind: 'module', path: file, params, sha256 };
  let candidate: unknown = exported;
  if (typeof exported === 'function') {
    try {
      candidate = await (exported as (p: ParamValues) => unknown)(params);
    } catch (e) {
      return { ok: false, error: `model module ${file}: its default export threw when called with {${formatParams(params)}}: ${firstLine(e, dirname(file))}`, cause: e };
    }
  } else if (Object.keys(given).length > 0) {
    return { ok: false, error: `model module ${file} exports a Model, not a function, so --param ${formatParams(given)} cannot apply` };
  }
  const shape = modelShapeProblem(candidate);
  if (shape !== undefined) {
    const what = typeof exported === 'function' ? 'the Model returned by its default export' : 'its default export';
    return { ok: false, error: `model module ${file}: ${what} is not a Model: ${shape}` };
  }
  return { ok: true, model: candidate as Model, source, bundle: bundled.code, ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Shape of `src/kernel/build.ts` as this loader needs it (imported lazily, see below). */
type BuildKernelModel = (req: {
  profile?: string;
  scenario?: string;
  variant: string;
  assumptions: Record<string, string>;
  layoutId?: string;
  counterfactual?: boolean;
}) => { ok: true; model: Model; explainProperty?: (name: string) => string | undefined } | { ok: false; error: unknown };

/**
 * Builds a kernel model. `src/kernel` is imported lazily, so the generic commands do not pay
 * for loading it.
 */
export async function loadKernelModel(source: ModelSource & { kind: 'kernel' }): Promise<LoadedModel> {
  let build: BuildKernelModel;
  try {
    const url = new URL(`../kernel/build${extOfThisFile()}`, import.meta.url).href;
    const mod = (await import(url)) as { buildKernelModel?: BuildKernelModel };
    if (typeof mod.buildKernelModel !== 'function') return { ok: false, error: 'kernel models are not available: src/kernel/build.ts exports no buildKernelModel' };
    build = mod.buildKernelModel;
  } catch (e) {
    return { ok: false, error: `kernel models are not available: ${firstLine(e)}`, cause: e };
  }
  let built: ReturnType<BuildKernelModel>;
  try {
    // Assumption values are names (`reserved`, `yes`); the kernel model takes them as text.
    const named = Object.fromEntries(Object.entries(source.assumptions).map(([k, v]) => [k, String(v)]));
    built = build({
      ...(source.profile !== undefined ? { profile: source.profile } : {}),
      ...(source.scenario !== undefined ? { scenario: source.scenario } : {}),
      ...(source.layout !== undefined ? { layoutId: source.layout } : {}),
      ...(source.counterfactual ? { counterfactual: true } : {}),
      variant: source.variant,
      assumptions: named,
    });
  } catch (e) {
    return { ok: false, error: `building ${describeSource(source)} failed: ${firstLine(e)}`, cause: e };
  }
  if (!built.ok) return { ok: false, error: firstLine(built.error) };
  return { ok: true, model: built.model, source, ...(built.explainProperty !== undefined ? { explainProperty: built.explainProperty } : {}) };
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

function extOfThisFile(): string {
  return import.meta.url.endsWith('.js') ? '.js' : '.ts';
}

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/**
 * The first line of an error's message, with where it was thrown in the model when the stack
 * says (`at .../m.ts:12:7`): CLI errors are one line; `--debug` prints the whole stack.
 */
export function firstLine(e: unknown, codeDir?: string): string {
  const text =
    e instanceof Error
      ? e.message
      : typeof e === 'string'
        ? e
        : e !== null && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string'
          ? (e as { message: string }).message
          : (JSON.stringify(e) ?? String(e));
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? text).trim();
  const where = e instanceof Error && codeDir !== undefined ? userFrame(e.stack ?? '', codeDir) : undefined;
  return where !== undefined ? `${line} (at ${where})` : line;
}

/** The first stack frame in the model's own folder (source-mapped from the bundle), if any. */
function userFrame(stack: string, codeDir: string): string | undefined {
  for (const m of stack.matchAll(/(?:\(|at )((?:file:\/\/)?\/[^()\s]+:\d+:\d+)\)?/g)) {
    const raw = m[1]!;
    const pos = /:\d+:\d+$/.exec(raw)![0];
    const file = raw.startsWith('file://') ? fileURLToPath(raw.slice(0, -pos.length)) : raw.slice(0, -pos.length);
    if (file.startsWith(codeDir) && !file.includes('/node_modules/')) return file + pos;
  }
  return undefined;
}
