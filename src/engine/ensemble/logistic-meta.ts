// Stacking's default meta-learner: multinomial logistic regression with an L2 penalty on standardized member
// log-probabilities, its strength chosen by seeded k-fold cross-validation inside the validation split.
import { logLoss } from '../metrics/probability-metrics';
import type { LogisticMetaParams } from './ensemble-types';
import { curvature, forward, trainLogistic, type LinearModel, type Structure } from './logistic-model';
import {
  assignFolds, fitStandardizer, foldCountFor, selectRows, splitFold, standardize, type FeatureMatrix,
} from './stacking-features';

/**
 * L2 strengths tried by cross-validation, strongest first: each later fit warm-starts from the one before, and
 * the search stops at the first strength whose out-of-fold loss is no better than the previous one.
 */
export const LOGISTIC_L2_GRID: readonly number[] = [1, 1e-1, 1e-2, 1e-3, 1e-4];
/** Used without cross-validation when the split has under 4 rows. */
const FALLBACK_L2 = 1e-2;

/**
 * Above this many multiply-adds per pass (rows × inputs × classes) the full model costs too much to fit some
 * 15–25 times for cross-validation, so the shared model is used (e.g. 3000 rows × 10 members × 50 classes:
 * 75 M per pass full, 1.5 M shared; ~8 s on one core). Below it (fits take ≤ ~2 s) the full model can also
 * learn cross-class confusions; above it, on synthetic members, the shared model was as accurate anyway.
 */
export const FULL_LOGISTIC_BUDGET = 1e6;

/** Mean of the fold models: the final fit on all rows starts there, close to its optimum. */
function meanModel(models: LinearModel[]): LinearModel {
  const mean = (pick: (m: LinearModel) => Float64Array) => pick(models[0]).map((_, i) => models.reduce((s, m) => s + pick(m)[i], 0) / models.length);
  return { weights: mean((m) => m.weights), bias: mean((m) => m.bias) };
}

/**
 * Fits the logistic meta-learner on raw stacking features (see logProbFeatures) and class labels 0..k-1.
 * Tries LOGISTIC_L2_GRID strengths on seeded stratified folds of these rows only, keeps the one with the
 * lowest out-of-fold log loss (nats per row; fitInfo `cvLogLoss@l2=…`), and refits on all rows. The full model
 * is used unless rows × inputs × k exceeds FULL_LOGISTIC_BUDGET (then 'shared'; fitInfo `shared` = 1).
 */
export function fitLogisticMeta(raw: FeatureMatrix, labels: ArrayLike<number>, k: number, seed: number): { params: LogisticMetaParams; info: Record<string, number> } {
  const structure: Structure = raw.rows * raw.width * k <= FULL_LOGISTIC_BUDGET ? 'full' : 'shared';
  // Standardizing on all validation rows uses their features, never their labels, so the folds stay honest.
  // A shared weight needs one scale for all of a member's classes, so those columns are pooled.
  const { mean, scale: spread } = fitStandardizer(raw, structure === 'shared' ? k : 1);
  // A shared weight's column feeds all k logits, so its curvature is ~k times a bias's; dividing by √k more
  // evens them out (a diagonal preconditioner) and cuts the iterations from hundreds to tens.
  const scale = structure === 'shared' ? spread.map((v) => v * Math.sqrt(k)) : spread;
  const x = standardize(raw, mean, scale);
  const lambda = curvature(x, k, structure);
  const folds = foldCountFor(x.rows);
  const info: Record<string, number> = { folds, shared: structure === 'shared' ? 1 : 0 };
  let bestL2 = FALLBACK_L2;
  let start: LinearModel | undefined;
  if (folds > 0) {
    const fold = assignFolds(x.rows, folds, seed, labels);
    const rounds = Array.from({ length: folds }, (_, f) => {
      const { train, held } = splitFold(fold, f);
      return { train: selectRows(x, train), trainLabels: train.map((r) => labels[r]), held, heldX: selectRows(x, held) };
    });
    const warm: LinearModel[] = [];
    let bestLoss = Infinity;
    for (const l2 of LOGISTIC_L2_GRID) {
      const outOfFold = new Float64Array(x.rows * k);
      rounds.forEach(({ train, trainLabels, held, heldX }, f) => {
        warm[f] = trainLogistic(train, trainLabels, k, l2, structure, (lambda * x.rows) / train.rows, warm[f]);
        const probs = forward(heldX, warm[f], k, structure);
        held.forEach((row, i) => outOfFold.set(probs.subarray(i * k, (i + 1) * k), row * k));
      });
      const loss = logLoss(labels, outOfFold, x.rows, k);
      info[`cvLogLoss@l2=${l2.toExponential()}`] = loss;
      // The CV loss is U-shaped along the path; once it rises, weaker penalties (the slowest fits) only overfit more.
      if (loss >= bestLoss) break;
      [bestLoss, bestL2, start] = [loss, l2, meanModel(warm)];
    }
  }
  info.l2 = bestL2;
  const model = trainLogistic(x, labels, k, bestL2, structure, lambda, start);
  return {
    params: {
      kind: 'logistic', structure, inputs: x.width, outputs: k, featureMean: mean, featureScale: scale,
      weights: Array.from(model.weights), bias: Array.from(model.bias), l2: bestL2,
    },
    info,
  };
}

/** Probabilities [rows × outputs] of the fitted logistic meta-learner on raw stacking features. */
export function predictLogisticMeta(params: LogisticMetaParams, raw: FeatureMatrix): Float64Array {
  const x = standardize(raw, params.featureMean, params.featureScale);
  const model = { weights: Float64Array.from(params.weights), bias: Float64Array.from(params.bias) };
  return forward(x, model, params.outputs, params.structure);
}
