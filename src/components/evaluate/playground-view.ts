// Display helpers of the prediction playground and the cross-validation table: input types, mean ± std text.
import type { MetricSummary, PlaygroundField } from '../../../workers/predict-api';
import { formatValue, type ValueStyle } from './evaluation-view';

/** How a cross-validated metric is written: rates as percents, AUC and log loss as scores, errors as numbers. */
export function metricStyle(metric: MetricSummary['metric']): ValueStyle {
  if (metric === 'accuracy' || metric === 'macroF1' || metric === 'balancedAccuracy') return 'percent';
  if (metric === 'logLoss' || metric === 'rocAuc' || metric === 'r2') return 'score';
  return 'number';
}

/** "91.3% ± 2.1%" (or "—" when no fold had a value). */
export function formatMeanStd(summary: Pick<MetricSummary, 'metric' | 'mean' | 'std'>): string {
  if (summary.mean === null || summary.std === null) return '—';
  const style = metricStyle(summary.metric);
  return `${formatValue(summary.mean, style)} ± ${formatValue(summary.std, style)}`;
}

/**
 * The on-screen keyboard of a field. Numbers are typed in a text input with a decimal keyboard rather than
 * type="number", which silently empties what it cannot parse: the worker then names the bad value instead.
 */
export function inputMode(field: PlaygroundField): 'decimal' | 'text' {
  return field.kind === 'numeric' ? 'decimal' : 'text';
}

/** The placeholder of a field: what to type, and whether it may stay empty. */
export function fieldHint(field: PlaygroundField): string {
  const what = field.kind === 'numeric' ? 'a number' : field.kind === 'date' ? 'a date, e.g. 2024-01-31' : field.kind === 'boolean' ? 'true or false' : 'a value';
  return field.required ? what : `${what} (may be empty)`;
}
