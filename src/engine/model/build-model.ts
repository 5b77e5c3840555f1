// Builds a tfjs model from a ModelSpec: validates it (no allocation before that), plans its layers, then creates one
// tfjs layer per planned layer with the functional API (skip connections included) and seeded initializers.
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../random';
import type { PlannedLayer } from './layer-plan';
import type { KernelInitializerName, ModelSpec } from './model-spec';
import { seedRecurrentWeights, type KernelInitializer } from './recurrent-init';
import { planValidModel } from './validate-model-spec';
import { buildTransformerClassifier } from './transformer-classifier';
import { buildGpt } from './gpt-model';

/** Creates the seeded tfjs initializer of a kernel. */
export function createKernelInitializer(name: KernelInitializerName, seed: number): KernelInitializer {
  const make = { glorotUniform: tf.initializers.glorotUniform, glorotNormal: tf.initializers.glorotNormal, heNormal: tf.initializers.heNormal,
    heUniform: tf.initializers.heUniform, leCunNormal: tf.initializers.leCunNormal, leCunUniform: tf.initializers.leCunUniform }[name];
  return make({ seed });
}

const penalty = (l1: number, l2: number) => (l1 > 0 || l2 > 0 ? tf.regularizers.l1l2({ l1, l2 }) : undefined);

/**
 * One tfjs layer for a planned layer. Dropout gets no seed on purpose: tfjs draws the same mask on every call when
 * a dropout layer has a seed, which would drop the same units every step.
 */
function createLayer(layer: PlannedLayer, init: (seed: number) => KernelInitializer, seed: number): tf.layers.Layer {
  const name = layer.name;
  const op = layer.op;
  switch (op.op) {
    case 'dense':
      return tf.layers.dense({ name, units: op.units, useBias: op.useBias, activation: op.activation, kernelInitializer: init(seed), kernelRegularizer: penalty(op.l1, op.l2) });
    case 'conv2d':
      return tf.layers.conv2d({
        name, filters: op.filters, kernelSize: op.kernelSize, strides: op.stride, padding: op.padding, useBias: op.useBias,
        activation: op.activation, kernelInitializer: init(seed), kernelRegularizer: penalty(op.l1, op.l2),
      });
    case 'batchNorm': return tf.layers.batchNormalization({ name });
    case 'layerNorm': return tf.layers.layerNormalization({ name });
    case 'activation': return tf.layers.activation({ name, activation: op.activation });
    case 'leakyRelu': return tf.layers.leakyReLU({ name, alpha: op.alpha });
    case 'dropout': return tf.layers.dropout({ name, rate: op.rate });
    case 'pool2d': {
      const args = { name, poolSize: op.size, strides: op.size, padding: 'valid' as const };
      return op.pool === 'max' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
    }
    case 'globalPool2d': return op.pool === 'max' ? tf.layers.globalMaxPooling2d({ name }) : tf.layers.globalAveragePooling2d({ name });
    case 'flatten': return tf.layers.flatten({ name });
    case 'add': return tf.layers.add({ name });
    case 'embedding':
      return tf.layers.embedding({
        name, inputDim: op.vocabSize, outputDim: op.dim, maskZero: op.maskZero, embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed }),
      });
    case 'recurrent': {
      // The recurrent kernel's initializer is a placeholder: seedRecurrentWeights makes it orthogonal after the build
      // (and sets LSTM's forget bias).
      const args = {
        name: op.bidirectional ? `${name}_cell` : name, units: op.units, returnSequences: op.returnSequences,
        kernelInitializer: init(seed), recurrentInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, 1) }),
      };
      const cell = op.cell === 'lstm' ? tf.layers.lstm(args) : op.cell === 'gru' ? tf.layers.gru(args) : tf.layers.simpleRNN(args);
      return op.bidirectional ? tf.layers.bidirectional({ name, layer: cell as tf.RNN, mergeMode: 'concat' }) : cell;
    }
    case 'input': throw new Error('The input is created by tf.input, not as a layer.');
  }
}

/**
 * Builds the model of `spec` with every initializer seeded from `seed` (same spec and seed → same weights).
 * Input [batch, ...per-sample input shape]; output [batch, outputSize]: logits for classification (softmax belongs
 * in the loss), linear values for regression. Throws ModelSpecError, before allocating, for a spec that cannot be
 * built. Side effect: allocates the model's variables; the caller disposes the model. Call the model with
 * `{ training: true }` while training so that dropout and batch norm act, and add `regularizationLoss(model)`.
 */
export function buildModel(spec: ModelSpec, seed: number): tf.LayersModel {
  if (spec.kind === 'transformer') return buildTransformerClassifier(spec, seed);
  if (spec.kind === 'gpt') return buildGpt(spec, seed);
  const plan = planValidModel(spec);
  const init = (layerSeed: number) => createKernelInitializer(spec.kernelInitializer, layerSeed);
  const outputs = new Map<string, tf.SymbolicTensor>();
  const recurrent: [tf.layers.Layer, number, boolean][] = [];
  plan.forEach((planned, index) => {
    const layerSeed = deriveSeed(seed, index);
    if (planned.op.op === 'input') {
      outputs.set(planned.name, tf.input({ name: planned.name, shape: planned.outputShape, dtype: planned.op.dtype }));
      return;
    }
    const layer = createLayer(planned, init, layerSeed);
    if (planned.op.op === 'recurrent') recurrent.push([layer, layerSeed, planned.op.cell === 'lstm']);
    const inputs = planned.inputs.map((name) => outputs.get(name) as tf.SymbolicTensor);
    outputs.set(planned.name, layer.apply(inputs.length === 1 ? inputs[0] : inputs) as tf.SymbolicTensor);
  });
  const model = tf.model({ name: spec.kind, inputs: outputs.get(plan[0].name) as tf.SymbolicTensor, outputs: outputs.get(plan[plan.length - 1].name) as tf.SymbolicTensor });
  recurrent.forEach(([layer, layerSeed, lstm]) => seedRecurrentWeights(layer, layerSeed, init, lstm));
  return model;
}

/**
 * The L1/L2 penalty of the model's kernels as a scalar (0 when no layer has one), to add to the data loss inside
 * the optimizer's loss function. The caller owns (or tidies) the returned tensor.
 */
export function regularizationLoss(model: tf.LayersModel): tf.Scalar {
  return tf.tidy(() => model.calculateLosses().reduce((sum: tf.Scalar, loss) => tf.add(sum, loss), tf.scalar(0)));
}
