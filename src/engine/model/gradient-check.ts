// Start-up gradient check: the same tiny model's loss gradients on the active backend and on a reference backend
// (CPU), with identical weights, compared per variable; plus a central finite-difference check on one backend.
import * as tf from '@tensorflow/tfjs';
import { disposeModel } from './dispose-model';

/** Loss of a prediction against a target, as a scalar tensor (e.g. nextTokenLoss or a mean squared error). */
export type LossFunction = (prediction: tf.Tensor, target: tf.Tensor) => tf.Scalar;

/** Per-variable disagreement. relativeError = max|a − b| / max|b| (b: reference), so it is scale-free. */
export interface GradientDifference {
  /** The weight's name, e.g. 'block1_attention/query_kernel'. */
  name: string;
  maxAbsoluteError: number;
  relativeError: number;
}

/** A tensor's values and shape as plain data (structured-cloneable, backend-independent). */
interface PlainTensor { values: Float32Array | Int32Array; shape: number[]; dtype: 'float32' | 'int32' }

// Reads are asynchronous everywhere: on WebGPU (Chromium, software adapter) a dataSync() of a model's output
// returned zeros and then lost the device ("A valid external Instance reference no longer exists").
const toPlain = async (t: tf.Tensor): Promise<PlainTensor> => ({
  values: (await t.data()).slice() as Float32Array | Int32Array, shape: t.shape, dtype: t.dtype === 'int32' ? 'int32' : 'float32',
});
const toTensor = (p: PlainTensor) => tf.tensor(p.values, p.shape, p.dtype);

/** Reads tensors to Float32Arrays asynchronously, then disposes them. */
async function readAndDispose(tensors: tf.Tensor[]): Promise<Float32Array[]> {
  try {
    return await Promise.all(tensors.map(async (t) => (await t.data()) as Float32Array));
  } finally {
    tf.dispose(tensors);
  }
}

/**
 * Gradients of lossFn(model(input), target) with respect to each trainable weight, in `model.trainableWeights`
 * order, as Float32Arrays. Inference mode (dropout off) so that the result is deterministic. Leaves no tensors.
 */
export async function trainableGradients(model: tf.LayersModel, input: tf.Tensor, target: tf.Tensor, lossFn: LossFunction): Promise<Float32Array[]> {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const gradients = tf.tidy(() => {
    const { grads } = tf.variableGrads(() => lossFn(model.apply(input, { training: false }) as tf.Tensor, target), variables);
    return variables.map((v) => grads[v.name]);
  });
  return readAndDispose(gradients);
}

/**
 * Per-variable max absolute difference of `actual` from `reference`, and relativeError = that / scale, where scale
 * is the variable's largest |reference| entry, floored at 1e-3 × the largest over all variables: a gradient that is
 * exactly 0 in theory (e.g. attention's key bias, which softmax cancels) then shows float noise as ~0, not ∞.
 * NaN in `actual` gives NaN errors (a check must fail on them).
 */
export function gradientDifferences(names: string[], actual: Float32Array[], reference: Float32Array[]): GradientDifference[] {
  const maxAbs = (values: Float32Array) => values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const floor = 1e-3 * Math.max(0, ...reference.map(maxAbs));
  return names.map((name, v) => {
    let maxAbsoluteError = 0;
    for (let i = 0; i < reference[v].length; i++) {
      const error = Math.abs(actual[v][i] - reference[v][i]);
      maxAbsoluteError = Number.isNaN(error) ? Number.NaN : Math.max(maxAbsoluteError, error);
    }
    const scale = Math.max(maxAbs(reference[v]), floor);
    return { name, maxAbsoluteError, relativeError: scale > 0 ? maxAbsoluteError / scale : maxAbsoluteError === 0 ? 0 : Infinity };
  });
}

/**
 * Builds the model twice, once on the active backend and once on `otherBackendName` (typically 'cpu'), gives both
 * the active model's weights, computes the loss gradients of every trainable weight on each, and returns the
 * difference per weight (reference = the other backend). A backend whose kernels are wrong (e.g. all-zero RNN
 * gradients) shows relativeError near 1 or NaN; agreeing float32 backends show ~1e-6.
 * Side effects: switches the global tfjs backend to the other one and back (await it; nothing else should run
 * tfjs meanwhile). Throws an Error naming the backend when it is not registered. Disposes everything it built.
 */
export async function compareGradients(
  buildModel: () => tf.LayersModel, input: tf.Tensor, target: tf.Tensor, lossFn: LossFunction, otherBackendName: string,
): Promise<GradientDifference[]> {
  const activeBackend = tf.getBackend();
  if (!tf.engine().registryFactory[otherBackendName]) {
    throw new Error(`Backend '${otherBackendName}' is not registered; import it before running the gradient check.`);
  }
  const plainInput = await toPlain(input);
  const plainTarget = await toPlain(target);
  const active = buildModel();
  let weights: PlainTensor[] = [];
  let names: string[] = [];
  let activeGradients: Float32Array[] = [];
  try {
    weights = await Promise.all(active.getWeights().map(toPlain));
    names = active.trainableWeights.map((w) => w.originalName);
    activeGradients = await trainableGradients(active, input, target, lossFn);
  } finally {
    disposeModel(active);
  }
  if (!(await tf.setBackend(otherBackendName))) throw new Error(`Backend '${otherBackendName}' could not be initialized.`);
  try {
    const reference = buildModel();
    const tensors = weights.map(toTensor);
    const [x, y] = [toTensor(plainInput), toTensor(plainTarget)];
    try {
      reference.setWeights(tensors);
      return gradientDifferences(names, activeGradients, await trainableGradients(reference, x, y, lossFn));
    } finally {
      tf.dispose([...tensors, x, y]);
      disposeModel(reference);
    }
  } finally {
    await tf.setBackend(activeBackend);
  }
}

/**
 * Central finite differences (f(w + ε) − f(w − ε)) / 2ε of the loss for every entry of every trainable weight,
 * compared with the analytic gradients. Float32 forward passes: use a loss of order 1 and ε ≈ 1e-3..1e-2; the
 * cost is 2 forward passes per weight entry, so only for tiny models. Restores every weight it perturbs.
 */
export async function finiteDifferenceCheck(
  model: tf.LayersModel, input: tf.Tensor, target: tf.Tensor, lossFn: LossFunction, epsilon = 1e-3,
): Promise<GradientDifference[]> {
  const analytic = await trainableGradients(model, input, target, lossFn);
  const lossAt = async () => (await readAndDispose([tf.tidy(() => lossFn(model.apply(input, { training: false }) as tf.Tensor, target))]))[0][0];
  const numeric: Float32Array[] = [];
  for (const weight of model.trainableWeights) {
    const variable = weight.read() as tf.Variable;
    const original = (await variable.data()).slice() as Float32Array;
    const values = original.slice();
    const gradient = new Float32Array(values.length);
    const setValues = () => tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
    for (let i = 0; i < values.length; i++) {
      values[i] = original[i] + epsilon;
      setValues();
      const plus = await lossAt();
      values[i] = original[i] - epsilon;
      setValues();
      const minus = await lossAt();
      values[i] = original[i];
      // Divide by the step actually taken in float32, not the nominal ε.
      gradient[i] = (plus - minus) / (Math.fround(original[i] + epsilon) - Math.fround(original[i] - epsilon));
    }
    setValues();
    numeric.push(gradient);
  }
  return gradientDifferences(model.trainableWeights.map((w) => w.originalName), analytic, numeric);
}
