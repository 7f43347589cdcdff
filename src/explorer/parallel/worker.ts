/**
 * A helper thread of the parallel search (started by pool.ts; from src/ through bootstrap.mjs,
 * which registers tsx first). It loads the model itself, the way the spec says (a module URL,
 * an export, a serialisable argument), waits for the coordinator's start message, checks it
 * has the coordinator's model, says it is ready, and then works in every round it is invited
 * to until the exit round, when it sends back what it found (and its parent log when a trace
 * needs it).
 *
 * It never lets an exception escape a round: a failure is recorded as this thread's error,
 * the search is stopped, and the thread still arrives at the barrier, so the coordinator is
 * never left waiting.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Model } from '../model.ts';
import { ARRIVED, CMD, CMD_EXIT, CMD_EXPAND, CMD_REHASH, CMD_REHASH_SPILL, GEN, JOINED, LEVEL, READY, requestStop, slot, STARTED, STOP_ERROR, TABLE_EPOCH, waitForRound, WANT_LOGS } from './control.ts';
import { Participant, type ParticipantOptions } from './participant.ts';
import { modelSignature, type HelperData, type HelperMessage, type StartMessage, type TableMessage } from './protocol.ts';
import { SearchThreadError } from './searchThreadError.ts';

const data = workerData as HelperData;
const ctrl = new Int32Array(data.ctrl);
const port = data.port as MessagePort;
const post = (m: HelperMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);

async function load(): Promise<Model> {
  const mod = (await import(data.spec.module)) as Record<string, unknown>;
  const make = mod[data.spec.exportName];
  if (typeof make !== 'function') throw new Error(`${data.spec.module} has no function ${data.spec.exportName}`);
  return (await (make as (arg: unknown) => Model | Promise<Model>)(data.spec.arg)) as Model;
}

/** The newest table buffer posted so far (the coordinator posts each one to every helper). */
function latestTable(epoch: number): SharedArrayBuffer | undefined {
  let found: SharedArrayBuffer | undefined;
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
    const msg = m.message as TableMessage;
    if (msg.type === 'table' && msg.epoch === epoch) found = msg.buffer;
  }
  return found;
}

/** Blocks until the coordinator has its model and posted the start message. */
function awaitStart(): StartMessage {
  while (Atomics.load(ctrl, STARTED) === 0) Atomics.wait(ctrl, STARTED, 0, 1000);
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
    if ((m.message as StartMessage).type === 'start') return m.message as StartMessage;
  }
  throw new SearchThreadError('no start message');
}

let model: Model;
let start: StartMessage;
try {
  model = await load();
  start = awaitStart();
  const sig = modelSignature(model);
  if (sig !== start.signature) throw new Error(`the model loaded in a search thread is not the one the coordinator has (${sig.slice(0, 120)} ≠ ${start.signature.slice(0, 120)}): is the model built deterministically from its parameters?`);
} catch (e) {
  Atomics.store(ctrl, slot(data.id, READY), 2);
  post({ type: 'load-failed', id: data.id, message: e instanceof Error ? e.message : String(e) });
  process.exit(0);
}

const opts: ParticipantOptions = { id: data.id, n: data.n, maxProperties: data.maxProperties, deadlock: start!.deadlock, stopAtFirst: start!.stopAtFirst, symmetry: start!.symmetry };
const part = new Participant(model!, ctrl, new Float64Array(data.stats), data.arenas, start!.table, opts);
let epoch = 0;
let gen = Atomics.load(ctrl, GEN); // read before saying ready: an invitation always finds us
Atomics.store(ctrl, slot(data.id, READY), 1);

for (;;) {
  gen = waitForRound(ctrl, gen);
  const cmd = Atomics.load(ctrl, CMD);
  if (cmd === CMD_EXIT) break;
  if (Atomics.load(ctrl, slot(data.id, JOINED)) !== 1) continue;
  try {
    const now = Atomics.load(ctrl, TABLE_EPOCH);
    // A growth's first round always comes with a new table; without one this thread's slice would be skipped.
    if (cmd === CMD_REHASH && now === epoch) throw new SearchThreadError(`a growth round without a new table (epoch ${epoch})`);
    if (now !== epoch) {
      const buffer = latestTable(now);
      if (buffer === undefined) throw new SearchThreadError(`table ${now} was not posted`);
      if (cmd === CMD_REHASH) part.rehash(part.table, buffer);
      else part.table = part.table.withBuffer(buffer);
      epoch = now;
    }
    if (cmd === CMD_REHASH_SPILL) part.rehashSpill();
    if (cmd === CMD_EXPAND) {
      if (Atomics.load(ctrl, LEVEL) !== part.level) part.beginLevel();
      part.expand(undefined);
    }
  } catch (e) {
    // Nothing of the model's runs outside expand (which catches its own errors): ours.
    if (part.error === undefined) part.failInternal(e);
    requestStop(ctrl, STOP_ERROR);
  }
  Atomics.add(ctrl, ARRIVED, 1);
  Atomics.notify(ctrl, ARRIVED);
}

if (Atomics.load(ctrl, slot(data.id, JOINED)) === 1) {
  const log = Atomics.load(ctrl, WANT_LOGS) === 1 ? part.log.exportState() : undefined;
  post(
    {
      type: 'result',
      id: data.id,
      findings: part.findings,
      error: part.error,
      logBytes: part.log.bytes(),
      transitions: part.transitions,
      ...(part.sym ? { symmetry: { unreduced: part.sym.unreduced, canonicalizations: part.sym.canon.canonicalizations, images: part.sym.canon.images } } : {}),
      ...(log ? { log } : {}),
    },
    log ? log.chunks.map((c) => c.buffer as ArrayBuffer) : [],
  );
}
