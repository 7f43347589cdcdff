/**
 * How a swarm's members differ (Holzmann, Joshi and Groce, "Swarm verification", 2008): each
 * is a bitstate search with its own hash-function seed (another set of collisions), its own
 * order of trying each state's actions (a seeded permutation; member 0 keeps the model's
 * order), and a DFS depth bound from a cycle of four (none, D, D/4, 4D; D from --depth-bound,
 * default 10,000), so shallow and deep members cover different parts of a state space no
 * single table holds. Deterministic: member i of a swarm is always the same search, so its job
 * id is stable and --resume finds it.
 */
import type { MemberJob, SwarmSource } from './types.ts';

export const DEFAULT_DEPTH_BOUND = 10_000;

export interface SwarmPlanRequest {
  readonly source: SwarmSource;
  readonly members: number;
  readonly log2Bits: number;
  readonly hashes: number;
  readonly depthBound: number;
  readonly properties: readonly string[];
  readonly deadlock?: MemberJob['deadlock'];
  readonly timeLimitMs?: number;
  readonly maxStates?: number;
}

/** The depth bound of member i: none, D, D/4, 4D, none, ... */
export function memberDepthBound(i: number, d: number): number | undefined {
  const k = i % 4;
  return k === 0 ? undefined : k === 1 ? d : k === 2 ? Math.max(1, Math.floor(d / 4)) : d * 4;
}

export function planSwarm(req: SwarmPlanRequest): MemberJob[] {
  return Array.from({ length: req.members }, (_, i) => {
    const bound = memberDepthBound(i, req.depthBound);
    return {
      source: req.source,
      member: i,
      members: req.members,
      log2Bits: req.log2Bits,
      hashes: req.hashes,
      seed: Math.imul(i + 1, 0x9e3779b1) >>> 0,
      orderSeed: i === 0 ? 0 : Math.imul(i, 0x85ebca77) >>> 0 || 1,
      ...(bound !== undefined ? { depthBound: bound } : {}),
      properties: [...req.properties],
      ...(req.deadlock !== undefined ? { deadlock: req.deadlock } : {}),
      ...(req.timeLimitMs !== undefined ? { timeLimitMs: req.timeLimitMs } : {}),
      ...(req.maxStates !== undefined ? { maxStates: req.maxStates } : {}),
    };
  });
}
