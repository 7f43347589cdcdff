/**
 * The job kinds and the module that runs each (its `runJob(payload)`). A job names its kind,
 * never a file: a payload that crosses machines (src/jobs/redis) must mean the same on every
 * machine that has the project, and a file URL is one machine's. The local pool uses the same
 * names, so both backends run exactly the same handler for a kind.
 */

export const JOB_KINDS = {
  /** One matrix cell: a profile, version, assumptions and scenario, every property (src/matrix/cellJob.ts). */
  'matrix-cell': new URL('../matrix/cellJob.ts', import.meta.url).href,
  /** One index range of a layout sweep (src/sweep/batch.ts). */
  'layout-batch': new URL('../sweep/batch.ts', import.meta.url).href,
  /** One diversified bitstate search of a swarm (src/swarm/member.ts). */
  'swarm-member': new URL('../swarm/member.ts', import.meta.url).href,
} as const;

export type JobKind = keyof typeof JOB_KINDS;

export function isJobKind(k: unknown): k is JobKind {
  return typeof k === 'string' && Object.hasOwn(JOB_KINDS, k);
}

/** The handler module of a kind (a file URL of this machine's checkout). */
export function handlerUrl(kind: JobKind): string {
  return JOB_KINDS[kind];
}
