/**
 * What the coordinator and its helper threads tell each other besides the shared control
 * block: how a helper loads the model, what it is given, what it sends back (its findings and
 * errors, with where they happened), and the signature that shows both threads built the
 * same model.
 */
import type { MessagePort } from 'node:worker_threads';
import type { DeadlockMode, Model } from '../model.ts';
import type { ParentLogState } from '../parentLog.ts';
import type { ModelError, ViolationKind } from '../outcome.ts';

/** Where something happened: a level state's number, or entry `i` of thread `p`'s log. */
export type Location = { readonly kind: 'number'; readonly n: number } | { readonly kind: 'log'; readonly p: number; readonly i: number };

/** A violation this thread found, with the level of the state that shows it. */
export interface Finding {
  readonly property: string;
  readonly kind: ViolationKind;
  readonly level: number;
  readonly at: Location;
}

/** A model error this thread met: its message, and where (for the trace). */
export interface ThreadError {
  readonly error: Omit<ModelError, 'cause' | 'trace'>;
  readonly cause: { readonly name: string; readonly message: string; readonly stack?: string } | undefined;
  readonly at: Location | undefined;
  /** Not the model's: a fault of the parallel search (SearchThreadError), `error.message` says which. */
  readonly internal?: boolean;
}

/**
 * How a helper thread builds the model: `await (await import(module))[exportName](arg)`.
 * `arg` must survive structured cloning (the command line passes its ModelSource).
 */
export interface WorkerModelSpec {
  readonly module: string;
  readonly exportName: string;
  readonly arg: unknown;
}

export interface HelperData {
  readonly id: number;
  readonly n: number;
  /** Properties the control block has room for. */
  readonly maxProperties: number;
  readonly ctrl: SharedArrayBuffer;
  readonly stats: SharedArrayBuffer;
  readonly arenas: readonly SharedArrayBuffer[];
  readonly port: MessagePort;
  readonly spec: WorkerModelSpec;
  /** From src/: the worker module bootstrap.mjs imports once tsx is registered. */
  readonly entry?: string;
}

/** Posted to every helper once the coordinator has its model (after which STARTED is set). */
export interface StartMessage {
  readonly type: 'start';
  readonly table: SharedArrayBuffer;
  readonly signature: string;
  readonly deadlock: DeadlockMode;
  readonly stopAtFirst: boolean;
  /** Symmetry reduction: every thread fingerprints successors by their canonical form. */
  readonly symmetry: boolean;
}

/** A grown table, for the growth round of epoch `epoch`. */
export interface TableMessage {
  readonly type: 'table';
  readonly epoch: number;
  readonly buffer: SharedArrayBuffer;
}

export type HelperMessage =
  | { readonly type: 'load-failed'; readonly id: number; readonly message: string }
  | {
      readonly type: 'result';
      readonly id: number;
      readonly findings: readonly Finding[];
      readonly error: ThreadError | undefined;
      readonly logBytes: number;
      readonly transitions: number;
      /** With symmetry: this thread's sum of orbit sizes, canonical forms and images (symmetry/). */
      readonly symmetry?: { readonly unreduced: number; readonly canonicalizations: number; readonly images: number };
      readonly log?: ParentLogState;
    };

/** What must be equal for two threads to search the same state space in the same numbering. */
export function modelSignature(m: Model): string {
  return JSON.stringify([
    m.name,
    m.layout.words,
    [...m.layout.usedBits],
    m.actions.map((a) => [a.name, a.thread]),
    m.invariants.map((i) => i.name),
    (m.endChecks ?? []).map((i) => i.name),
    m.threads.length,
    m.deadlock ?? null,
  ]);
}
