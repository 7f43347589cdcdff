/**
 * How a search thread of `zrcheck check --workers N` builds the command's model by itself
 * (src/explorer/parallel): from the same ModelSource, with the same --property selection.
 * `workerModelSpec` is that description; `loadWorkerModel` runs in the thread. A module's
 * thread loads the bundle the command made (its text travels in the spec), so every thread
 * runs the same code and no thread starts esbuild again; the file must still have the sha256
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
  /** The command's bundle of a module source (LoadedModel's `bundle`). */
  readonly bundle?: string;
}

export async function loadWorkerModel(arg: WorkerModelArg): Promise<Model> {
  const loaded = await loadModel(arg.source, arg.bundle);
  if (!loaded.ok) throw new Error(loaded.error);
  const selected = selectProperties(loaded.model, arg.properties);
  if (typeof selected === 'string') throw new Error(selected);
  return selected.model;
}

export function workerModelSpec(source: ModelSource, properties: readonly string[], bundle?: string): WorkerModelSpec {
  return { module: import.meta.url, exportName: 'loadWorkerModel', arg: { source, properties, ...(bundle !== undefined ? { bundle } : {}) } satisfies WorkerModelArg };
}
