/**
 * The swarm's job payload and result: one member, a bitstate search with its own
 * diversification (src/swarm/plan.ts). Plain JSON both ways, so a member runs as a local job
 * or on any `zrcheck worker` (src/jobs); the model is named by model ref, not by a path of
 * the submitting machine.
 */
import type { DeadlockMode } from '../explorer/model.ts';
import type { ParamValues } from '../source/modelSource.ts';

/** The model a member checks: a module (by model ref, src/jobs/modelRef.ts) or a kernel scenario. */
export type SwarmSource =
  | { readonly kind: 'module'; readonly ref: string; readonly params: ParamValues }
  | {
      readonly kind: 'kernel';
      readonly profile?: string;
      readonly scenario?: string;
      readonly layout?: string;
      readonly variant: string;
      readonly assumptions: ParamValues;
      readonly counterfactual?: boolean;
    };

export interface MemberJob {
  readonly source: SwarmSource;
  /** This member's number (0-based) and the swarm's size. */
  readonly member: number;
  readonly members: number;
  readonly log2Bits: number;
  readonly hashes: number;
  /** Hash-function seed. */
  readonly seed: number;
  /** Action-order seed (0: the model's order). */
  readonly orderSeed: number;
  /** States at this depth are not expanded (absent: no bound). */
  readonly depthBound?: number;
  /** Properties to check (names as --property takes them; empty: all). */
  readonly properties: readonly string[];
  readonly deadlock?: DeadlockMode;
  readonly timeLimitMs?: number;
  readonly maxStates?: number;
}

export interface MemberResult {
  readonly member: number;
  /** 'violated': a real violation (its trace below); 'searched': ran to its end or its bound; 'limit': stopped by a limit; 'error': the model failed. */
  readonly verdict: 'violated' | 'searched' | 'limit' | 'error';
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly wallMs: number;
  readonly coverage: number;
  readonly hashFactor: number;
  readonly limit?: string;
  readonly error?: string;
  /** HyperLogLog registers of the stored states, base64 (src/explorer/hll.ts): the swarm's union count. */
  readonly sketch?: string;
  /** The violation as replayable data: the property, the initial state's index and the actions. */
  readonly violation?: { readonly property: string; readonly kind: string; readonly initial: number; readonly actions: readonly number[] };
}
