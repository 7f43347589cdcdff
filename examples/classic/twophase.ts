/**
 * Two-phase commit (one coordinator, N participants): the zrcheck twin of
 * test/parity/murphi/twophase.m. After the last acknowledgement only the coordinator's
 * `idle` rule is enabled and it changes nothing, so the end state is a deadlock under
 * 'stuttering' (Rumur's default) and not under 'stuck'. The model's own default is
 * 'stuttering', so a plain `zrcheck check` reports what a plain `rumur` run does; the parity
 * test drives every mode explicitly.
 * With RESTART=1 the coordinator's `restart` replaces `idle`: after the round it resets every
 * variable to the start state, so the protocol runs round after round, has no terminal state
 * and holds under every deadlock mode (the benchmark instance, bench/models/twophase.ts). The
 * reachable states are the same as without it; only the transitions out of CDone differ.
 */
import { bool, defineLayout, defineModel, oneOf, ruleset } from '../../src/index.ts';
import type { Model, Rule } from '../../src/index.ts';
import { intParam, onlyParams } from './params.ts';

// Coordinator stages.
const C_INIT = 0;
const C_WAIT = 1;
const C_DECIDED = 2;
const C_DONE = 3;
// Participant stages.
const WORKING = 0;
const READY = 1;
const COMMITTED = 2;
const ABORTED = 3;
// Votes and decisions.
const NO_VOTE = 0;
const YES = 1;
const NO = 2;
const UNDECIDED = 0;
const COMMIT = 1;
const ABORT = 2;

export default function twophase(raw: Readonly<Record<string, unknown>> = {}): Model {
  onlyParams('twophase', raw, ['N', 'RESTART']);
  const N = intParam('twophase', raw, 'N', 3, 1, 8);
  const RESTART = intParam('twophase', raw, 'RESTART', 0, 0, 1);
  const layout = defineLayout({
    c: oneOf(['CInit', 'CWait', 'CDecided', 'CDone']),
    p: oneOf(['Working', 'Ready', 'Committed', 'Aborted'], N),
    vote: oneOf(['NoVote', 'Yes', 'No'], N),
    ack: bool(N),
    decision: oneOf(['Undecided', 'Commit', 'Abort']),
  });
  const { c, p, vote, ack, decision } = layout.fields;
  const allVote = (s: Uint32Array, v: number): boolean => {
    for (let i = 0; i < N; i++) if (vote.get(s, i) !== v) return false;
    return true;
  };
  const someVote = (s: Uint32Array, v: number): boolean => {
    for (let i = 0; i < N; i++) if (vote.get(s, i) === v) return true;
    return false;
  };

  const coordinator = 'coordinator';
  const participantRules = (i: number): Rule[] => {
    const thread = `p${i}`;
    return [
      {
        name: `vote_yes[${i}]`,
        thread,
        guard: (s) => c.get(s) !== C_INIT && p.get(s, i) === WORKING,
        update: (_s, n) => {
          vote.set(n, YES, i);
          p.set(n, READY, i);
        },
        footprint: { guard: ['c', `p[${i}]`], reads: [], writes: [`vote[${i}]`, `p[${i}]`], when: { [`p[${i}]`]: 'Working' } },
      },
      {
        name: `vote_no[${i}]`,
        thread,
        guard: (s) => c.get(s) !== C_INIT && p.get(s, i) === WORKING,
        update: (_s, n) => {
          vote.set(n, NO, i);
          p.set(n, ABORTED, i);
        },
        footprint: { guard: ['c', `p[${i}]`], reads: [], writes: [`vote[${i}]`, `p[${i}]`], when: { [`p[${i}]`]: 'Working' } },
      },
    ];
  };
  const learnRules = (i: number): Rule[] => {
    const thread = `p${i}`;
    return [
      {
        name: `learn_commit[${i}]`,
        thread,
        guard: (s) => p.get(s, i) === READY && decision.get(s) === COMMIT,
        update: (_s, n) => p.set(n, COMMITTED, i),
        footprint: { guard: [`p[${i}]`, 'decision'], reads: [], writes: [`p[${i}]`], when: { [`p[${i}]`]: 'Ready', decision: 'Commit' } },
      },
      {
        name: `learn_abort[${i}]`,
        thread,
        guard: (s) => p.get(s, i) === READY && decision.get(s) === ABORT,
        update: (_s, n) => p.set(n, ABORTED, i),
        footprint: { guard: [`p[${i}]`, 'decision'], reads: [], writes: [`p[${i}]`], when: { [`p[${i}]`]: 'Ready', decision: 'Abort' } },
      },
      {
        name: `ack[${i}]`,
        thread,
        guard: (s) => {
          const st = p.get(s, i);
          return decision.get(s) !== UNDECIDED && (st === COMMITTED || st === ABORTED) && !ack.is(s, i);
        },
        update: (_s, n) => ack.set(n, 1, i),
        footprint: { guard: [`p[${i}]`, 'decision', `ack[${i}]`], reads: [], writes: [`ack[${i}]`], when: { [`ack[${i}]`]: false } },
      },
    ];
  };

  const rules: Rule[] = [
    {
      name: 'prepare',
      thread: coordinator,
      guard: (s) => c.get(s) === C_INIT,
      update: (_s, n) => c.set(n, C_WAIT),
      footprint: { guard: ['c'], reads: [], writes: ['c'], when: { c: 'CInit' } },
    },
    ...ruleset(N, participantRules),
    {
      name: 'decide_commit',
      thread: coordinator,
      guard: (s) => c.get(s) === C_WAIT && allVote(s, YES),
      update: (_s, n) => {
        decision.set(n, COMMIT);
        c.set(n, C_DECIDED);
      },
      footprint: { guard: ['c', 'vote'], reads: [], writes: ['decision', 'c'], when: { c: 'CWait' } },
    },
    {
      name: 'decide_abort',
      thread: coordinator,
      guard: (s) => c.get(s) === C_WAIT && someVote(s, NO),
      update: (_s, n) => {
        decision.set(n, ABORT);
        c.set(n, C_DECIDED);
      },
      footprint: { guard: ['c', 'vote'], reads: [], writes: ['decision', 'c'], when: { c: 'CWait' } },
    },
    ...ruleset(N, learnRules),
    {
      name: 'finish',
      thread: coordinator,
      guard: (s) => {
        if (c.get(s) !== C_DECIDED) return false;
        for (let i = 0; i < N; i++) if (!ack.is(s, i)) return false;
        return true;
      },
      update: (_s, n) => c.set(n, C_DONE),
      footprint: { guard: ['c', 'ack'], reads: [], writes: ['c'], when: { c: 'CDecided' } },
    },
    RESTART
      ? {
          name: 'restart',
          thread: coordinator,
          guard: (s) => c.get(s) === C_DONE,
          update: (_s, n) => {
            c.set(n, C_INIT);
            decision.set(n, UNDECIDED);
            for (let i = 0; i < N; i++) {
              p.set(n, WORKING, i);
              vote.set(n, NO_VOTE, i);
              ack.set(n, 0, i);
            }
          },
          footprint: { guard: ['c'], reads: [], writes: ['c', 'decision', 'p', 'vote', 'ack'], when: { c: 'CDone' } },
        }
      : // Deliberately a no-op: the state after it is the state before it (a stutter).
        {
          name: 'idle',
          thread: coordinator,
          guard: (s) => c.get(s) === C_DONE,
          update: () => {},
          footprint: { guard: ['c'], reads: [], writes: [], when: { c: 'CDone' } },
        },
  ];

  return defineModel({
    name: RESTART ? `twophase(N=${N},RESTART=1)` : `twophase(N=${N})`,
    layout,
    threads: [coordinator],
    rules,
    invariants: [
      {
        name: 'atomic_outcome',
        reads: ['p'],
        holds: (s) => {
          let committed = false;
          let aborted = false;
          for (let i = 0; i < N; i++) {
            const st = p.get(s, i);
            if (st === COMMITTED) committed = true;
            else if (st === ABORTED) aborted = true;
          }
          return !(committed && aborted);
        },
      },
      { name: 'commit_needs_all_yes', reads: ['decision', 'vote'], holds: (s) => decision.get(s) !== COMMIT || allVote(s, YES) },
    ],
    deadlock: 'stuttering',
    // The participants are interchangeable (Murphi: type pid: scalarset(N)); used by --symmetry.
    symmetry: [{ name: 'participant', size: N, indexes: ['p', 'vote', 'ack'] }],
    params: RESTART ? { N, RESTART } : { N },
  });
}
