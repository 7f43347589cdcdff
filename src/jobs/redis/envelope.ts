/**
 * What travels through Redis: a job's envelope (kind, payload, the model it runs and that
 * model's source hash, as the submitter computed it) and a job's stored result. Both are plain
 * JSON, self-contained: no file URL, no reference to the submitting machine but its name for
 * messages.
 */
import { hostname } from 'node:os';
import type { JobKind } from '../registry.ts';

export interface Envelope {
  readonly v: 1;
  readonly kind: JobKind;
  readonly payload: unknown;
  /** The model ref (src/jobs/modelRef.ts) and the submitter's hash of its sources. */
  readonly model: { readonly ref: string; readonly hash: string };
  /** `host:pid` of the submitter, for messages only (not part of the job id). */
  readonly from: string;
}

export interface StoredResult {
  readonly result: unknown;
  readonly ms: number;
  /** `host:pid` of the worker that ran it. */
  readonly worker: string;
  /** The job was taken over after its worker was lost (stalled) or a failed attempt. */
  readonly retried: boolean;
}

export const thisProcess = () => `${hostname()}:${process.pid}`;
