/**
 * How a search thread of the parallel search builds a bench model (src/explorer/parallel:
 * each thread loads the model itself from a module URL, an export and an argument).
 * `benchModelSpec(name, params)` is that description for the bench and the tests.
 */
import type { Model } from '../../src/index.ts';
import type { WorkerModelSpec } from '../../src/explorer/parallel/coordinator.ts';
import { findModel, type BenchParams } from './index.ts';

export interface BenchModelArg {
  readonly name: string;
  readonly params: BenchParams;
}

export function loadBenchModel(arg: BenchModelArg): Model {
  const m = findModel(arg.name);
  if (m === undefined) throw new Error(`no bench model ${arg.name}`);
  return m.make(arg.params);
}

export function benchModelSpec(name: string, params: BenchParams): WorkerModelSpec {
  return { module: new URL('./load.ts', import.meta.url).href, exportName: 'loadBenchModel', arg: { name, params } };
}
