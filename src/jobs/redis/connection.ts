/**
 * The Redis side of the queue, named in one place: how `--queue redis://HOST:PORT[/DB]` is
 * read, the BullMQ queue's name, the keys zrcheck keeps beside it, and a reachability check
 * that turns a wrong address into one line instead of a client retrying forever.
 *
 * Keys: BullMQ's own under `bull:zrcheck:*`; results under `zrcheck:result:<job id>` (one
 * string each, written once with SET NX and kept 7 days, so --resume finds them and a job run
 * twice is stored once); cancel requests under `zrcheck:cancel:<job id>` (a swarm that found
 * its violation stops its other members).
 */
import { Redis } from 'ioredis';

export const QUEUE_NAME = 'zrcheck';
export const RESULT_TTL_SECONDS = 7 * 24 * 3600;
export const resultKey = (id: string) => `zrcheck:result:${id}`;
export const cancelKey = (id: string) => `zrcheck:cancel:${id}`;

export interface RedisAddress {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  /** As given, for messages. */
  readonly url: string;
}

/** `redis://HOST:PORT[/DB]` → the address, or a one-line reason it is not one. */
export function parseQueueUrl(raw: string): RedisAddress | string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return `--queue needs redis://HOST:PORT, got '${raw}'`;
  }
  if (u.protocol !== 'redis:') return `--queue needs redis://HOST:PORT, got '${raw}' (only redis: is supported)`;
  if (u.hostname === '') return `--queue ${raw}: no host`;
  const port = u.port === '' ? 6379 : Number(u.port);
  const dbText = u.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) return `--queue ${raw}: the database after '/' must be a whole number`;
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port, db, url: raw };
}

/** Options for BullMQ and ioredis (BullMQ needs maxRetriesPerRequest null on its connections). */
export function connectionOptions(a: RedisAddress) {
  return { host: a.host, port: a.port, db: a.db, maxRetriesPerRequest: null, enableOfflineQueue: true } as const;
}

/** A plain client for zrcheck's own keys. */
export function redisClient(a: RedisAddress): Redis {
  return new Redis({ ...connectionOptions(a), lazyConnect: true });
}

/** Connects and pings within `ms`; undefined when Redis answers, else why not (one line). */
export async function unreachable(a: RedisAddress, ms = 3000): Promise<string | undefined> {
  const r = new Redis({ host: a.host, port: a.port, db: a.db, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: ms, enableOfflineQueue: false });
  r.on('error', () => {});
  try {
    await r.connect();
    const pong = await r.ping();
    return pong === 'PONG' ? undefined : `Redis at ${a.url} answered '${pong}' to PING`;
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return `cannot reach Redis at ${a.url}: ${/Connection is closed/.test(m) ? 'nothing answers there (connection refused or closed)' : m}`;
  } finally {
    r.disconnect();
  }
}
