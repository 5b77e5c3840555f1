// Starts the app's workers and wraps them with Comlink. The only place the main thread
// touches worker URLs; tfjs is pulled into the worker bundles, never into this one.
import * as Comlink from 'comlink';
import type { DataApi } from '../../workers/data-api';
import type { TrainApi } from '../../workers/train-api';
import type { SearchApi } from '../../workers/search-api';

/** A Comlink proxy plus the Worker for a hard abort (`terminate`). */
export interface WorkerClient<T> {
  api: Comlink.Remote<T>;
  worker: Worker;
}

/** Start the data (parsing and storage) worker. */
export function startDataWorker(): WorkerClient<DataApi> {
  const worker = new Worker(new URL('../../workers/data.worker.ts', import.meta.url), { type: 'module', name: 'webtrain-data' });
  return { api: Comlink.wrap<DataApi>(worker), worker };
}

/** Start the training worker. */
export function startTrainWorker(): WorkerClient<TrainApi> {
  const worker = new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'webtrain-train' });
  return { api: Comlink.wrap<TrainApi>(worker), worker };
}

/** Start the search worker (it starts one trial worker per parallel trial itself). */
export function startSearchWorker(): WorkerClient<SearchApi> {
  const worker = new Worker(new URL('../../workers/search.worker.ts', import.meta.url), { type: 'module', name: 'webtrain-search' });
  return { api: Comlink.wrap<SearchApi>(worker), worker };
}

/** Wrap a callback so the worker can call it back across the thread boundary. */
export const callback = <T extends (...args: never[]) => unknown>(fn: T) => Comlink.proxy(fn);
