// Search worker entry: runs hyperparameter searches, starting one trial worker per parallel trial.
import * as Comlink from 'comlink';
import { createDbOpener } from './open-db';
import { createSearchApi } from './search-api';
import type { TrainApi } from './train-api';
import { withTrainingLock } from './training-lock';

function spawnTrial() {
  const worker = new Worker(new URL('./trial.worker.ts', import.meta.url), { type: 'module', name: 'webtrain-trial' });
  return { api: Comlink.wrap<TrainApi>(worker), dispose: () => worker.terminate() };
}

Comlink.expose(createSearchApi({ db: createDbOpener(), spawnTrial, listenerFor: (listener) => Comlink.proxy(listener), withTrainingLock }));
