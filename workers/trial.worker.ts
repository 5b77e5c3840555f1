// Trial worker entry: one search trial's training context (own tfjs backend, no training lock: the
// search worker that started it holds the lock for the whole search).
import * as Comlink from 'comlink';
import { createDbOpener } from './open-db';
import { selectBackend } from './select-backend';
import { createTrainApi } from './train-api';

Comlink.expose(createTrainApi({ db: createDbOpener(), selectBackend, estimate: () => navigator.storage.estimate() }));
