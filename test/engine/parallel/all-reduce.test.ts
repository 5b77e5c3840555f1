// Both all-reduce transports: sumInOrder's fixed order, the coordinator (in process and across a
// MessageChannel with transferred buffers), and the SharedArrayBuffer + Atomics version on real threads.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { AllReduceTimeoutError, coordinatorParty, ReduceCoordinator, sumInOrder } from '../../../src/engine/parallel/all-reduce';
import { createSharedReduceBuffer, SharedAllReduce, type SharedReduceBuffer } from '../../../src/engine/parallel/shared-all-reduce';
import { createRandom } from '../../../src/engine/random';

/** Seeded vectors with magnitudes from 1e-4 to 1e4 (sums that round). */
function vector(length: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length }, () => (random() - 0.5) * 10 ** Math.floor(random() * 9 - 4));
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('sumInOrder', () => {
  it('adds element-wise in party order and returns one part unchanged', () => {
    expect(Array.from(sumInOrder([Float32Array.from([1, 2]), Float32Array.from([10, 20]), Float32Array.from([100, 200])]))).toEqual([111, 222]);
    const only = vector(5, 1);
    expect(bits(sumInOrder([only]))).toEqual(bits(only));
    const out = new Float32Array(2);
    expect(sumInOrder([Float32Array.from([1, 1]), Float32Array.from([2, 2])], out)).toBe(out);
  });

  it('accumulates in double precision and rounds once (1 + 2^-24 + 2^-24 keeps the small terms)', () => {
    const tiny = 2 ** -24; // half an ulp of 1 in float32: float32 sequential sums would drop each one
    const sum = sumInOrder([Float32Array.from([1]), Float32Array.from([tiny]), Float32Array.from([tiny])]);
    expect(sum[0]).toBe(Math.fround(1 + 2 * tiny));
    expect(sum[0]).toBeGreaterThan(1);
  });

  it('depends on the order, which is why every transport uses party order', () => {
    // Even in double precision 2^60 + 1 rounds to 2^60, so the 1 survives only if the big terms cancel first.
    const [big, one, minus] = [Float32Array.from([2 ** 60]), Float32Array.from([1]), Float32Array.from([-(2 ** 60)])];
    expect(sumInOrder([big, one, minus])[0]).toBe(0);
    expect(sumInOrder([big, minus, one])[0]).toBe(1);
  });

  it('rejects mismatched lengths and an empty list', () => {
    expect(() => sumInOrder([])).toThrow(/at least one vector/);
    expect(() => sumInOrder([new Float32Array(3), new Float32Array(2)])).toThrow(/Vector 1 has 2 values but vector 0 has 3/);
    expect(() => sumInOrder([new Float32Array(3)], new Float32Array(2))).toThrow(/output holds 2 values/);
  });
});

describe('ReduceCoordinator', () => {
  it('resolves every party with the same sum, whatever the arrival order, round after round', async () => {
    const coordinator = new ReduceCoordinator(3, 50);
    for (const order of [[0, 1, 2], [2, 0, 1], [1, 2, 0]]) {
      const parts = [vector(50, order[0] + 10), vector(50, order[1] + 20), vector(50, order[2] + 30)];
      const results: Promise<Float32Array>[] = [];
      for (const p of order) results[p] = coordinatorParty(coordinator, p).allReduce(parts[p]);
      const sums = await Promise.all(results);
      const expected = bits(sumInOrder(parts));
      sums.forEach((s) => expect(bits(s)).toEqual(expected));
      expect(sums[0]).not.toBe(sums[1]); // separate copies, each transferable
    }
  });

  it('works across a MessageChannel with transferred buffers (the worker transport)', async () => {
    const coordinator = new ReduceCoordinator(2, 8);
    const channels = [new MessageChannel(), new MessageChannel()];
    channels.forEach(({ port1 }, party) => port1.on('message', (part: Float32Array) => {
      void coordinator.submit(party, part).then((sum) => port1.postMessage(sum, [sum.buffer as ArrayBuffer]));
    }));
    const parts = [vector(8, 5), vector(8, 6)];
    const expected = bits(sumInOrder(parts));
    const replies = channels.map(({ port2 }, party) => new Promise<Float32Array>((resolve) => {
      port2.once('message', resolve);
      const copy = parts[party].slice();
      port2.postMessage(copy, [copy.buffer as ArrayBuffer]);
      expect(copy.length).toBe(0); // really transferred, not copied
    }));
    (await Promise.all(replies)).forEach((s) => expect(bits(s)).toEqual(expected));
    channels.forEach(({ port1, port2 }) => { port1.close(); port2.close(); });
  });

  it('rejects bad submissions, and a round that times out names the missing workers', async () => {
    const coordinator = new ReduceCoordinator(3, 2, 30);
    await expect(coordinator.submit(3, new Float32Array(2))).rejects.toThrow(/Party 3 is not one of the 3 parties/);
    await expect(coordinator.submit(0, new Float32Array(5))).rejects.toThrow(/sent 5 values; this all-reduce sums 2/);
    const first = coordinator.submit(1, new Float32Array(2));
    await expect(coordinator.submit(1, new Float32Array(2))).rejects.toThrow(/second vector before the round finished/);
    expect(coordinator.missingParties()).toEqual([0, 2]);
    const error = await first.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllReduceTimeoutError);
    expect((error as AllReduceTimeoutError).missingParties).toEqual([0, 2]);
    expect((error as Error).message).toMatch(/waited 30 ms for workers 0, 2/);
    await expect(coordinator.submit(0, new Float32Array(2))).rejects.toBe(error); // closed for good
    expect(() => new ReduceCoordinator(0, 2)).toThrow(/parties ≥ 1, not 0/);
  });
});

describe('SharedAllReduce on worker threads', () => {
  let moduleUrl = '';

  beforeAll(() => {
    // Transpile the two engine modules (no other run-time imports) so plain worker_threads can load them.
    const dir = mkdtempSync(join(tmpdir(), 'webtrain-all-reduce-'));
    const source = fileURLToPath(new URL('../../../src/engine/parallel/', import.meta.url));
    for (const name of ['all-reduce', 'shared-all-reduce']) {
      const js = ts.transpileModule(readFileSync(join(source, `${name}.ts`), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      }).outputText.replace("from './all-reduce'", "from './all-reduce.mjs'");
      writeFileSync(join(dir, `${name}.mjs`), js);
    }
    moduleUrl = pathToFileURL(join(dir, 'shared-all-reduce.mjs')).href;
  });

  type PartyResult = { sums?: Float32Array[]; error?: { name: string; message: string; missing?: number[] } };

  function runParty(shared: SharedReduceBuffer, party: number, vectors: Float32Array[], delaysMs: number[], timeoutMs = 10_000): Promise<PartyResult> {
    const worker = new Worker(new URL('./shared-party.worker.mjs', import.meta.url), { workerData: { moduleUrl, shared, party, vectors, delaysMs, timeoutMs } });
    return new Promise<PartyResult>((resolve, reject) => {
      worker.once('message', (m: PartyResult) => { void worker.terminate(); resolve(m); });
      worker.once('error', reject);
    });
  }

  for (const parties of [2, 3]) {
    it(`gives ${parties} threads bit-identical sums equal to sumInOrder, reusing the buffer for 4 steps`, async () => {
      const length = 1001; // not a multiple of the party count: uneven chunks
      const steps = 4;
      const shared = createSharedReduceBuffer(parties, length);
      const inputs = Array.from({ length: parties }, (_, p) => Array.from({ length: steps }, (_, s) => vector(length, 100 * p + s)));
      const delays = [[0, 20, 0, 5], [15, 0, 0, 0], [0, 0, 25, 0]];
      const results = await Promise.all(inputs.map((v, p) => runParty(shared, p, v, delays[p])));
      for (let s = 0; s < steps; s += 1) {
        const expected = bits(sumInOrder(inputs.map((v) => v[s])));
        results.forEach((r) => expect(bits((r.sums as Float32Array[])[s])).toEqual(expected));
      }
    });
  }

  it('handles vectors shorter than the party count (some chunks empty)', async () => {
    const shared = createSharedReduceBuffer(3, 2);
    const inputs = [[Float32Array.from([1, 2])], [Float32Array.from([3, 4])], [Float32Array.from([5, 6])]];
    const results = await Promise.all(inputs.map((v, p) => runParty(shared, p, v, [0])));
    results.forEach((r) => expect(Array.from((r.sums as Float32Array[])[0])).toEqual([9, 12]));
  });

  it('throws an error naming the worker that never arrives, and the waiting workers all stop', async () => {
    const shared = createSharedReduceBuffer(3, 4);
    const results = await Promise.all([0, 1].map((p) => runParty(shared, p, [new Float32Array(4)], [0], 200)));
    results.forEach((r) => expect(r.error).toBeDefined());
    const timeouts = results.filter((r) => r.error?.name === 'AllReduceTimeoutError');
    expect(timeouts.length).toBeGreaterThanOrEqual(1);
    timeouts.forEach((r) => {
      expect(r.error?.missing).toEqual([2]);
      expect(r.error?.message).toMatch(/waited 200 ms for worker 2 at barrier 1/);
    });
    results.filter((r) => r.error?.name !== 'AllReduceTimeoutError').forEach((r) => expect(r.error?.message).toMatch(/abandoned by worker [01] after a timeout/));
  });

  it('runs one party on this thread (N = 1 is the same path) and validates its arguments', () => {
    const shared = createSharedReduceBuffer(1, 3);
    const single = new SharedAllReduce(shared, 0);
    expect(Array.from(single.allReduceSync(Float32Array.from([1, 2, 3])))).toEqual([1, 2, 3]);
    expect(() => single.allReduceSync(new Float32Array(2))).toThrow(/passed 2 values; this all-reduce sums 3/);
    expect(() => new SharedAllReduce(shared, 1)).toThrow(/Party 1 is not one of the 1 parties/);
    expect(() => new SharedAllReduce({ ...shared, length: 4 }, 0)).toThrow(/does not match its parties and length/);
    expect(() => createSharedReduceBuffer(2, -1)).toThrow(/whole number ≥ 0, not -1/);
  });

  it('times out on this thread when the other party never comes', () => {
    const shared = createSharedReduceBuffer(2, 1);
    const lonely = new SharedAllReduce(shared, 0, { timeoutMs: 30 });
    let caught: unknown;
    try { lonely.allReduceSync(new Float32Array(1)); } catch (error) { caught = error; }
    expect(caught).toBeInstanceOf(AllReduceTimeoutError);
    expect((caught as AllReduceTimeoutError).missingParties).toEqual([1]);
  });
});
