// Training worker entry: picks the backend and exposes the training API.
import * as Comlink from 'comlink';
import { createDbOpener } from './open-db';
import { selectBackend } from './select-backend';
import { createTrainApi } from './train-api';
import { withTrainingLock } from './training-lock';

Comlink.expose(createTrainApi({
  db: createDbOpener(),
  selectBackend,
  estimate: () => navigator.storage.estimate(),
  withTrainingLock,
}));
