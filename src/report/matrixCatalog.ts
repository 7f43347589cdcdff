/**
 * The catalogue the matrix runs over: versions, scenarios, assumptions, properties and a
 * builder, read from a module by URL. The kernel model (src/model/index.ts) exports exactly
 * these names; tests point the matrix at a small fake module with the same exports.
 *
 * Why a URL and not an import: cell workers are separate processes; they receive the URL in
 * each job and import the same module, so the parent and the workers can never disagree on
 * which model they run.
 */
import type { Model } from '../explorer/model.ts';

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

export type BuildResult = { ok: true; model: Model } | { ok: false; error: string };

export interface Catalog {
  readonly versions: readonly CatalogEntry[];
  readonly scenarios: readonly CatalogEntry[];
  readonly assumptions: readonly CatalogAssumption[];
  readonly properties: readonly CatalogEntry[];
  build(req: { scenario: string; variant: string; assumptions?: Record<string, string> }): BuildResult;
}

/** URL of the kernel model's public module. */
export const KERNEL_CATALOG_URL = new URL('../model/index.ts', import.meta.url).href;

/** Property ids reported by the explorer under another name (D2 is the built-in deadlock). */
export const PROPERTY_ALIASES: Readonly<Record<string, string>> = { D2: 'deadlock' };

export type CatalogLoad = { ok: true; catalog: Catalog } | { ok: false; error: string };

/** Imports a catalogue module and checks it has the expected exports. */
export async function loadCatalog(url: string): Promise<CatalogLoad> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, error: `cannot load the model catalogue ${url}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const missing = ['VERSIONS', 'SCENARIOS', 'KERNEL_PROPERTIES', 'buildKernelModel'].filter((k) => mod[k] === undefined);
  if (missing.length > 0) return { ok: false, error: `the model catalogue does not export ${missing.join(', ')} yet` };
  const build = mod.buildKernelModel as Catalog['build'];
  return {
    ok: true,
    catalog: {
      versions: mod.VERSIONS as CatalogEntry[],
      scenarios: mod.SCENARIOS as CatalogEntry[],
      assumptions: (mod.ASSUMPTIONS as CatalogAssumption[] | undefined) ?? [],
      properties: mod.KERNEL_PROPERTIES as CatalogEntry[],
      build: (req) => build(req),
    },
  };
}
