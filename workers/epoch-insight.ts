// What the live dashboard shows of the validation split after each epoch: the confusion matrix of a
// classifier, and for image runs a fixed handful of validation images with their predictions.
import type { Trainer, TrainerData } from '../src/engine/train/training-loop';
import { argmaxRows, confusionMatrix } from '../src/engine/metrics/classification';

/** Validation rows scored per epoch at most (a second forward pass; keep it small next to training). */
export const INSIGHT_ROWS = 2000;
/** Images shown in the grid: the first ones of the validation split, the same every epoch. */
export const INSIGHT_IMAGES = 24;

export interface ValidationPrediction {
  /** Row of the validation split. */
  index: number;
  label: number;
  predicted: number;
  /** Probability of the predicted class. */
  probability: number;
  width: number;
  height: number;
  channels: number;
  /** 0-255 pixels, HWC, un-standardized from the model input. */
  pixels: Uint8ClampedArray;
}

export interface EpochInsight {
  /** confusion[true][predicted] over the first INSIGHT_ROWS validation rows. */
  confusion?: number[][];
  predictions?: ValidationPrediction[];
}

/** Insight for a classifier with `classCount` classes; undefined for regression or an empty validation split. */
export async function validationInsight(trainer: Trainer, data: TrainerData, classCount: number): Promise<EpochInsight | undefined> {
  const split = data.validation;
  if (split.n === 0 || classCount < 2) return undefined;
  const n = Math.min(split.n, INSIGHT_ROWS);
  const probs = await trainer.predict(split.x.subarray(0, n * split.featureCount), n);
  const predicted = argmaxRows(probs, n, classCount);
  const labels = split.y.subarray(0, n);
  const confusion = confusionMatrix(labels, predicted, classCount);
  if (!data.image) return { confusion };
  const [height, width, channels] = data.image.shape;
  const size = height * width * channels;
  const predictions = Array.from({ length: Math.min(n, INSIGHT_IMAGES) }, (_, i): ValidationPrediction => {
    const x = split.x.subarray(i * size, (i + 1) * size);
    const pixels = new Uint8ClampedArray(size);
    // Undo the per-channel standardization: (v/255 − mean) / std.
    for (let p = 0; p < size; p += 1) {
      const c = p % channels;
      pixels[p] = Math.round((x[p] * data.image!.std[c] + data.image!.mean[c]) * 255);
    }
    return { index: i, label: labels[i], predicted: predicted[i], probability: probs[i * classCount + predicted[i]], width, height, channels, pixels };
  });
  return { confusion, predictions };
}
