/**
 * The queue flags that matrix, layouts and swarm share (`--queue redis://HOST:PORT`,
 * `--resume`), read and checked in one place: a malformed address or an unreachable Redis is
 * one line and exit 2 before any work, `--resume` alone is refused.
 */
import { parseQueueUrl, unreachable, type RedisAddress } from '../../jobs/redis/connection.ts';

export const QUEUE_OPTIONS = {
  queue: { type: 'string' },
  resume: { type: 'boolean' },
} as const;

export const QUEUE_HELP = `  --queue redis://HOST:PORT
                        run the jobs on \`zrcheck worker\`s of any machine through this Redis
                        (BullMQ); the files come out the same as a local run's
  --resume              with --queue: keep the results of jobs finished by an earlier
                        (interrupted) run of the same jobs, and run only the rest`;

/** The queue address (undefined: run locally), or an error line. */
export async function queueOption(v: { queue?: string | undefined; resume?: boolean | undefined }): Promise<{ ok: true; address?: RedisAddress; resume: boolean } | { ok: false; error: string }> {
  if (v.queue === undefined) {
    if (v.resume === true) return { ok: false, error: '--resume collects the results of a queued run: give --queue redis://HOST:PORT too' };
    return { ok: true, resume: false };
  }
  const a = parseQueueUrl(v.queue);
  if (typeof a === 'string') return { ok: false, error: a };
  const bad = await unreachable(a);
  if (bad !== undefined) return { ok: false, error: bad };
  return { ok: true, address: a, resume: v.resume === true };
}

/** The extra progress text of a queued run. */
export function queueProgressText(s: { running: number; failed: number; retried: number; resumed: number }): string {
  return `running ${s.running}${s.failed > 0 ? ` failed ${s.failed}` : ''}${s.retried > 0 ? ` retried ${s.retried}` : ''}${s.resumed > 0 ? ` resumed ${s.resumed}` : ''}`;
}

/** The last line of a queued run, on stderr: how many jobs, how many retried or resumed. */
export function queueSummary(s: { done: number; total: number; retried: number; resumed: number } | undefined, noun: string): string {
  if (s === undefined) return '';
  const plural = /(ch|sh|s|x)$/.test(noun) ? `${noun}es` : `${noun}s`;
  return `zrcheck: queue: ${s.done} of ${s.total} ${plural} collected; ${s.retried} retried after a lost worker or a failed attempt; ${s.resumed} resumed from an earlier run\n`;
}
