// Built models use only registered tfjs layers, so a saved model (topology + weights) reloads and predicts the same.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { buildModel } from '../../../src/engine/model/build-model';
import type { LayeredModelSpec } from '../../../src/engine/model/model-spec';
import { PRESET_IDS, presetSpec } from './model-fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A deterministic input batch of 2 for the spec (token ids for token inputs). */
function sampleInput(spec: LayeredModelSpec): tf.Tensor {
  if (spec.kind === 'mlp') return tf.linspace(-1, 1, 2 * spec.inputSize).reshape([2, spec.inputSize]);
  if (spec.kind === 'cnn') return tf.linspace(0, 1, 2 * spec.inputShape.reduce((a, b) => a * b)).reshape([2, ...spec.inputShape]);
  const input = spec.input;
  if (input.type === 'tokens') return tf.tensor2d(Array.from({ length: 2 * input.sequenceLength }, (_, i) => (i * 7) % input.vocabSize), [2, input.sequenceLength], 'int32');
  return tf.linspace(-1, 1, 2 * input.steps * input.features).reshape([2, input.steps, input.features]);
}

it.each(PRESET_IDS)('%s saves and reloads with the same predictions and no leaked tensors', async (id) => {
  const before = tf.memory().numTensors;
  const spec = presetSpec(id, { task: 'classification', outputSize: 3 });
  const model = buildModel(spec, 21);
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const reloaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
  const x = tf.tidy(() => sampleInput(spec));
  const [a, b] = tf.tidy(() => [model.predict(x) as tf.Tensor, reloaded.predict(x) as tf.Tensor]);
  expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
  expect(reloaded.countParams()).toBe(model.countParams());
  tf.dispose([a, b, x]);
  model.dispose();
  reloaded.dispose();
  expect(tf.memory().numTensors).toBe(before);
});
