// The all-reduce contract shared by both transports, the one summation every transport uses, and the
// coordinator transport: replicas send their packed vectors (transferable ArrayBuffers) to one coordinator
// that sums them in party order and sends every replica the same sum. The shared-memory transport is in
// shared-all-reduce.ts. This file imports nothing at run time (it is also loaded into raw worker threads).

/** One party's view of an all-reduce among N replicas. */
export interface GradientAllReduce {
  /**
   * Sum `local` (this party's packed step vector) with the same-length vectors of every other party.
   * Resolves with the element-wise sum, bit-identical on every party. Does not modify `local`.
   */
  allReduce(local: Float32Array): Promise<Float32Array>;
}

/**
 * out[i] = parts[0][i] + parts[1][i] + ... + parts[N-1][i], accumulated in that fixed order in double
 * precision and rounded to float32 once. Floating-point addition is not associative, so one fixed order
 * (party 0 first) is what makes every replica's sum the same bits; with one part the sum is that part
 * exactly. Writes into `out` when given (it must not be one of the parts) and returns it; else a new array.
 */
export function sumInOrder(parts: readonly Float32Array[], out?: Float32Array): Float32Array {
  if (parts.length === 0) throw new RangeError('sumInOrder needs at least one vector to sum.');
  const length = parts[0].length;
  parts.forEach((p, i) => {
    if (p.length !== length) throw new RangeError(`Vector ${i} has ${p.length} values but vector 0 has ${length}; every party must pack the same variables.`);
  });
  const target = out ?? new Float32Array(length);
  if (target.length !== length) throw new RangeError(`The output holds ${target.length} values, not the ${length} being summed.`);
  if (parts.length === 1) {
    target.set(parts[0]);
    return target;
  }
  for (let i = 0; i < length; i += 1) {
    let sum = 0;
    for (let p = 0; p < parts.length; p += 1) sum += parts[p][i];
    target[i] = sum;
  }
  return target;
}

/** The all-reduce did not complete: a party is missing (crashed, stuck, or too slow for the timeout). */
export class AllReduceTimeoutError extends Error {
  constructor(readonly missingParties: number[], readonly waitedMs: number, detail = '') {
    super(`The gradient all-reduce waited ${waitedMs} ms for worker${missingParties.length === 1 ? '' : 's'} ${missingParties.join(', ')}${detail}. `
      + 'That worker may have crashed, run out of memory or be far slower than the others; restart training with fewer workers or a longer timeout.');
    this.name = 'AllReduceTimeoutError';
  }
}

interface PendingPart {
  part: Float32Array;
  resolve: (sum: Float32Array) => void;
  reject: (error: Error) => void;
}

/**
 * The coordinator side (a worker or the main thread that owns the pool): collects one vector per party
 * per round, and when all `parties` have arrived, sums them with `sumInOrder` and resolves every party's
 * promise with its own copy of the sum (so each copy can be transferred back to its worker). Rounds
 * repeat: the next `submit` after a round completes starts the next round. With `timeoutMs`, a round that
 * has started but not completed in time rejects every waiting party with AllReduceTimeoutError naming the
 * missing parties; the coordinator is then closed (the replicas can no longer be in step).
 */
export class ReduceCoordinator {
  private pending: (PendingPart | undefined)[];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closedWith: Error | undefined;

  constructor(readonly parties: number, readonly length: number, private readonly timeoutMs = 0) {
    if (!Number.isInteger(parties) || parties < 1) throw new RangeError(`An all-reduce needs a whole number of parties ≥ 1, not ${parties}.`);
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`The vector length must be a whole number ≥ 0, not ${length}.`);
    this.pending = new Array<PendingPart | undefined>(parties).fill(undefined);
  }

  /** Party `party`'s vector for the current round; resolves with the sum of all parties' vectors. */
  submit(party: number, part: Float32Array): Promise<Float32Array> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (!Number.isInteger(party) || party < 0 || party >= this.parties) {
      return Promise.reject(new RangeError(`Party ${party} is not one of the ${this.parties} parties (0 to ${this.parties - 1}).`));
    }
    if (part.length !== this.length) {
      return Promise.reject(new RangeError(`Party ${party} sent ${part.length} values; this all-reduce sums ${this.length}. Every replica must be built from the same model.`));
    }
    if (this.pending[party]) {
      return Promise.reject(new RangeError(`Party ${party} sent a second vector before the round finished; await each allReduce before the next step.`));
    }
    return new Promise<Float32Array>((resolve, reject) => {
      this.pending[party] = { part, resolve, reject };
      if (this.pending.every(Boolean)) this.finishRound();
      else if (this.timeoutMs > 0 && this.timer === undefined) this.timer = setTimeout(() => this.expire(), this.timeoutMs);
    });
  }

  /** Parties that have not sent a vector in the current round. */
  missingParties(): number[] {
    return this.pending.flatMap((p, i) => (p ? [] : [i]));
  }

  /** Reject every waiting party with `error` and refuse further rounds (e.g. a worker reported a crash). */
  close(error: Error): void {
    this.closedWith = error;
    this.clearTimer();
    const waiting = this.pending;
    this.pending = new Array<PendingPart | undefined>(this.parties).fill(undefined);
    waiting.forEach((p) => p?.reject(error));
  }

  private finishRound(): void {
    this.clearTimer();
    const round = this.pending as PendingPart[];
    this.pending = new Array<PendingPart | undefined>(this.parties).fill(undefined);
    const sum = sumInOrder(round.map((p) => p.part));
    round.forEach((p, i) => p.resolve(i === 0 ? sum : sum.slice()));
  }

  private expire(): void {
    this.timer = undefined;
    this.close(new AllReduceTimeoutError(this.missingParties(), this.timeoutMs, ' (coordinator)'));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Party `party` of an in-process coordinator as a GradientAllReduce (N = 1 pools and tests use this path). */
export function coordinatorParty(coordinator: ReduceCoordinator, party: number): GradientAllReduce {
  return { allReduce: (local) => coordinator.submit(party, local) };
}
