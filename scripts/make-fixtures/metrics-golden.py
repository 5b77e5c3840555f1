#!/usr/bin/python3
# Writes the golden fixtures for src/engine/metrics: seeded inputs plus the values scikit-learn computes
# from them, one JSON file per case in test/fixtures/metrics/. Tests read inputs and expected outputs
# from the same file and require agreement to 1e-6.
"""Usage: /usr/bin/python3 scripts/make-fixtures/metrics-golden.py [out_dir]

Needs numpy and scikit-learn (Debian 12 `python3-sklearn`, scikit-learn 1.2.1, numpy 1.24); run from the
repository root with the system Python. The output is deterministic (numpy default_rng seeds below).

Fixtures and what they cover
  binary-ties.json       n=200, k=2. Scores rounded to 0.05, so many tied scores (ROC/PR step on ties);
                         rounding gives several probabilities of exactly 0 and 1, and rows 0 and 1 are set to
                         0 and 1 on purpose (row 1 is a negative scored 1: log loss must clip, not go infinite).
  multiclass-edge.json   n=150, k=4. Class 2 never occurs in y_true (but is predicted); class 3 is never
                         the arg-max, so it is never predicted (precision 0/0 -> 0 via zero_division=0).
  multiclass-clean.json  n=120, k=3, every class present: checks the one-vs-rest ROC AUC and AP averages
                         directly against sklearn's multiclass calls.
  regression.json        n=100 continuous targets, no zeros.
  regression-zero.json   n=40 targets of which three are exactly 0 (MAPE's eps denominator).

How each value was produced (inputs: probabilities as float32 values, widened exactly to float64)
  accuracy_score, balanced_accuracy_score, top_k_accuracy_score(k, labels=range(k)) for 2 <= k < classes,
  confusion_matrix(labels=range(k)) with normalize=None/'true'/'pred'/'all',
  precision_recall_fscore_support(labels=range(k), zero_division=0) per class and average
  'micro'/'macro'/'weighted', matthews_corrcoef, cohen_kappa_score(labels=range(k)),
  log_loss(labels=range(k), eps='auto'): probabilities are clipped to [eps, 1-eps] with
  eps = float64 machine epsilon 2.220446049250313e-16, then each row is renormalised to sum 1.
  ROC: roc_curve(y == c, p[:, c], drop_intermediate=False), i.e. one point per distinct score; the first
  threshold, max score + 1 in sklearn 1.2.1, is stored as null (the engine uses +Infinity, as sklearn >= 1.3).
  AUC: roc_auc_score; binary on p[:, 1]. Multiclass: roc_auc_score(multi_class='ovr', average='macro' and
  'weighted', labels=range(k)) when every class occurs in y_true. sklearn refuses a class absent from y_true,
  so multiclass-edge stores the per-class binary roc_auc_score(y == c, p[:, c]) for the present classes and
  their plain mean (macro) and prevalence-weighted mean (weighted): the engine's defined behaviour.
  PR: precision_recall_curve(y == c, p[:, c]); AP: average_precision_score, per class on present classes,
  averaged the same way as AUC (multiclass-clean also checks average_precision_score on the binarised labels).
  Calibration (sklearn has no ECE): confidence = top-class probability, correct = arg-max == y_true (first
  index on ties). 10 equal-width bins with calibration_curve's edges, linspace(0, 1 + 1e-8, 11); a confidence
  on an inner edge falls in the lower bin. Per non-empty bin: accuracy and mean confidence from
  calibration_curve(correct, confidence, n_bins=10, strategy='uniform'), counts from numpy.
  ECE = sum over bins of (n_bin / n) * |accuracy_bin - confidence_bin|, computed with numpy.
  Regression: mean_squared_error, its square root (RMSE), mean_absolute_error,
  mean_absolute_percentage_error (a fraction, not a percent; denominator max(|y|, float64 eps)), r2_score.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (accuracy_score, average_precision_score, balanced_accuracy_score,
                             cohen_kappa_score, confusion_matrix, log_loss, matthews_corrcoef,
                             mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
                             precision_recall_curve, precision_recall_fscore_support, r2_score,
                             roc_auc_score, roc_curve, top_k_accuracy_score)
from sklearn.preprocessing import label_binarize

OUT = sys.argv[1] if len(sys.argv) > 1 else 'test/fixtures/metrics'


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def as_float32_rows(p):
    """Probabilities as float32 (what the engine receives), widened to float64 for sklearn."""
    return np.asarray(p, dtype=np.float32).astype(np.float64)


def calibration(y, probs):
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == y).astype(np.int64)
    edges = np.linspace(0.0, 1.0 + 1e-8, 11)
    ids = np.searchsorted(edges[1:-1], conf)
    counts = np.bincount(ids, minlength=10)
    acc, mean_conf = calibration_curve(correct, conf, n_bins=10, strategy='uniform')
    bins, j = [], 0
    for b in range(10):
        if counts[b] == 0:
            bins.append({'count': 0, 'accuracy': None, 'confidence': None})
            continue
        # calibration_curve returns only non-empty bins, in order; check them against numpy.
        assert abs(acc[j] - correct[ids == b].mean()) < 1e-12 and abs(mean_conf[j] - conf[ids == b].mean()) < 1e-12
        bins.append({'count': int(counts[b]), 'accuracy': float(acc[j]), 'confidence': float(mean_conf[j])})
        j += 1
    ece = sum(b['count'] / len(y) * abs(b['accuracy'] - b['confidence']) for b in bins if b['count'])
    return {'bins': bins, 'ece': float(ece)}


def ranking(y, probs, k):
    """Per-class ROC/PR curves, AUC and AP for classes present in y, and their macro/weighted means."""
    per_class = []
    for c in range(k):
        if k == 2 and c == 0:
            continue  # binary: the positive class (1) only
        yc = (y == c).astype(np.int64)
        if yc.sum() == 0 or yc.sum() == len(y):
            per_class.append({'class': c, 'auc': None, 'ap': None, 'roc': None, 'pr': None})
            continue
        fpr, tpr, thr = roc_curve(yc, probs[:, c], drop_intermediate=False)
        prec, rec, pthr = precision_recall_curve(yc, probs[:, c])
        per_class.append({
            'class': c,
            'auc': float(roc_auc_score(yc, probs[:, c])),
            'ap': float(average_precision_score(yc, probs[:, c])),
            'roc': {'fpr': floats(fpr), 'tpr': floats(tpr), 'thresholds': [None] + floats(thr[1:])},
            'pr': {'precision': floats(prec), 'recall': floats(rec), 'thresholds': floats(pthr)},
        })
    present = [e for e in per_class if e['auc'] is not None]
    weights = np.array([np.sum(y == e['class']) for e in present], dtype=np.float64)
    out = {'perClass': per_class}
    for key in ('auc', 'ap'):
        vals = np.array([e[key] for e in present])
        out[key + 'Macro'] = float(vals.mean()) if len(vals) else None
        out[key + 'Weighted'] = float(np.average(vals, weights=weights)) if len(vals) else None
    return out


def classification_case(name, y, probs, note):
    n, k = probs.shape
    labels = list(range(k))
    pred = probs.argmax(axis=1)
    prf = precision_recall_fscore_support(y, pred, labels=labels, zero_division=0)
    averages = {}
    for avg in ('micro', 'macro', 'weighted'):
        p, r, f, _ = precision_recall_fscore_support(y, pred, labels=labels, average=avg, zero_division=0)
        averages[avg] = {'precision': float(p), 'recall': float(r), 'f1': float(f)}
    case = {
        'name': name, 'note': note, 'n': n, 'k': k,
        'yTrue': [int(v) for v in y], 'probs': floats(probs),
        'accuracy': float(accuracy_score(y, pred)),
        'balancedAccuracy': float(balanced_accuracy_score(y, pred)),
        'topK': [{'k': t, 'value': float(top_k_accuracy_score(y, probs, k=t, labels=labels))} for t in range(2, k)],
        'confusion': {norm or 'counts': [floats(row) for row in confusion_matrix(y, pred, labels=labels, normalize=norm)]
                      for norm in (None, 'true', 'pred', 'all')},
        'perClass': {'precision': floats(prf[0]), 'recall': floats(prf[1]), 'f1': floats(prf[2]),
                     'support': [int(v) for v in prf[3]]},
        'averages': averages,
        'matthews': float(matthews_corrcoef(y, pred)),
        'kappa': float(cohen_kappa_score(y, pred, labels=labels)),
        'logLoss': float(log_loss(y, probs, labels=labels)),
        'calibration': calibration(y, probs),
        'ranking': ranking(y, probs, k),
    }
    if k > 2 and all(np.any(y == c) for c in labels):
        case['sklearnOvr'] = {
            'aucMacro': float(roc_auc_score(y, probs, multi_class='ovr', average='macro', labels=labels)),
            'aucWeighted': float(roc_auc_score(y, probs, multi_class='ovr', average='weighted', labels=labels)),
            'apMacro': float(average_precision_score(label_binarize(y, classes=labels), probs, average='macro')),
            'apWeighted': float(average_precision_score(label_binarize(y, classes=labels), probs, average='weighted')),
        }
    return case


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def make_binary():
    rng = np.random.default_rng(20240601)
    n = 200
    y = (rng.random(n) < 0.4).astype(np.int64)
    score = 1 / (1 + np.exp(-(1.6 * (2 * y - 1) + rng.normal(0, 1.3, n))))
    p1 = np.round(score * 20) / 20  # steps of 0.05: many ties
    p1[0], p1[1] = 0.0, 1.0  # exact 0 and 1 for the log-loss clipping
    p1 = np.asarray(p1, dtype=np.float32)
    probs = np.stack([np.float32(1) - p1, p1], axis=1)
    return classification_case('binary-ties', y, as_float32_rows(probs),
                               'binary, scores in steps of 0.05 (ties), a probability of exactly 0 and of 1')


def make_multiclass_edge():
    rng = np.random.default_rng(7)
    n = 150
    y = rng.choice([0, 1, 3], size=n, p=[0.45, 0.35, 0.2])
    z = rng.normal(0, 1.0, (n, 4))
    z[np.arange(n), y] += 1.5
    # Class 3 stays below the best other class, so it is never the arg-max.
    z[:, 3] = np.minimum(z[:, 3], z[:, :3].max(axis=1) - 0.05)
    probs = as_float32_rows(softmax(z))
    assert not np.any(probs.argmax(axis=1) == 3) and np.any(probs.argmax(axis=1) == 2)
    return classification_case('multiclass-edge', y, probs,
                               '4 classes; class 2 absent from yTrue but predicted; class 3 never predicted')


def make_multiclass_clean():
    rng = np.random.default_rng(11)
    n = 120
    y = rng.integers(0, 3, n)
    z = rng.normal(0, 1.0, (n, 3))
    z[np.arange(n), y] += 1.2
    return classification_case('multiclass-clean', y, as_float32_rows(softmax(z)), '3 classes, all present')


def regression_case(name, y, p, note):
    return {
        'name': name, 'note': note, 'yTrue': floats(y), 'yPred': floats(p),
        'mse': float(mean_squared_error(y, p)), 'rmse': float(np.sqrt(mean_squared_error(y, p))),
        'mae': float(mean_absolute_error(y, p)), 'mape': float(mean_absolute_percentage_error(y, p)),
        'r2': float(r2_score(y, p)),
    }


def make_regression():
    rng = np.random.default_rng(3)
    y = rng.normal(50, 12, 100)
    p = y + rng.normal(0, 5, 100)
    yield regression_case('regression', y, p, 'continuous targets around 50, no zeros')
    y = np.round(rng.normal(0, 2, 40), 2)
    y[[3, 17, 30]] = 0.0
    p = np.round(y + rng.normal(0, 0.5, 40), 3)
    yield regression_case('regression-zero', y, p, 'three targets exactly 0: MAPE divides by float64 eps there')


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = [make_binary(), make_multiclass_edge(), make_multiclass_clean(), *make_regression()]
    for case in cases:
        case['source'] = f'scripts/make-fixtures/metrics-golden.py (scikit-learn {sklearn.__version__}, numpy {np.__version__})'
        with open(os.path.join(OUT, case['name'] + '.json'), 'w', encoding='utf-8') as f:
            json.dump(case, f, allow_nan=False, separators=(',', ':'))
            f.write('\n')
        print('wrote', case['name'])


if __name__ == '__main__':
    main()
