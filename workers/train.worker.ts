// Training worker entry: picks the backend and exposes the training API.
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { exposeDeviceDestroyHook } from './device-loss';
import { createDbOpener } from './open-db';
import { selectBackend } from './select-backend';
import { createTrainApi } from './train-api';
import { withTrainingLock } from './training-lock';

// Lets browser tests inject a device loss (row G1): self.__webtrainDestroyDevice().
exposeDeviceDestroyHook(() => tf.backend());

Comlink.expose(createTrainApi({
  db: createDbOpener(),
  selectBackend,
  estimate: () => navigator.storage.estimate(),
  withTrainingLock,
}));
