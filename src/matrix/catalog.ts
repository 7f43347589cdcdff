/**
 * The catalogue the matrix runs over: profiles (each with its versions and assumptions),
 * scenarios, properties, mechanisms, the expectations, and a builder, read from a module by
 * URL. The kernel's catalogue is src/kernel/catalog.ts; tests point the matrix at a small fake
 * module with the same export.
 *
 * Why a URL and not an import: cell workers are separate processes; they receive the URL in
 * each job and import the same module, so the parent and the workers can never disagree on
 * which model they run.
 */
import type { Model } from '../explorer/model.ts';
import type { ExpectationRule } from '../properties/kernel/expectations.ts';
import type { CellKey } from './types.ts';

export interface CatalogEntry {
  readonly id: string;
  readonly title?: string;
  readonly name?: string;
  readonly description?: string;
  readonly cite?: string;
}

export interface CatalogAssumption {
  readonly id: string;
  readonly values: readonly string[];
  readonly default: string;
  readonly description?: string;
  readonly cite?: string;
}

export interface CatalogProfile {
  readonly id: string;
  readonly title: string;
  readonly cite: string;
  /** The versions this kernel runs. */
  readonly versions: readonly CatalogEntry[];
  /** Versions run only as labelled counterfactuals (a mix no kernel ships), with the reason. */
  readonly counterfactualVersions: readonly (CatalogEntry & { readonly why: string })[];
  readonly assumptions: readonly CatalogAssumption[];
  /** The scenarios this kernel runs (default: all); others are not cells of its table. */
  readonly scenarios?: readonly string[];
}

export interface CatalogMechanism extends CatalogEntry {
  /** The properties this mechanism breaks. */
  readonly properties: readonly string[];
}

/**
 * A built cell model. `classify` names the mechanism of a violation from its last state
 * (for properties without per-mechanism invariants, and for data properties).
 */
export type BuildResult =
  | {
      ok: true;
      model: Model;
      classify?: (property: string, last: Uint32Array) => string | undefined;
      /** Why this cell is a mix no kernel ships (empty or absent for a real kernel). */
      counterfactual?: readonly string[];
    }
  | { ok: false; error: string };

export interface Catalog {
  readonly profiles: readonly CatalogProfile[];
  readonly scenarios: readonly CatalogEntry[];
  readonly properties: readonly CatalogEntry[];
  readonly mechanisms: readonly CatalogMechanism[];
  readonly expectations: readonly ExpectationRule[];
  /** Property ids the explorer reports under another name (D2 is the built-in deadlock). */
  readonly aliases: Readonly<Record<string, string>>;
  /** Whether traces record a replayable kernel source (the real kernel catalogue). */
  readonly kernel: boolean;
  build(key: CellKey): BuildResult;
}

/** URL of the kernel's catalogue module. */
export const KERNEL_CATALOG_URL = new URL('../kernel/catalog.ts', import.meta.url).href;

export type CatalogLoad = { ok: true; catalog: Catalog } | { ok: false; error: string };

/** Imports a catalogue module (its `catalog` export) and checks its shape. */
export async function loadCatalog(url: string): Promise<CatalogLoad> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, error: `cannot load the model catalogue ${url}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const c = mod.catalog as Partial<Catalog> | undefined;
  if (c === undefined || typeof c !== 'object') return { ok: false, error: `the model catalogue ${url} does not export 'catalog'` };
  const missing = (['profiles', 'scenarios', 'properties', 'mechanisms', 'expectations', 'build'] as const).filter((k) => c[k] === undefined);
  if (missing.length > 0) return { ok: false, error: `the model catalogue ${url} lacks ${missing.join(', ')}` };
  return { ok: true, catalog: c as Catalog };
}

/** The profile of a catalogue by id. */
export function catalogProfile(catalog: Catalog, id: string): CatalogProfile | undefined {
  return catalog.profiles.find((p) => p.id === id);
}
