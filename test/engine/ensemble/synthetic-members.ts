// Seeded synthetic member predictions for the ensemble tests: classifiers that are right with a set probability
// independently per row (or pure noise), and regressors that add independent Gaussian noise to the target.
import type { MemberPredictions } from '../../../src/engine/ensemble/ensemble-types';
import { createRandom, deriveSeed, type RandomSource } from '../../../src/engine/random';

type Classified = Extract<MemberPredictions, { task: 'classification' }>;
type Regressed = Extract<MemberPredictions, { task: 'regression' }>;

/** Standard normal draw (Box-Muller; 1 − u keeps the log argument in (0, 1]). */
export function gaussian(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** `rows` class labels drawn uniformly from 0..classes-1. */
export function makeLabels(rows: number, classes: number, seed: number): Int32Array {
  const random = createRandom(seed);
  return Int32Array.from({ length: rows }, () => Math.floor(random() * classes));
}

/**
 * One classifier's probabilities for `labels`: on each row, independently, it picks the true class with
 * probability `accuracy` (else a uniformly random wrong class), then outputs softmax(logits) where every
 * logit is N(0, noise²) and the picked class gets +peak. accuracy = null gives a pure-noise member whose
 * probabilities ignore the label altogether.
 */
export function makeClassifier(
  labels: Int32Array, classes: number, accuracy: number | null, seed: number, peak = 2.5, noise = 0.8,
): Classified {
  const random = createRandom(seed);
  const probs = new Float32Array(labels.length * classes);
  const logits = new Float64Array(classes);
  for (let r = 0; r < labels.length; r++) {
    for (let c = 0; c < classes; c++) logits[c] = noise * gaussian(random);
    if (accuracy !== null) {
      const wrong = (labels[r] + 1 + Math.floor(random() * (classes - 1))) % classes;
      logits[random() < accuracy ? labels[r] : wrong] += peak;
    }
    const max = Math.max(...logits);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[c] - max);
    for (let c = 0; c < classes; c++) probs[r * classes + c] = Math.exp(logits[c] - max) / sum;
  }
  return { task: 'classification', classes, probs };
}

/** A row range [start, end) of a member's predictions (views, not copies: the splits share storage). */
export function sliceRows(member: MemberPredictions, start: number, end: number): MemberPredictions {
  return member.task === 'classification'
    ? { task: 'classification', classes: member.classes, probs: member.probs.subarray(start * member.classes, end * member.classes) }
    : { task: 'regression', values: member.values.subarray(start, end) };
}

/** A classification problem split into validation rows [0, validationRows) and test rows after them. */
export interface ClassificationSplits {
  validation: { members: MemberPredictions[]; labels: Int32Array };
  test: { members: MemberPredictions[]; labels: Int32Array };
}

/** Members with the given accuracies (null = noise) on `validationRows + testRows` rows, split in two. */
export function makeClassificationSplits(
  accuracies: (number | null)[], classes: number, validationRows: number, testRows: number, seed: number,
): ClassificationSplits {
  const rows = validationRows + testRows;
  const labels = makeLabels(rows, classes, deriveSeed(seed, 0));
  const members = accuracies.map((a, m) => makeClassifier(labels, classes, a, deriveSeed(seed, 1, m)));
  return {
    validation: { members: members.map((p) => sliceRows(p, 0, validationRows)), labels: labels.subarray(0, validationRows) },
    test: { members: members.map((p) => sliceRows(p, validationRows, rows)), labels: labels.subarray(validationRows) },
  };
}

/** Targets y = offset + spread · N(0, 1), one per row. */
export function makeTargets(rows: number, seed: number, offset = 5, spread = 3): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: rows }, () => offset + spread * gaussian(random));
}

/** A regressor predicting target + N(0, noise²), independently per row. */
export function makeRegressor(targets: Float32Array, noise: number, seed: number): Regressed {
  const random = createRandom(seed);
  return { task: 'regression', values: targets.map((y) => y + noise * gaussian(random)) };
}
