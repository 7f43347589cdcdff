/**
 * The job handler of a matrix cell (src/jobs): loads the catalogue the job names (cached per
 * process) and runs the cell. A cell whose model throws is reported as an error outcome, never
 * hidden: the matrix shows it.
 */
import { loadCatalog, type Catalog } from './catalog.ts';
import { runCell } from './cell.ts';
import type { CellJob, CellOutcome } from './types.ts';

export const CELL_JOB_HANDLER = new URL('./cellJob.ts', import.meta.url).href;

const catalogs = new Map<string, Catalog>();

export async function runJob(job: CellJob): Promise<CellOutcome> {
  try {
    let cat = catalogs.get(job.catalogUrl);
    if (cat === undefined) {
      const loaded = await loadCatalog(job.catalogUrl);
      if (!loaded.ok) throw new Error(loaded.error);
      cat = loaded.catalog;
      catalogs.set(job.catalogUrl, cat);
    }
    return runCell(cat, job);
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}
