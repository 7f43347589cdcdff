/**
 * How a search thread of `zrcheck check --workers N` builds the command's model by itself
 * (src/explorer/parallel): from the same ModelSource, with the same --property selection.
 * `workerModelSpec` is that description; `loadWorkerModel` runs in the thread. A module is
 * bundled again in the thread (esbuild, as the command did) and must still have the sha256
 * the command saw.
 */
import type { Model } from '../explorer/model.ts';
import type { WorkerModelSpec } from '../explorer/parallel/coordinator.ts';
import { selectProperties } from '../properties/select.ts';
import type { ModelSource } from '../source/modelSource.ts';
import { loadModel } from './loadModule.ts';

export interface WorkerModelArg {
  readonly source: ModelSource;
  readonly properties: readonly string[];
}

export async function loadWorkerModel(arg: WorkerModelArg): Promise<Model> {
  const loaded = await loadModel(arg.source);
  if (!loaded.ok) throw new Error(loaded.error);
  const selected = selectProperties(loaded.model, arg.properties);
  if (typeof selected === 'string') throw new Error(selected);
  return selected.model;
}

export function workerModelSpec(source: ModelSource, properties: readonly string[]): WorkerModelSpec {
  return { module: import.meta.url, exportName: 'loadWorkerModel', arg: { source, properties } satisfies WorkerModelArg };
}
