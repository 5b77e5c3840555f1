// The shared-memory all-reduce (when crossOriginIsolated): N worker threads share one SharedArrayBuffer,
// meet at Atomics barriers, and each sums one chunk of the vector over all parties in party order, so
// there is exactly one sum and every replica copies the same bits. Imports only ./all-reduce at run time.
import { AllReduceTimeoutError, sumInOrder, type GradientAllReduce } from './all-reduce';

/** Structured-cloneable description of the shared region: post it to every party (the buffer is shared, not copied). */
export interface SharedReduceBuffer {
  buffer: SharedArrayBuffer;
  parties: number;
  /** Float32 values each party contributes per round. */
  length: number;
}

// Int32 header: barrier generation, arrivals in the current barrier, abort flag (1 + the party that gave
// up, 0 if none), then one ticket per party = barriers that party has entered (names the missing ones).
const GENERATION = 0;
const ARRIVED = 1;
const ABORTED = 2;
const TICKETS = 3;
/** Header bytes, rounded up to 64 so the float slots start on their own cache line. */
const headerBytes = (parties: number) => Math.ceil(((TICKETS + parties) * 4) / 64) * 64;

/**
 * Allocate the region for `parties` parties summing `length` floats: N input slots plus one result,
 * (N + 1) * length * 4 bytes plus a small header. Needs SharedArrayBuffer (crossOriginIsolated pages,
 * workers of such pages, Node).
 */
export function createSharedReduceBuffer(parties: number, length: number): SharedReduceBuffer {
  if (!Number.isInteger(parties) || parties < 1) throw new RangeError(`An all-reduce needs a whole number of parties ≥ 1, not ${parties}.`);
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`The vector length must be a whole number ≥ 0, not ${length}.`);
  if (typeof SharedArrayBuffer === 'undefined') {
    throw new Error('SharedArrayBuffer is not available: the page is not cross-origin isolated (COOP/COEP headers). Use the coordinator all-reduce instead.');
  }
  return { buffer: new SharedArrayBuffer(headerBytes(parties) + (parties + 1) * length * 4), parties, length };
}

export interface SharedAllReduceOptions {
  /** How long one barrier waits for the other parties before throwing AllReduceTimeoutError. Default 120000 ms. */
  timeoutMs?: number;
}

/**
 * Party `party` of the shared-memory all-reduce. Each round: write the local vector into this party's
 * slot; barrier; sum elements [party's chunk] over slots 0..N-1 (sumInOrder) into the shared result;
 * barrier; copy the result out. Two barriers per round are enough to reuse the region every step: a party
 * can only overwrite its slot or the result after every party has passed the barrier that follows the
 * reads of the previous round. Atomics give the ordering: writes before a barrier are visible after it.
 *
 * `Atomics.wait` blocks the thread, which browsers forbid on the main thread: every party must be a
 * worker (a dedicated Worker in the browser, a worker_thread or the main thread in Node). After a timeout
 * the region is left inconsistent (flagged as aborted, so the other parties fail fast too): allocate a new one.
 */
export class SharedAllReduce implements GradientAllReduce {
  private readonly control: Int32Array;
  private readonly slots: Float32Array[];
  private readonly result: Float32Array;
  private readonly chunk: { start: number; end: number };
  private readonly timeoutMs: number;

  constructor(private readonly shared: SharedReduceBuffer, readonly party: number, options: SharedAllReduceOptions = {}) {
    const { parties, length, buffer } = shared;
    if (!Number.isInteger(party) || party < 0 || party >= parties) throw new RangeError(`Party ${party} is not one of the ${parties} parties (0 to ${parties - 1}).`);
    if (buffer.byteLength !== headerBytes(parties) + (parties + 1) * length * 4) {
      throw new RangeError('The shared buffer does not match its parties and length; allocate it with createSharedReduceBuffer.');
    }
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.control = new Int32Array(buffer, 0, TICKETS + parties);
    const base = headerBytes(parties);
    const view = (i: number) => new Float32Array(buffer, base + i * length * 4, length);
    this.slots = Array.from({ length: parties }, (_, i) => view(i));
    this.result = view(parties);
    // Equal contiguous chunks of the vector, the remainder to the lowest parties.
    const each = Math.floor(length / parties);
    const extra = length % parties;
    const start = party * each + Math.min(party, extra);
    this.chunk = { start, end: start + each + (party < extra ? 1 : 0) };
  }

  /** Promise form of `allReduceSync` (the thread still blocks at the barriers). */
  allReduce(local: Float32Array): Promise<Float32Array> {
    try {
      return Promise.resolve(this.allReduceSync(local));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** One round: blocks until every party has contributed; returns the sum (into `out` when given). */
  allReduceSync(local: Float32Array, out: Float32Array = new Float32Array(this.shared.length)): Float32Array {
    const { length } = this.shared;
    if (local.length !== length) throw new RangeError(`Party ${this.party} passed ${local.length} values; this all-reduce sums ${length}. Every replica must be built from the same model.`);
    if (out.length !== length) throw new RangeError(`The output holds ${out.length} values, not ${length}.`);
    this.slots[this.party].set(local);
    this.barrier();
    const { start, end } = this.chunk;
    sumInOrder(this.slots.map((s) => s.subarray(start, end)), this.result.subarray(start, end));
    this.barrier();
    out.set(this.result);
    return out;
  }

  /** Sense-reversing barrier on the generation counter; the last party to arrive releases the others. */
  private barrier(): void {
    const c = this.control;
    const parties = this.shared.parties;
    this.throwIfAborted();
    const generation = Atomics.load(c, GENERATION);
    Atomics.add(c, TICKETS + this.party, 1);
    if (Atomics.add(c, ARRIVED, 1) === parties - 1) {
      Atomics.store(c, ARRIVED, 0);
      Atomics.add(c, GENERATION, 1);
      Atomics.notify(c, GENERATION);
      return;
    }
    const deadline = Date.now() + this.timeoutMs;
    while (Atomics.load(c, GENERATION) === generation) {
      this.throwIfAborted();
      const left = deadline - Date.now();
      if (left <= 0) this.abort();
      Atomics.wait(c, GENERATION, generation, left);
    }
  }

  /** Give up: flag the region so the others stop waiting, and name the parties that never arrived. */
  private abort(): never {
    const c = this.control;
    const mine = Atomics.load(c, TICKETS + this.party);
    const missing: number[] = [];
    for (let p = 0; p < this.shared.parties; p += 1) if (Atomics.load(c, TICKETS + p) < mine) missing.push(p);
    Atomics.compareExchange(c, ABORTED, 0, this.party + 1);
    Atomics.notify(c, GENERATION);
    throw new AllReduceTimeoutError(missing, this.timeoutMs, ` at barrier ${mine} (shared memory, seen by worker ${this.party})`);
  }

  private throwIfAborted(): void {
    const flag = Atomics.load(this.control, ABORTED);
    if (flag !== 0) {
      throw new Error(`The shared all-reduce was abandoned by worker ${flag - 1} after a timeout; worker ${this.party} stops too. Restart training.`);
    }
  }
}
