// What the evaluation screen shows, as plain cells: every metric of a RunEvaluation (new full reports and the
// few fields of runs stored before them) formatted so that a missing or undefined value reads "—" with a reason.
import type { ClassificationReport } from '../../engine/metrics/classification-report';
import type { RegressionReport } from '../../engine/metrics/regression-report';
import type { RunEvaluation } from '../../engine/storage/records';

/** How a value is written: 'percent' 0.973 -> "97.3%", 'score' -> 3 decimals, 'number' -> 4 significant digits. */
export type ValueStyle = 'percent' | 'score' | 'number';

/** One tile of the metric grid. */
export interface MetricCell {
  id: string;
  label: string;
  /** Never "NaN": "—" when the value is missing or undefined. */
  text: string;
  /** The tooltip: what the metric means, then why it is missing when it is. */
  title: string;
  missing: boolean;
}

/** Reason shown for metrics that a run evaluated before the full report existed does not have. */
export const OLD_RECORD_REASON = 'Not stored for this run: it was evaluated before the full test report existed. Train it again to see this metric.';

/** `value` written in `style`; "—" for null, undefined, NaN or Infinity. */
export function formatValue(value: number | null | undefined, style: ValueStyle): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (style === 'percent') return `${(value * 100).toFixed(1)}%`;
  if (style === 'score') return value.toFixed(3);
  if (Number.isInteger(value)) return value.toLocaleString('en');
  const abs = Math.abs(value);
  if (abs >= 1e6 || (abs > 0 && abs < 1e-4)) return value.toExponential(2);
  return abs >= 1000 ? value.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : String(Number(value.toPrecision(4)));
}

/** A metric cell; `why` explains a null value (default: undefined for this test split). */
export function metricCell(id: string, label: string, value: number | null | undefined, style: ValueStyle, explain: string, why?: string): MetricCell {
  const text = formatValue(value, style);
  const missing = text === '—';
  const reason = why ?? 'Undefined for this test split (see the notes below).';
  return { id, label, text, title: missing ? `${explain}\n${reason}` : explain, missing };
}

/** The classification report of an evaluation, or undefined for old records and regression. */
export function classificationReportOf(evaluation: RunEvaluation): ClassificationReport | undefined {
  return evaluation.task === 'classification' && evaluation.report && 'classNames' in evaluation.report ? evaluation.report : undefined;
}

/** The regression report of an evaluation, or undefined for old records and classification. */
export function regressionReportOf(evaluation: RunEvaluation): RegressionReport | undefined {
  return evaluation.task === 'regression' && evaluation.report && 'rmse' in evaluation.report ? evaluation.report : undefined;
}

/** The metric grid of a classification evaluation; old records give accuracy and "—" elsewhere. */
export function classificationCells(evaluation: RunEvaluation): MetricCell[] {
  const r = classificationReportOf(evaluation);
  const old = r ? undefined : (evaluation.problem ?? OLD_RECORD_REASON);
  const binary = r?.k === 2;
  const ovr = binary ? 'of the positive class (the second class)' : 'one-vs-rest, averaged over the classes in the test split';
  return [
    metricCell('accuracy', 'Accuracy', r?.accuracy ?? evaluation.accuracy, 'percent', 'Share of test rows whose predicted class (highest probability) is the true class.', evaluation.problem),
    metricCell('balanced-accuracy', 'Balanced accuracy', r?.balancedAccuracy, 'percent', 'Mean recall over the classes present: every class counts equally, however rare.', old),
    metricCell('macro-precision', 'Precision (macro)', r?.macro.precision, 'percent', 'Of the rows predicted as a class, the share that truly are; mean over classes.', old),
    metricCell('macro-recall', 'Recall (macro)', r?.macro.recall, 'percent', 'Of the rows of a class, the share the model found; mean over classes.', old),
    metricCell('macro-f1', 'F1 (macro)', r?.macro.f1, 'percent', 'Harmonic mean of precision and recall per class, then the mean over classes.', old),
    metricCell('weighted-precision', 'Precision (weighted)', r?.weighted.precision, 'percent', 'Per-class precision averaged with each class weighted by its number of true rows.', old),
    metricCell('weighted-recall', 'Recall (weighted)', r?.weighted.recall, 'percent', 'Per-class recall weighted by class size (equals accuracy).', old),
    metricCell('weighted-f1', 'F1 (weighted)', r?.weighted.f1, 'percent', 'Per-class F1 weighted by class size.', old),
    metricCell('mcc', 'Matthews correlation', r?.matthews, 'score', 'Correlation between true and predicted classes: 1 perfect, 0 no better than chance, below 0 worse. Fair when classes are unbalanced.', old),
    metricCell('kappa', "Cohen's kappa", r?.kappa, 'score', 'Agreement between predictions and truth beyond what chance agreement would give: 1 perfect, 0 chance level.', old ?? "Undefined: every true label and every prediction is the same class."),
    metricCell('log-loss', 'Log loss', r?.logLoss, 'score', 'Mean of −ln(probability given to the true class), in nats: lower is better; punishes confident mistakes.', old),
    metricCell('roc-auc', 'ROC AUC', r?.rocAuc, 'score', `Area under the ROC curve ${ovr}: the chance that a random positive row scores above a random negative one (0.5 = guessing).`, old ?? 'Undefined: the test split holds only one class.'),
    metricCell('average-precision', 'Average precision', r?.averagePrecision, 'score', `Area under the precision-recall curve ${ovr}; a random model scores the share of positives.`, old ?? 'Undefined: the test split holds only one class.'),
    metricCell('ece', 'Calibration error (ECE)', r?.calibration.ece, 'score', 'Expected calibration error: the average gap between confidence and accuracy over 10 confidence bins (0 = the probabilities can be taken at face value).', old),
  ];
}

/** The metric grid of a regression evaluation (target units); old records give MAE and R² only. */
export function regressionCells(evaluation: RunEvaluation, unit = 'target units'): MetricCell[] {
  const r = regressionReportOf(evaluation);
  const old = r ? undefined : (evaluation.problem ?? OLD_RECORD_REASON);
  return [
    metricCell('mae', 'MAE', r?.mae ?? evaluation.mae, 'number', `Mean absolute error, in ${unit}: the typical size of a miss.`, evaluation.problem),
    metricCell('rmse', 'RMSE', r?.rmse, 'number', `Root mean squared error, in ${unit}: like MAE but large misses weigh more.`, old),
    metricCell('mse', 'MSE', r?.mse, 'number', `Mean squared error, in (${unit})²: what a squared-error model minimises.`, old),
    metricCell('mape', 'MAPE', r?.mape, 'percent', 'Mean absolute percentage error: the miss as a share of the true value (misleading near 0).', old),
    metricCell('r2', 'R²', r?.r2 ?? evaluation.r2, 'score', 'Coefficient of determination: 1 is perfect, 0 is no better than always predicting the mean, below 0 is worse.', evaluation.problem),
  ];
}
