/**
 * The job handler of a matrix cell (src/jobs, kind 'matrix-cell'): loads the catalogue the job
 * names (a model ref such as `src/kernel/catalog.ts`, read on whichever machine runs the job;
 * cached per process) and runs the cell. A cell whose model throws is reported as an error
 * outcome, never hidden: the matrix shows it.
 */
import { loadCatalog, type Catalog } from './catalog.ts';
import { runCell } from './cell.ts';
import type { CellJob, CellOutcome } from './types.ts';
import { refToUrl } from '../jobs/modelRef.ts';

const catalogs = new Map<string, Catalog>();

export async function runJob(job: CellJob): Promise<CellOutcome> {
  try {
    let cat = catalogs.get(job.catalogUrl);
    if (cat === undefined) {
      const loaded = await loadCatalog(refToUrl(job.catalogUrl));
      if (!loaded.ok) throw new Error(loaded.error);
      cat = loaded.catalog;
      catalogs.set(job.catalogUrl, cat);
    }
    return runCell(cat, job);
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}
