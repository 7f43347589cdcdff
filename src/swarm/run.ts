/**
 * A swarm, end to end but without printing: plan the members (plan.ts), run them as jobs
 * (this machine's worker processes, or the Redis queue: src/jobs/run.ts), stop every other
 * member at the first violation (queued members are cancelled), and sum up: members run,
 * states visited in total, each member's coverage estimate and the union's.
 */
import { unionCoverage } from '../explorer/bitstate.ts';
import { newSketch, sketchCount, sketchFromText, sketchMerge } from '../explorer/hll.ts';
import { runJobs, type QueueStatus } from '../jobs/run.ts';
import { planSwarm, type SwarmPlanRequest } from './plan.ts';
import type { MemberJob, MemberResult } from './types.ts';

export interface SwarmRequest extends SwarmPlanRequest {
  /** Local worker processes. */
  readonly jobs: number;
  readonly queue?: { readonly url: string; readonly resume: boolean; readonly onStatus?: (s: QueueStatus) => void };
  /** The model ref the queue hashes (src/jobs/modelRef.ts). */
  readonly modelRef: string;
  readonly onMember?: (r: MemberResult, done: number, total: number) => void;
  /** Registers a stop request (Ctrl-C). */
  readonly onStop?: (stop: () => void) => () => void;
}

export type SwarmOutcome =
  | {
      readonly kind: 'done';
      readonly plan: readonly MemberJob[];
      /** Finished members, by member number. */
      readonly members: readonly MemberResult[];
      /** The first violation found, if any. */
      readonly found?: MemberResult;
      /** Ctrl-C stopped it. */
      readonly interrupted: boolean;
      readonly totalStates: number;
      readonly unionCoverage: number;
      /** Distinct states the members stored together (HyperLogLog estimate, about ±1 %). */
      readonly unionStates: number;
    }
  | { readonly kind: 'failed'; readonly error: string };

export async function runSwarm(req: SwarmRequest): Promise<SwarmOutcome> {
  const plan = planSwarm(req);
  const finished: MemberResult[] = [];
  let found: MemberResult | undefined;
  let stop: (() => void) | undefined;
  let userStop = false;
  const out = await runJobs<MemberJob, MemberResult>(
    plan.map((payload) => ({ kind: 'swarm-member' as const, payload })),
    {
      workers: req.jobs,
      noun: 'swarm member',
      onResult: (r, done, total) => {
        finished.push(r.result);
        req.onMember?.(r.result, done, total);
        if (found === undefined && r.result.verdict === 'violated') {
          found = r.result;
          stop?.();
        }
      },
      onStop: (s) => {
        stop = s;
        const off = req.onStop?.(() => {
          userStop = true;
          s();
        });
        return () => {
          stop = undefined;
          off?.();
        };
      },
      ...(req.queue !== undefined ? { queue: { ...req.queue, model: req.modelRef, cancelOnStop: true } } : {}),
    },
  );
  if (out.kind === 'failed') return { kind: 'failed', error: out.error };
  const members = [...finished].sort((a, b) => a.member - b.member);
  const error = members.find((m) => m.verdict === 'error');
  if (error !== undefined && found === undefined) return { kind: 'failed', error: `swarm member ${error.member}: ${error.error}` };
  const union = newSketch();
  for (const m of members) if (m.sketch !== undefined) sketchMerge(union, sketchFromText(m.sketch));
  return {
    kind: 'done',
    plan,
    unionStates: Math.round(sketchCount(union)),
    members,
    ...(found !== undefined ? { found } : {}),
    interrupted: userStop,
    totalStates: members.reduce((s, m) => s + m.states, 0),
    // Only members without a depth bound that ran to their end: a bounded member's estimate is of
    // the states within its bound.
    unionCoverage: unionCoverage(members.filter((m) => m.verdict === 'searched' && plan[m.member]?.depthBound === undefined).map((m) => m.coverage)),
  };
}
