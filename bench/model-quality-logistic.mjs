// The baseline of the quality benchmark: multinomial logistic regression (one dense layer, softmax
// cross-entropy + L2) fitted full-batch with Adam until the loss settles, written directly in tfjs.
import * as tf from '@tensorflow/tfjs';

const DEFAULTS = { learningRate: 0.05, maxSteps: 400, tolerance: 1e-4, checkEvery: 20 };

/** Class probabilities [n, k] (row-major) for rows `x` [n, f] under weights w [f, k] and bias b [k]. */
function probabilities(w, b, split) {
  return tf.tidy(() => tf.softmax(tf.add(tf.matMul(tf.tensor2d(split.x, [split.n, split.featureCount]), w), b)).dataSync());
}

/**
 * Fits w, b minimizing mean cross-entropy + l2/2·‖w‖² on `train` (EncodedSplit, y = class index) for
 * each L2 strength in `l2Grid`, keeps the one with the best validation accuracy (ties: the stronger
 * penalty, listed later), and returns { l2, steps, seconds, parameters, predict(split) -> Float32Array [n, k] }.
 * Stops when the loss changed by less than `tolerance` (relative) over `checkEvery` steps, or at `maxSteps`.
 */
export async function fitLogisticBaseline(train, validation, classCount, score, l2Grid = [1e-4, 1e-3, 1e-2], options = {}) {
  const o = { ...DEFAULTS, ...options };
  const started = performance.now();
  const x = tf.tensor2d(train.x, [train.n, train.featureCount]);
  const y = tf.oneHot(tf.tensor1d(train.y, 'int32'), classCount);
  let best;
  for (const l2 of l2Grid) {
    const w = tf.variable(tf.zeros([train.featureCount, classCount]));
    const b = tf.variable(tf.zeros([classCount]));
    const optimizer = tf.train.adam(o.learningRate);
    let previous = Infinity;
    let steps = 0;
    while (steps < o.maxSteps) {
      const loss = optimizer.minimize(() => tf.add(
        tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(x, w), b)),
        tf.mul(l2 / 2, tf.sum(tf.square(w))),
      ), true, [w, b]);
      steps += 1;
      if (steps % o.checkEvery === 0) {
        const value = loss.dataSync()[0];
        loss.dispose();
        if (Math.abs(previous - value) <= o.tolerance * Math.max(1, Math.abs(value))) break;
        previous = value;
      } else loss.dispose();
    }
    optimizer.dispose();
    const accuracy = validation.n > 0 ? score(validation, probabilities(w, b, validation)) : 0;
    if (!best || accuracy >= best.accuracy) {
      best?.w.dispose();
      best?.b.dispose();
      best = { l2, steps, accuracy, w, b };
    } else tf.dispose([w, b]);
  }
  tf.dispose([x, y]);
  const { w, b, l2, steps } = best;
  return {
    l2, steps, seconds: (performance.now() - started) / 1000, parameters: (train.featureCount + 1) * classCount,
    predict: (split) => probabilities(w, b, split),
    dispose: () => tf.dispose([w, b]),
  };
}
