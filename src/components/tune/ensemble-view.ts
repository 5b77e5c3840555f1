// The side-by-side table of an ensemble and its members: one row per test metric, the ensemble's
// column first, then each member's (pure; built from the stored evaluations).
import type { EnsembleRecord } from '../../engine/storage/search-records';
import type { RunEvaluation } from '../../engine/storage/records';
import { classificationCells, regressionCells, type MetricCell } from '../evaluate/evaluation-view';

export interface ComparisonRow {
  id: string;
  label: string;
  title: string;
  /** Formatted values: the ensemble's, then each member's ("—" where missing). */
  values: string[];
}

const cellsOf = (e: RunEvaluation | undefined): MetricCell[] => (!e ? [] : e.task === 'classification' ? classificationCells(e) : regressionCells(e));

/** Column headings and one row per metric of the ensemble's report. */
export function ensembleComparison(ensemble: EnsembleRecord): { columns: string[]; rows: ComparisonRow[] } {
  const own = cellsOf(ensemble.evaluation);
  const members = ensemble.memberEvaluations.map(cellsOf);
  return {
    columns: ['Ensemble', ...ensemble.memberNames],
    rows: own.map((cell) => ({
      id: cell.id, label: cell.label, title: cell.title,
      values: [cell.text, ...members.map((m) => m.find((c) => c.id === cell.id)?.text ?? '—')],
    })),
  };
}
