/**
 * buildKernelSystem: compiles a request into the kernel model's transition system: the packed
 * state, the threads' rules, the initial state, what counts as a valid end, and what blocked
 * threads wait for. The properties (src/properties/kernel) and the composition into a checkable
 * Model (src/kernel) live above this layer: the model says what the kernel does, not what must
 * hold.
 */
import type { Rule } from '../explorer/define.ts';
import type { ThreadInfo, WaitInfo } from '../explorer/model.ts';
import { buildConfig, type KernelRequest } from './config.ts';
import { BP, CP, FP, initState, makeCtx, T_LOCKED, T_SWITCH, THREAD_NAMES, ZP, type KernelCtx } from './state.ts';
import { barrierRules } from './threads/barrier.ts';
import { commitRules } from './threads/commit.ts';
import { endioRules } from './threads/endio.ts';
import { flusherRules } from './threads/flusher.ts';
import { zeroerRules } from './threads/zeroer.ts';
import { enterStage, xfsCallerRules } from './xfs/caller.ts';
import { xfsEndioRules } from './xfs/endio.ts';
import { makeWaitsFor } from './waits.ts';
import { withFootprints } from './footprints/index.ts';

export interface KernelSystem {
  readonly ctx: KernelCtx;
  readonly threads: readonly ThreadInfo[];
  readonly rules: readonly Rule[];
  readonly init: (s: Uint32Array) => void;
  readonly isValidEnd: (s: Uint32Array) => boolean;
  readonly waitsFor: (s: Uint32Array, thread: number) => WaitInfo | undefined;
  /** Recorded in every artefact: what the model was built from. */
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly name: string;
}

export type SystemBuild = { ok: true; system: KernelSystem } | { ok: false; error: string };

function threadInfo(ctx: KernelCtx): ThreadInfo[] {
  const n = ctx.cfg.names;
  const caller = ctx.cfg.caller.kind;
  return [
    { name: 'Z', description: `zeroer: ${caller} -> ${n.zeroEntry}` },
    { name: 'F', description: `flusher: ${ctx.cfg.actors.flusher === 'sync' ? 'fsync / sync_file_range WAIT (WB_SYNC_ALL)' : 'background writeback / sync_file_range (WB_SYNC_NONE)'} -> ${n.writepages}` },
    { name: 'W', description: `end-I/O: ${n.endBio}, and the worker ${n.endioWork} -> ${n.endioFinish}` },
    ...(ctx.cfg.b.journal === 'xfs'
      ? [
          { name: 'C', description: 'no jbd2 commit thread on XFS (idle)' },
          { name: 'B', description: 'no jbd2 updates barrier on XFS (idle)' },
        ]
      : [
          { name: 'C', description: 'jbd2 commit thread (kjournald2)' },
          { name: 'B', description: 'updates barrier: EXT4_IOC_CHECKPOINT -> jbd2_journal_lock_updates' },
        ]),
  ];
}

/** Valid end: every thread finished, no I/O in flight, no commit half-way, the barrier released. */
function validEnd(ctx: KernelCtx, s: Uint32Array): boolean {
  const { f, cfg } = ctx;
  if (f.zPc.get(s) !== ZP.DONE || f.fPc.get(s) !== FP.DONE || f.wBusy.is(s) || f.bPc.get(s) !== BP.DONE) return false;
  for (let i = 0; i < cfg.folios; i++) if (f.folioWriteback.is(s, i)) return false;
  const tx = f.tx.get(s);
  return tx !== T_LOCKED && tx !== T_SWITCH && f.cPhase.get(s) === CP.IDLE && !f.spaceShort.is(s);
}

export function buildKernelSystem(req: KernelRequest): SystemBuild {
  const r = buildConfig(req);
  if (!r.ok) return r;
  const cfg = r.cfg;
  const ctx = makeCtx(cfg);
  const xfs = cfg.b.journal === 'xfs';
  const rules = withFootprints(
    xfs
      ? [...zeroerRules(ctx), ...xfsCallerRules(ctx), ...flusherRules(ctx), ...xfsEndioRules(ctx)]
      : [...zeroerRules(ctx), ...flusherRules(ctx), ...endioRules(ctx), ...commitRules(ctx), ...barrierRules(ctx)],
  );
  const threadOfRule = rules.map((x) => THREAD_NAMES.indexOf(x.thread as (typeof THREAD_NAMES)[number]));
  const params: Record<string, string | number | boolean> = { profile: cfg.profile.profile.id, scenario: cfg.scenario, variant: cfg.version };
  for (const [k, v] of Object.entries(cfg.assumptions)) params[k] = v;
  for (const [k, v] of Object.entries(cfg.profile.overrides)) params[k] = v;
  if (cfg.counterfactual.length > 0) params.counterfactual = true;
  const tag = cfg.counterfactual.length > 0 ? ' COUNTERFACTUAL' : '';
  return {
    ok: true,
    system: {
      ctx,
      threads: threadInfo(ctx),
      rules,
      init: (s) => {
        initState(ctx, s);
        // XFS callers run as programs of stages: the first stage decides the first phase.
        if (xfs) enterStage(ctx, s, 0);
      },
      isValidEnd: (s) => validEnd(ctx, s),
      waitsFor: makeWaitsFor(ctx, rules, threadOfRule),
      params,
      name: `kernel:${cfg.profile.profile.id}/${cfg.scenario}/${cfg.version}${tag}`,
    },
  };
}
