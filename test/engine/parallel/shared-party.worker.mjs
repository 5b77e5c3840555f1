// A worker_threads party of the shared-memory all-reduce test. Plain JS: it imports the engine's
// TypeScript module transpiled by the test (workerData.moduleUrl), so the threads run the real algorithm.
import { parentPort, workerData } from 'node:worker_threads';

const { moduleUrl, shared, party, vectors, delaysMs, timeoutMs } = workerData;
const { SharedAllReduce } = await import(moduleUrl);
const pause = new Int32Array(new SharedArrayBuffer(4));
try {
  const reducer = new SharedAllReduce(shared, party, { timeoutMs });
  const sums = [];
  vectors.forEach((v, step) => {
    // Different arrival orders per step: the barrier must not depend on who comes first.
    const delay = delaysMs[step % delaysMs.length];
    if (delay > 0) Atomics.wait(pause, 0, 0, delay);
    sums.push(reducer.allReduceSync(v));
  });
  parentPort.postMessage({ sums });
} catch (error) {
  parentPort.postMessage({ error: { name: error.name, message: error.message, missing: error.missingParties } });
}
