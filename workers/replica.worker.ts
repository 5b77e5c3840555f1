// Entry of a data-parallel replica worker, started by the training worker's pool (replica-pool.ts).
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { createReplicaApi } from './replica-api';

Comlink.expose(createReplicaApi(async (name) => {
  const ok = await tf.setBackend(name).catch(() => false);
  if (ok) await tf.ready();
  return ok;
}));
