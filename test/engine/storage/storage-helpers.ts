// Shared helpers for the storage tests: a fresh database per test, seeded snapshots, and a
// database wrapper that injects transaction faults (quota aborts) the way Chromium reports them.
import { unwrap, type IDBPDatabase } from 'idb';
import { openAppDb, type AppDB } from '../../../src/engine/storage/db';
import { createRandom } from '../../../src/engine/random';
import type { EpochMetrics, NamedArray, TrainerSnapshot } from '../../../src/engine/train/train-types';

export type Db = IDBPDatabase<AppDB>;

/** A new, empty database with a unique name. */
export function openTestDb(): Promise<Db> {
  return openAppDb(`webtrain-test-${crypto.randomUUID()}`);
}

function randomArray(name: string, shape: number[], random: () => number): NamedArray {
  const data = new Float32Array(shape.reduce((n, d) => n * d, 1));
  for (let i = 0; i < data.length; i++) data[i] = (random() - 0.5) * 4;
  return { name, shape, data };
}

/** A small MLP-like snapshot (2-3-2 dense + Adam slots) with seeded values; `valLosses[i]` is epoch i+1's. */
export function makeSnapshot(seed: number, completedEpochs: number, valLosses?: number[]): TrainerSnapshot {
  const random = createRandom(seed);
  const history: EpochMetrics[] = [];
  for (let e = 1; e <= completedEpochs; e++) {
    history.push({ epoch: e, trainLoss: 1 / e, valLoss: valLosses?.[e - 1] ?? 1 / e, optimizerStep: e * 10, durationMs: 5 });
  }
  const weights = [
    randomArray('dense_1/kernel', [2, 3], random),
    randomArray('dense_1/bias', [3], random),
    randomArray('dense_2/kernel', [3, 2], random),
    randomArray('dense_2/bias', [2], random),
  ];
  const optimizerWeights = [
    { name: 'iter', shape: [], data: new Float32Array([completedEpochs * 10]) },
    ...weights.map((w) => randomArray(`${w.name}/m`, w.shape, random)),
    ...weights.map((w) => randomArray(`${w.name}/v`, w.shape, random)),
  ];
  return { weights, optimizerWeights, completedEpochs, optimizerStep: completedEpochs * 10, history };
}

/** Bytes of all tensors of a snapshot (float32). */
export function snapshotBytes(s: TrainerSnapshot): number {
  return [...s.weights, ...s.optimizerWeights].reduce((n, a) => n + a.data.byteLength, 0);
}

/**
 * `db`, except that the first transaction whose store list equals `stores` aborts with
 * `errorName` right after all of its requests succeeded (when the caller reads `tx.done`),
 * which is how Chromium reports a quota failure.
 */
export function withFailingTransaction(db: Db, stores: string[], errorName = 'QuotaExceededError'): Db {
  let armed = true;
  const bindTo = (target: object) => (key: string | symbol) => {
    const value = Reflect.get(target, key, target);
    return typeof value === 'function' ? value.bind(target) : value;
  };
  return new Proxy(db, {
    get(target, key) {
      if (key !== 'transaction') return bindTo(target)(key);
      return (names: string | string[], ...rest: unknown[]) => {
        const tx = (target.transaction as (...a: unknown[]) => { done: Promise<void> })(names, ...rest);
        const list = typeof names === 'string' ? [names] : [...names];
        if (!armed || list.join() !== stores.join()) return tx;
        armed = false;
        let aborted = false;
        return new Proxy(tx, {
          get(txTarget, txKey) {
            if (txKey === 'done' && !aborted) {
              aborted = true;
              // fake-indexeddb's internal abort with an error name, as the browser does on quota.
              (unwrap(txTarget as never) as unknown as { _abort(name: string): void })._abort(errorName);
            }
            return bindTo(txTarget)(txKey);
          },
        });
      };
    },
  });
}

/** `db`, recording the arguments of every `transaction()` call into `calls`. */
export function recordingTransactions(db: Db, calls: unknown[][]): Db {
  return new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key === 'transaction') {
        return (...args: unknown[]) => {
          calls.push(args);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
