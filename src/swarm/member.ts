/**
 * The job handler of a swarm member (src/jobs, kind 'swarm-member'): loads the model the job
 * names (cached per process), runs one bitstate search with the member's diversification, and
 * returns its counts, its coverage estimate and, at a violation, the trace as replayable data
 * (the initial state's index and the action ids; the submitter rebuilds, minimises and exports
 * it). A model that fails is reported, never hidden.
 */
import { check } from '../explorer/check.ts';
import type { Model } from '../explorer/model.ts';
import { limitText } from '../explorer/outcome.ts';
import { sketchToText } from '../explorer/hll.ts';
import { refToPath } from '../jobs/modelRef.ts';
import { selectProperties } from '../properties/select.ts';
import { loadModel, type LoadedModel } from '../cli/loadModule.ts';
import type { ModelSource } from '../source/modelSource.ts';
import type { MemberJob, MemberResult, SwarmSource } from './types.ts';

const models = new Map<string, Promise<LoadedModel>>();

/** The swarm source as a ModelSource on this machine. */
export function modelSourceOf(s: SwarmSource): ModelSource {
  if (s.kind === 'module') return { kind: 'module', path: refToPath(s.ref), params: s.params };
  const { kind: _k, ...rest } = s;
  return { kind: 'kernel', ...rest };
}

export async function loadSwarmModel(s: SwarmSource): Promise<LoadedModel> {
  const key = JSON.stringify(s);
  let p = models.get(key);
  if (p === undefined) {
    p = loadModel(modelSourceOf(s));
    models.set(key, p);
  }
  return p;
}

/** Runs a member on a loaded model (in this process: tests and the local fallback use it too). */
export function runMember(model: Model, job: MemberJob, explain?: (name: string) => string | undefined, shouldAbort?: () => boolean): MemberResult {
  const base = { member: job.member, states: 0, transitions: 0, depth: 0, wallMs: 0, coverage: 0, hashFactor: 0 };
  const sel = selectProperties(model, job.properties, explain);
  if (typeof sel === 'string') return { ...base, verdict: 'error', error: sel };
  const o = check(sel.model, {
    search: 'dfs',
    store: 'bitstate',
    stopAtFirst: true,
    bitstate: { log2Bits: job.log2Bits, hashes: job.hashes, seed: job.seed, orderSeed: job.orderSeed, sketch: true, ...(job.depthBound !== undefined ? { depthBound: job.depthBound } : {}) },
    ...(sel.deadlockOff ? { deadlock: 'off' as const } : job.deadlock !== undefined ? { deadlock: job.deadlock } : {}),
    ...(job.timeLimitMs !== undefined ? { timeLimitMs: job.timeLimitMs } : {}),
    ...(job.maxStates !== undefined ? { maxStates: job.maxStates } : {}),
    ...(shouldAbort !== undefined ? { shouldAbort } : {}),
  });
  if (o.verdict === 'error') return { ...base, verdict: 'error', error: o.error.message };
  const s = o.stats;
  const sketch = s.bitstate?.sketch;
  const counts = {
    ...base,
    states: s.states,
    transitions: s.transitions,
    depth: s.depth,
    wallMs: s.wallMs,
    coverage: s.bitstate?.coverage ?? 0,
    hashFactor: s.bitstate?.hashFactor ?? 0,
    ...(sketch !== undefined ? { sketch: sketchToText(sketch) } : {}),
  };
  const v = o.verdict === 'violated' ? o.violations[0] : undefined;
  if (v !== undefined) {
    const inits = sel.model.initialStates();
    const initial = inits.findIndex((x) => x.length === v.trace.initial.length && x.every((w, i) => w === v.trace.initial[i]));
    return { ...counts, verdict: 'violated', violation: { property: v.property, kind: v.kind, initial: Math.max(0, initial), actions: v.trace.steps.map((st) => st.action) } };
  }
  const limit = o.verdict === 'incomplete' ? o.limit : undefined;
  if (limit !== undefined && limit.kind !== 'bitstate') return { ...counts, verdict: 'limit', limit: limitText(limit) };
  return { ...counts, verdict: 'searched' };
}

export async function runJob(job: MemberJob): Promise<MemberResult> {
  const loaded = await loadSwarmModel(job.source);
  if (!loaded.ok) return { member: job.member, verdict: 'error', error: loaded.error, states: 0, transitions: 0, depth: 0, wallMs: 0, coverage: 0, hashFactor: 0 };
  return runMember(loaded.model, job, loaded.explainProperty);
}
