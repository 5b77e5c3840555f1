// Classification metrics against scikit-learn 1.2.1 values stored in test/fixtures/metrics (to 1e-6).
import { describe, expect, it } from 'vitest';
import { accuracy, argmaxRows, balancedAccuracy, confusionMatrix, normalizeConfusion, topKAccuracy } from '../../../src/engine/metrics/classification';
import { cohenKappa, matthewsCorrelation, precisionRecallF1 } from '../../../src/engine/metrics/class-scores';
import { calibration, logLoss } from '../../../src/engine/metrics/probability-metrics';
import {
  averagePrecision, columnOf, flagClass, oneVsRest, precisionRecallCurve, rocAuc, rocCurve,
} from '../../../src/engine/metrics/ranking-curves';
import { CLASSIFICATION_FIXTURES, type ClassificationFixture, expectAllClose, expectClose, loadFixture } from './golden';

describe.each(CLASSIFICATION_FIXTURES)('golden %s', (name) => {
  const f = loadFixture<ClassificationFixture>(name);
  const yTrue = Int32Array.from(f.yTrue);
  const probs = Float32Array.from(f.probs);
  const pred = argmaxRows(probs, f.n, f.k);
  const counts = confusionMatrix(yTrue, pred, f.k);

  it('reads float32 probabilities exactly as the script stored them', () => {
    expect(Array.from(probs)).toEqual(f.probs);
  });

  it('accuracy, balanced accuracy, top-k accuracy', () => {
    expectClose(accuracy(yTrue, pred), f.accuracy, 'accuracy');
    expectClose(balancedAccuracy(yTrue, pred, f.k), f.balancedAccuracy, 'balancedAccuracy');
    for (const { k, value } of f.topK) expectClose(topKAccuracy(yTrue, probs, f.n, f.k, k), value, `top-${k}`);
  });

  it('confusion matrix, counts and normalised three ways', () => {
    expect(counts).toEqual(f.confusion.counts);
    for (const by of ['true', 'pred', 'all'] as const) {
      normalizeConfusion(counts, by).forEach((row, i) => expectAllClose(row, f.confusion[by][i], `normalize=${by} row ${i}`));
    }
  });

  it('precision, recall, F1 per class and averaged (zero_division=0)', () => {
    const s = precisionRecallF1(counts);
    expectAllClose(s.perClass.map((c) => c.precision), f.perClass.precision, 'precision');
    expectAllClose(s.perClass.map((c) => c.recall), f.perClass.recall, 'recall');
    expectAllClose(s.perClass.map((c) => c.f1), f.perClass.f1, 'f1');
    expect(s.perClass.map((c) => c.support)).toEqual(f.perClass.support);
    for (const avg of ['micro', 'macro', 'weighted'] as const) {
      for (const key of ['precision', 'recall', 'f1'] as const) expectClose(s[avg][key], f.averages[avg][key], `${avg} ${key}`);
    }
  });

  it('Matthews correlation and Cohen kappa', () => {
    expectClose(matthewsCorrelation(counts), f.matthews, 'matthews');
    expectClose(cohenKappa(counts), f.kappa, 'kappa');
  });

  it('log loss with clipping and calibration bins / ECE', () => {
    expectClose(logLoss(yTrue, probs, f.n, f.k), f.logLoss, 'logLoss');
    const cal = calibration(yTrue, probs, f.n, f.k);
    expect(cal.bins.map((b) => b.count)).toEqual(f.calibration.bins.map((b) => b.count));
    expectAllClose(cal.bins.map((b) => b.accuracy), f.calibration.bins.map((b) => b.accuracy), 'bin accuracy');
    expectAllClose(cal.bins.map((b) => b.confidence), f.calibration.bins.map((b) => b.confidence), 'bin confidence');
    expectClose(cal.ece, f.calibration.ece, 'ece');
  });

  it('ROC and PR curves point by point, AUC and AP per class and averaged', () => {
    for (const expected of f.ranking.perClass) {
      const flags = flagClass(yTrue, expected.class);
      const scores = columnOf(probs, f.n, f.k, expected.class);
      const label = `class ${expected.class}`;
      expectClose(rocAuc(flags, scores), expected.auc, `${label} auc`);
      expectClose(averagePrecision(flags, scores), expected.ap, `${label} ap`);
      const roc = rocCurve(flags, scores);
      const pr = precisionRecallCurve(flags, scores);
      if (!expected.roc || !expected.pr) {
        expect(roc).toBeNull();
        expect(pr).toBeNull();
        continue;
      }
      expect(roc, label).not.toBeNull();
      expectAllClose(roc!.map((p) => p.fpr), expected.roc.fpr, `${label} fpr`);
      expectAllClose(roc!.map((p) => p.tpr), expected.roc.tpr, `${label} tpr`);
      expect(roc![0].threshold).toBe(Infinity);
      expectAllClose(roc!.slice(1).map((p) => p.threshold), expected.roc.thresholds.slice(1), `${label} roc thresholds`);
      // scikit-learn lists PR points by increasing threshold, ending at (recall 0, precision 1); ours run the other way.
      expectAllClose(pr!.map((p) => p.precision), expected.pr.precision.slice().reverse(), `${label} precision curve`);
      expectAllClose(pr!.map((p) => p.recall), expected.pr.recall.slice().reverse(), `${label} recall curve`);
      expectAllClose(pr!.slice(1).map((p) => p.threshold), expected.pr.thresholds.slice().reverse(), `${label} pr thresholds`);
    }
    if (f.k > 2) {
      const auc = oneVsRest(yTrue, probs, f.n, f.k, rocAuc);
      const ap = oneVsRest(yTrue, probs, f.n, f.k, averagePrecision);
      expectClose(auc.macro, f.ranking.aucMacro, 'auc macro');
      expectClose(auc.weighted, f.ranking.aucWeighted, 'auc weighted');
      expectClose(ap.macro, f.ranking.apMacro, 'ap macro');
      expectClose(ap.weighted, f.ranking.apWeighted, 'ap weighted');
      if (f.sklearnOvr) {
        expectClose(auc.macro, f.sklearnOvr.aucMacro, 'sklearn ovr auc macro');
        expectClose(auc.weighted, f.sklearnOvr.aucWeighted, 'sklearn ovr auc weighted');
        expectClose(ap.macro, f.sklearnOvr.apMacro, 'sklearn ap macro');
        expectClose(ap.weighted, f.sklearnOvr.apWeighted, 'sklearn ap weighted');
      }
    }
  });
});
