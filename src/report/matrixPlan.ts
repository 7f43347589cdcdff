/**
 * Which cells the matrix runs, and the validation of the names a user asks for.
 *
 * Every version x scenario runs once with default assumptions, and once more per non-default
 * value of each assumption (one assumption changed at a time). Comparing those runs with the
 * default one is how the matrix discovers which assumptions change an answer (matrixAssemble).
 */
import { KERNEL_CATALOG_URL, type Catalog } from './matrixCatalog.ts';
import type { CellJob } from './matrixTypes.ts';

/**
 * Coherent combinations of assumptions worth a row of their own: one assumption at a time can
 * build hybrids no kernel has (e.g. reserved conversion handles with the iomap lock order), so
 * the real combinations are run too. Each is kept in the matrix only if it changes an answer.
 */
export interface AssumptionProfile {
  readonly id: string;
  readonly assumptions: Readonly<Record<string, string>>;
  readonly description: string;
  readonly cite: string;
}

export const ASSUMPTION_PROFILES: readonly AssumptionProfile[] = [
  {
    id: 'buffer-head-writeback',
    assumptions: { 'conversion-handle': 'reserved', 'lock-order': 'handle-then-folio' },
    description:
      "ext4's buffer-head writeback as it is today: the handle is started before the folio lock, and writeback outside any handle hands a reserved handle to the end-I/O conversion",
    cite: 'spec A.7 (S16), B.8, C.2',
  },
];

export interface PlanRequest {
  /** Version ids to run; empty = all. */
  readonly variants: readonly string[];
  /** Scenario ids to run; empty = all. */
  readonly scenarios: readonly string[];
  /** Also run the non-default assumption settings (default true). */
  readonly assumptions?: boolean;
  readonly maxStates: number;
  readonly catalogUrl: string;
}

export type PlanResult = { ok: true; jobs: CellJob[] } | { ok: false; error: string };

/** Checks requested names against the catalogue: one line naming the bad value and the valid ones. */
export function validateNames(catalog: Catalog, variants: readonly string[], scenarios: readonly string[]): string | undefined {
  const vIds = catalog.versions.map((v) => v.id);
  const sIds = catalog.scenarios.map((s) => s.id);
  const badV = variants.filter((v) => !vIds.includes(v));
  if (badV.length > 0) return `unknown variant ${badV.map((b) => `'${b}'`).join(', ')}; valid variants: ${vIds.join(', ')}`;
  const badS = scenarios.filter((s) => !sIds.includes(s));
  if (badS.length > 0) return `unknown scenario ${badS.map((b) => `'${b}'`).join(', ')}; valid scenarios: ${sIds.join(', ')}`;
  return undefined;
}

export function planMatrix(catalog: Catalog, req: PlanRequest): PlanResult {
  const bad = validateNames(catalog, req.variants, req.scenarios);
  if (bad !== undefined) return { ok: false, error: bad };
  const variants = catalog.versions.map((v) => v.id).filter((v) => req.variants.length === 0 || req.variants.includes(v));
  const scenarios = catalog.scenarios.map((s) => s.id).filter((s) => req.scenarios.length === 0 || req.scenarios.includes(s));
  const properties = catalog.properties.map((p) => p.id);
  const settings: Record<string, string>[] = [{}];
  if (req.assumptions ?? true) {
    for (const a of catalog.assumptions) {
      for (const value of a.values) if (value !== a.default) settings.push({ [a.id]: value });
    }
    for (const p of ASSUMPTION_PROFILES) {
      const fits = Object.entries(p.assumptions).every(([k, v]) => catalog.assumptions.some((a) => a.id === k && a.values.includes(v) && a.default !== v));
      if (fits) settings.push({ ...p.assumptions });
    }
  }
  const jobs: CellJob[] = [];
  for (const scenario of scenarios) {
    for (const variant of variants) {
      for (const assumptions of settings) {
        jobs.push({ scenario, variant, assumptions, catalogUrl: req.catalogUrl, properties, maxStates: req.maxStates, kernel: req.catalogUrl === KERNEL_CATALOG_URL });
      }
    }
  }
  return { ok: true, jobs };
}
