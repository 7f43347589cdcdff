/**
 * Every file state a setup program can produce for a geometry, each with the shortest program
 * that produces it (breadth first over operations from the empty file). The layout sweep draws
 * its starting states from here, so every start is reachable by construction, and the program
 * is the witness a reader (and a test) can re-run.
 */
import type { ProfileBehaviour } from '../profiles/index.ts';
import type { FileState } from '../types.ts';
import { applyOp, emptyFile, type Geometry, type SetupOp } from './ops.ts';

export interface ReachableStart {
  readonly state: FileState;
  readonly program: readonly SetupOp[];
}

/** Every operation instance over `n` blocks (ranges at block granularity). */
export function allOps(n: number, b: ProfileBehaviour): SetupOp[] {
  const ops: SetupOp[] = [{ op: 'writeback' }, { op: 'evict' }, { op: 'mmap-past-eof' }];
  for (let from = 0; from < n; from++) {
    for (let to = from + 1; to <= n; to++) {
      ops.push({ op: 'write', from, to }, { op: 'punch', from, to }, { op: 'read', from, to });
      ops.push({ op: 'fallocate', from, to, keepSize: true }, { op: 'fallocate', from, to, keepSize: false });
      if (b.cowFork) ops.push({ op: 'cow-prealloc', from, to });
    }
  }
  for (let size = 0; size <= n; size++) ops.push({ op: 'truncate', size });
  return ops;
}

export function stateKey(s: FileState): string {
  return `${s.map.join('')}/${s.disk.join('')}/${s.pc.join('')}/${s.cached.map(Number).join('')}${s.dirty.map(Number).join('')}/${s.iSize}/${s.iDiskSize}/${s.cow.join('')}`;
}

/** Breadth-first closure of the setup operations from the empty file. */
export function reachableStarts(g: Geometry, b: ProfileBehaviour): ReachableStart[] {
  const ops = allOps(g.blocks, b);
  const start = emptyFile(g);
  const seen = new Map<string, ReachableStart>([[stateKey(start), { state: start, program: [] }]]);
  const queue: ReachableStart[] = [seen.get(stateKey(start))!];
  for (let qi = 0; qi < queue.length; qi++) {
    const cur = queue[qi]!;
    for (const op of ops) {
      const next = applyOp(g, cur.state, op, b);
      if (typeof next === 'string') continue;
      const key = stateKey(next);
      if (seen.has(key)) continue;
      const r = { state: next, program: [...cur.program, op] };
      seen.set(key, r);
      queue.push(r);
    }
  }
  return queue;
}
