// Loss and accuracy over a whole split in fixed-size chunks (no per-sample GPU sync), and
// the per-sample loss used by training.
import * as tf from '@tensorflow/tfjs';
import type { MlpSpec } from '../model/model-types';

/** Rows evaluated per forward pass; fixed so the GPU sees one shape. */
export const EVAL_CHUNK = 256;

/** Per-sample loss [n]: softmax cross-entropy on logits, or squared error. `y` holds class indices or targets. */
export function perSampleLoss(task: MlpSpec['task'], outputs: tf.Tensor, y: tf.Tensor1D, classCount: number): tf.Tensor1D {
  return tf.tidy(() => {
    if (task === 'classification') {
      const labels = tf.oneHot(tf.cast(y, 'int32'), classCount);
      return tf.losses.softmaxCrossEntropy(labels, outputs, undefined, undefined, tf.Reduction.NONE) as tf.Tensor1D;
    }
    return tf.square(tf.sub(outputs.reshape([-1]), y)) as tf.Tensor1D;
  });
}

/** Number of rows whose arg-max output equals the label (classification). */
export function correctCount(outputs: tf.Tensor, y: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(outputs, 1), tf.cast(y, 'int32')), 'float32')));
}

/**
 * Mean loss and accuracy of the model (`forward`: encoded rows to outputs, inference mode) on (x, y) with n rows. Chunks are padded to EVAL_CHUNK rows by
 * repeating row 0 and masked out of the sums. Returns NaN-free numbers; n must be > 0.
 */
export async function evaluateSplit(forward: (x: tf.Tensor2D) => tf.Tensor, task: MlpSpec['task'], classCount: number,
  x: tf.Tensor2D, y: tf.Tensor1D, n: number): Promise<{ loss: number; accuracy?: number }> {
  let totals = tf.zeros([2]);
  for (let start = 0; start < n; start += EVAL_CHUNK) {
    const valid = Math.min(EVAL_CHUNK, n - start);
    const chunk = Math.min(EVAL_CHUNK, n);
    const next = tf.tidy(() => {
      const idx = tf.tensor1d(Int32Array.from({ length: chunk }, (_, i) => (i < valid ? start + i : 0)), 'int32');
      const mask = tf.tensor1d(Float32Array.from({ length: chunk }, (_, i) => (i < valid ? 1 : 0)));
      const xb = tf.gather(x, idx);
      const yb = tf.gather(y, idx) as tf.Tensor1D;
      const outputs = forward(xb);
      const loss = tf.sum(tf.mul(perSampleLoss(task, outputs, yb, classCount), mask));
      const correct = task === 'classification'
        ? tf.sum(tf.mul(tf.cast(tf.equal(tf.argMax(outputs, 1), tf.cast(yb, 'int32')), 'float32'), mask))
        : tf.scalar(0);
      return tf.add(totals, tf.stack([loss, correct]));
    });
    totals.dispose();
    totals = next;
  }
  const [lossSum, correct] = await totals.data();
  totals.dispose();
  return { loss: lossSum / n, accuracy: task === 'classification' ? correct / n : undefined };
}
