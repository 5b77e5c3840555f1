// The ensembling API: the method registry, fitEnsemble (validation split only) and combinePredictions
// (any split, no labels). Pure and synchronous; every input and output is plain, structured-cloneable data.
import { accuracy, argmaxRows } from '../metrics/classification';
import { logLoss } from '../metrics/probability-metrics';
import { meanSquaredError } from '../metrics/regression';
import { checkFitted, checkLabels, checkMembers, checkSpec, checkSplitKeys } from './ensemble-inputs';
import {
  EnsembleInputError, type EnsembleMethod, type EnsembleSpec, type FittedEnsemble, type MemberPredictions, type ValidationSplit,
} from './ensemble-types';
import { fitLogisticMeta, predictLogisticMeta } from './logistic-meta';
import { fitLogLossWeights, fitSquaredErrorWeights } from './mixture-weights';
import { fitMlpMeta, predictMlpMeta } from './mlp-meta';
import { fitRidgeMeta, predictRidgeMeta } from './ridge-meta';
import { averageMembers, medianMembers, mixMembers, voteMembers } from './simple-combiners';
import { logProbFeatures } from './stacking-features';

// One import for callers: the data model and errors come with the functions.
export {
  EnsembleInputError, EnsembleSpecError, type EnsembleMethod, type EnsembleSpec, type FittedEnsemble, type MemberPredictions,
  type MetaLearnerParams, type ValidationSplit,
} from './ensemble-types';

type Classified = Extract<MemberPredictions, { task: 'classification' }>;
type Regressed = Extract<MemberPredictions, { task: 'regression' }>;

/** Human label and one-line description of each method, for the UI's form (the single list of methods). */
export const ENSEMBLE_METHODS: Record<EnsembleMethod, { label: string; description: string }> = {
  average: { label: 'Average', description: 'Mean of the members’ class probabilities (regression: mean of their predictions). Nothing is fitted.' },
  vote: { label: 'Majority vote', description: 'Each member votes for its top class; ties go to the highest mean probability (regression: median). Nothing is fitted.' },
  weighted: { label: 'Weighted average', description: 'Non-negative weights summing to 1, fitted on the validation split to minimize log loss (regression: squared error).' },
  stacking: { label: 'Stacking', description: 'A meta-learner (logistic regression or a small MLP; regression: ridge) trained on the members’ validation predictions, regularized by cross-validation.' },
};

/** Validation-split scores of each member and of the combination: log loss (nats/row) and accuracy, or MSE. */
function scoreOnValidation(members: MemberPredictions[], combined: MemberPredictions, labels: ArrayLike<number>): Record<string, number> {
  const info: Record<string, number> = {};
  const all = [...members, combined];
  all.forEach((p, m) => {
    const name = m === members.length ? 'ensemble' : `member${m}`;
    if (p.task === 'classification') {
      const rows = labels.length;
      info[`${name}.logLoss`] = logLoss(labels, p.probs, rows, p.classes);
      info[`${name}.accuracy`] = accuracy(labels, argmaxRows(p.probs, rows, p.classes));
    } else info[`${name}.mse`] = meanSquaredError(labels, p.values);
  });
  return info;
}

/**
 * Fits an ensemble of ≥ 2 members on the validation split only: its members' predictions and its labels.
 * There is deliberately no parameter for another split, and any key besides `members` and `labels` is
 * rejected, so test labels cannot reach fitting. Deterministic given spec.seed (CV folds, MLP init).
 * fitInfo holds each member's and the ensemble's validation scores (`member0.logLoss`, `ensemble.accuracy`,
 * `ensemble.mse`, …; stacking's are in-sample, read its `cv…` entries) plus the method's own candidates.
 * Throws EnsembleSpecError for a bad spec and EnsembleInputError for predictions or labels that do not fit.
 */
export function fitEnsemble(spec: EnsembleSpec, validation: ValidationSplit): FittedEnsemble {
  if (!validation || typeof validation !== 'object') throw new EnsembleInputError('fitEnsemble needs the validation split as { members, labels }.');
  checkSplitKeys(validation);
  const shape = checkMembers(validation.members);
  checkSpec(spec, shape.task);
  checkLabels(validation.labels, shape);
  const { members, labels } = validation;
  const fitted: FittedEnsemble = {
    version: 1,
    spec: { method: spec.method, seed: spec.seed, ...(spec.metaLearner ? { metaLearner: spec.metaLearner } : {}) },
    task: shape.task,
    members: members.length,
    ...(shape.task === 'classification' ? { classes: shape.classes } : {}),
  };
  let info: Record<string, number> = {};
  if (spec.method === 'weighted') {
    if (shape.task === 'classification') {
      const k = shape.classes;
      const trueProbs = (members as Classified[]).map((m) => Float64Array.from(labels, (y, r) => m.probs[r * k + y]));
      const fit = fitLogLossWeights(trueProbs);
      // The uniform average is the start of the fit; its loss shows what fitting the weights gained.
      info = { iterations: fit.iterations, 'uniform.logLoss': logLoss(labels, (averageMembers(members) as Classified).probs, labels.length, k) };
      fitted.weights = fit.weights;
    } else {
      const fit = fitSquaredErrorWeights((members as Regressed[]).map((m) => m.values), labels);
      info = { iterations: fit.iterations, 'uniform.mse': meanSquaredError(labels, (averageMembers(members) as Regressed).values) };
      fitted.weights = fit.weights;
    }
  } else if (spec.method === 'stacking') {
    if (shape.task === 'classification') {
      const features = logProbFeatures(members);
      const fit = spec.metaLearner === 'mlp'
        ? fitMlpMeta(features, labels, shape.classes, spec.seed)
        : fitLogisticMeta(features, labels, shape.classes, spec.seed);
      fitted.meta = fit.params;
      info = fit.info;
    } else {
      const fit = fitRidgeMeta((members as Regressed[]).map((m) => m.values), labels, spec.seed);
      fitted.meta = fit.params;
      info = fit.info;
    }
  }
  fitted.fitInfo = { ...info, ...scoreOnValidation(members, combineChecked(fitted, members), labels) };
  return fitted;
}

/** combinePredictions after the checks. */
function combineChecked(fitted: FittedEnsemble, members: MemberPredictions[]): MemberPredictions {
  const { method } = fitted.spec;
  if (method === 'average') return averageMembers(members);
  if (method === 'weighted') return mixMembers(members, fitted.weights!);
  if (method === 'vote') return fitted.task === 'classification' ? voteMembers(members as Classified[]) : medianMembers(members as Regressed[]);
  const meta = fitted.meta!;
  if (meta.kind === 'ridge') {
    return { task: 'regression', values: Float32Array.from(predictRidgeMeta(meta, (members as Regressed[]).map((m) => m.values))) };
  }
  const features = logProbFeatures(members);
  const probs = meta.kind === 'mlp' ? predictMlpMeta(meta, features) : predictLogisticMeta(meta, features);
  return { task: 'classification', classes: meta.outputs, probs: Float32Array.from(probs) };
}

/**
 * Combines the members' predictions on any split (no labels involved) as `fitted` says. `members` must be the
 * fitted members in the same order, all on the same rows. Returns new arrays: classification probabilities
 * [rows × classes] whose rows sum to 1 (for 'vote', vote shares with the tie-broken winner on top, see
 * voteMembers), or regression values [rows] in target units. Throws EnsembleSpecError for an unusable fitted
 * record and EnsembleInputError for members that do not match it.
 */
export function combinePredictions(fitted: FittedEnsemble, members: MemberPredictions[]): MemberPredictions {
  checkFitted(fitted);
  const shape = checkMembers(members, fitted.members);
  if (shape.task !== fitted.task || (shape.task === 'classification' && shape.classes !== fitted.classes)) {
    const got = shape.task === 'classification' ? `${shape.classes}-class classification` : 'regression';
    const want = fitted.task === 'classification' ? `${fitted.classes}-class classification` : 'regression';
    throw new EnsembleInputError(`This ensemble was fitted for ${want} but the members are ${got}; pass the members it was fitted on.`);
  }
  return combineChecked(fitted, members);
}
