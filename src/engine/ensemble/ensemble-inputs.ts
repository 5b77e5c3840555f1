// Argument checks of the ensemble API: the spec, the members' predictions (count, task, classes, rows, finite
// probability rows), the labels, the validation split's keys and a fitted record read back from storage.
import {
  EnsembleInputError, EnsembleSpecError, type EnsembleSpec, type EnsembleTask, type FittedEnsemble, type MemberPredictions,
} from './ensemble-types';

/** Methods and meta-learners accepted in a spec (kept beside the checks so a new one cannot be half-added). */
export const METHOD_NAMES = ['average', 'vote', 'weighted', 'stacking'] as const;
const META_LEARNERS = ['logistic', 'mlp'] as const;

/** A probability row may be off 1 by this much: float32 softmax rounding is ~1e-6, logits are off by far more. */
const ROW_SUM_TOLERANCE = 1e-3;

/** What every member agrees on, as found by checkMembers. */
export interface MemberShape {
  task: EnsembleTask;
  rows: number;
  /** Classification only (0 for regression). */
  classes: number;
}

/** Throws EnsembleSpecError for an unknown method or meta-learner, a misplaced meta-learner or a bad seed. */
export function checkSpec(spec: EnsembleSpec, task?: EnsembleTask): void {
  if (!spec || !(METHOD_NAMES as readonly string[]).includes(spec.method)) {
    throw new EnsembleSpecError(`Unknown ensemble method ${JSON.stringify(spec?.method)}; use one of ${METHOD_NAMES.join(', ')}.`);
  }
  if (spec.metaLearner !== undefined) {
    if (spec.method !== 'stacking') {
      throw new EnsembleSpecError(`metaLearner applies to 'stacking' only; leave it out for '${spec.method}'.`);
    }
    if (!(META_LEARNERS as readonly string[]).includes(spec.metaLearner)) {
      throw new EnsembleSpecError(`Unknown metaLearner ${JSON.stringify(spec.metaLearner)}; use 'logistic' or 'mlp'.`);
    }
    if (task === 'regression' && spec.metaLearner === 'mlp') {
      throw new EnsembleSpecError("Regression stacking always uses ridge regression; leave metaLearner out (or 'logistic'), not 'mlp'.");
    }
  }
  if (typeof spec.seed !== 'number' || !Number.isFinite(spec.seed)) {
    throw new EnsembleSpecError(`The ensemble seed must be a finite number, got ${String(spec.seed)}; pass an integer such as 42.`);
  }
}

function checkProbRows(probs: Float32Array, classes: number, m: number): void {
  for (let r = 0; r * classes < probs.length; r++) {
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const p = probs[r * classes + c];
      if (!Number.isFinite(p) || p < 0) {
        throw new EnsembleInputError(`Member ${m}, row ${r}, class ${c} has probability ${p}; pass finite softmax probabilities (>= 0), the model may have diverged.`);
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
      throw new EnsembleInputError(`Member ${m}, row ${r} sums to ${sum.toPrecision(6)}, not 1; pass softmax probabilities, not logits.`);
    }
  }
}

/** Checks ≥ 2 members of one task, one class count and one row count, with finite values. No side effects. */
export function checkMembers(members: MemberPredictions[], expectedCount?: number): MemberShape {
  if (!Array.isArray(members) || members.length < 2) {
    throw new EnsembleInputError(`An ensemble needs at least 2 members, got ${Array.isArray(members) ? members.length : 'no array'}; train more models first.`);
  }
  if (expectedCount !== undefined && members.length !== expectedCount) {
    throw new EnsembleInputError(`This ensemble was fitted on ${expectedCount} members but got ${members.length}; pass the same members in the same order.`);
  }
  const first = members[0];
  const task = first?.task;
  if (task !== 'classification' && task !== 'regression') {
    throw new EnsembleInputError(`Member 0 has task ${JSON.stringify(task)}; use 'classification' or 'regression'.`);
  }
  const classes = task === 'classification' ? first.classes : 0;
  if (task === 'classification' && (!Number.isInteger(classes) || classes < 2)) {
    throw new EnsembleInputError(`Member 0 has ${classes} classes; a classifier needs a whole number of classes >= 2.`);
  }
  let rows = -1;
  members.forEach((member, m) => {
    if (member?.task !== task) {
      throw new EnsembleInputError(`Member ${m} is a ${member?.task} model but member 0 is ${task}; ensemble models of one task only.`);
    }
    const data = member.task === 'classification' ? member.probs : member.values;
    if (!(data instanceof Float32Array)) {
      throw new EnsembleInputError(`Member ${m}'s ${task === 'classification' ? 'probs' : 'values'} must be a Float32Array; convert with Float32Array.from(...).`);
    }
    if (member.task === 'classification' && member.classes !== classes) {
      throw new EnsembleInputError(`Member ${m} predicts ${member.classes} classes but member 0 predicts ${classes}; ensemble models trained on the same classes.`);
    }
    const width = task === 'classification' ? classes : 1;
    if (data.length % width !== 0) {
      throw new EnsembleInputError(`Member ${m} has ${data.length} probabilities, not a multiple of ${classes} classes; pass rows × classes values.`);
    }
    const memberRows = data.length / width;
    if (rows >= 0 && memberRows !== rows) {
      throw new EnsembleInputError(`Member ${m} has ${memberRows} rows but member 0 has ${rows}; predict every member on the same split.`);
    }
    rows = memberRows;
    if (member.task === 'classification') checkProbRows(member.probs, classes, m);
    else {
      const bad = member.values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new EnsembleInputError(`Member ${m}, row ${bad} has value ${member.values[bad]}; the model may have diverged, retrain it.`);
    }
  });
  if (rows === 0) throw new EnsembleInputError('The members predict 0 rows; give the split a larger fraction or add data.');
  return { task, rows, classes };
}

/** Checks the validation labels against the members: a typed array, one label per row, each in range. */
export function checkLabels(labels: Int32Array | Float32Array, shape: MemberShape): void {
  if (!(labels instanceof Int32Array) && !(labels instanceof Float32Array)) {
    throw new EnsembleInputError('Validation labels must be an Int32Array (class indices) or a Float32Array; convert them first.');
  }
  if (labels.length !== shape.rows) {
    throw new EnsembleInputError(`Got ${labels.length} validation labels for ${shape.rows} predicted rows; pass the labels of the rows the members predicted.`);
  }
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (shape.task === 'classification' ? !Number.isInteger(y) || y < 0 || y >= shape.classes : !Number.isFinite(y)) {
      const want = shape.task === 'classification' ? `a class index in 0..${shape.classes - 1}` : 'a finite target value';
      throw new EnsembleInputError(`Validation label ${y} at row ${i} is not ${want}; check the target column.`);
    }
  }
}

/** Rejects any key besides members and labels, so test-split data cannot ride along into fitting unnoticed. */
export function checkSplitKeys(split: object): void {
  const extra = Object.keys(split).filter((key) => key !== 'members' && key !== 'labels');
  if (extra.length) {
    throw new EnsembleInputError(`fitEnsemble takes only the validation split's members and labels, not ${extra.map((k) => `'${k}'`).join(', ')}; score the test split afterwards with combinePredictions.`);
  }
}

/** Array lengths each meta-learner's parameters must have, given the fitted record's members and classes. */
function expectedMetaLengths(fitted: FittedEnsemble): Record<string, number> | string {
  const meta = fitted.meta!;
  const k = fitted.classes ?? 0;
  if (fitted.task === 'regression') return meta.kind === 'ridge' ? { weights: fitted.members } : `a ${meta.kind} meta-learner on a regression task`;
  const wanted = fitted.spec.metaLearner ?? 'logistic';
  if (meta.kind !== wanted) return `a ${meta.kind} meta-learner where the spec asks for ${wanted}`;
  if (meta.inputs !== fitted.members * k || meta.outputs !== k) return `a meta-learner for ${meta.inputs} inputs and ${meta.outputs} classes`;
  const features = { featureMean: meta.inputs, featureScale: meta.inputs };
  if (meta.kind === 'logistic') return { ...features, weights: meta.structure === 'shared' ? fitted.members : meta.inputs * k, bias: k };
  return { ...features, w1: meta.inputs * meta.hidden, b1: meta.hidden, w2: meta.hidden * k, b2: k, skip: fitted.members };
}

/** Checks a fitted record (e.g. read back from IndexedDB) before it is used; throws EnsembleSpecError. */
export function checkFitted(fitted: FittedEnsemble): void {
  if (fitted?.version !== 1) {
    throw new EnsembleSpecError(`Unsupported fitted-ensemble version ${String(fitted?.version)}; refit the ensemble with this version of the app.`);
  }
  checkSpec(fitted.spec, fitted.task);
  const { method } = fitted.spec;
  const weights = fitted.weights;
  if (method === 'weighted') {
    if (!Array.isArray(weights) || weights.length !== fitted.members) {
      throw new EnsembleSpecError(`A 'weighted' ensemble needs one weight per member (${fitted.members}); refit it.`);
    }
    if (weights.some((w) => !Number.isFinite(w) || w < 0) || Math.abs(weights.reduce((a, b) => a + b, 0) - 1) > 1e-6) {
      throw new EnsembleSpecError(`A 'weighted' ensemble's weights must be >= 0 and sum to 1, got [${weights.join(', ')}]; refit it.`);
    }
  }
  if (method !== 'stacking') return;
  if (!fitted.meta) throw new EnsembleSpecError("A 'stacking' ensemble has no meta-learner parameters; refit it.");
  const lengths = expectedMetaLengths(fitted);
  if (typeof lengths === 'string') {
    throw new EnsembleSpecError(`This ${fitted.members}-member ${fitted.task} ensemble holds ${lengths}; the record is damaged, refit it.`);
  }
  const params = fitted.meta as unknown as Record<string, unknown>;
  if (fitted.meta.kind === 'ridge' && !Number.isFinite(fitted.meta.bias)) {
    throw new EnsembleSpecError('The ridge meta-learner\'s bias is not a finite number; the record is damaged, refit it.');
  }
  for (const [key, length] of Object.entries(lengths)) {
    const value = params[key];
    if (!Array.isArray(value) || value.length !== length || value.some((v) => !Number.isFinite(v))) {
      throw new EnsembleSpecError(`The meta-learner's ${key} should be ${length} finite numbers; the record is damaged, refit it.`);
    }
  }
}
