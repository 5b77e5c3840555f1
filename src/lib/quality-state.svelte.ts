// Rune state for the data-quality screen: loads a dataset's report from the data worker, keeps one per
// dataset and target (reports are costly: two passes over the rows), and the loading and problem state.
import type { Remote } from 'comlink';
import type { DataInputProblem } from '../engine/data/table-types';
import type { DatasetRecord } from '../engine/storage/records';
import type { DataApi } from '../../workers/data-api';
import type { DatasetQuality } from '../../workers/dataset-quality';

export type {
  CorpusQuality,
  DatasetQuality,
  ImageNearDuplicates,
  TextNearDuplicates,
} from '../../workers/dataset-quality';
export type { QualityFinding } from '../engine/quality/quality-summary';

/**
 * The cache key of a dataset's report: its id and the stored preparation's target, so choosing another
 * target (which changes balance and conflicts) computes a new report.
 */
export function qualityKey(dataset: Pick<DatasetRecord, 'id' | 'preparation'>): string {
  return `${dataset.id}\u0000${dataset.preparation?.spec.targetColumn ?? ''}`;
}

export class QualityState {
  /** Finished reports by qualityKey. */
  private reports = $state.raw<ReadonlyMap<string, DatasetQuality>>(new Map());
  private problems = $state.raw<ReadonlyMap<string, DataInputProblem>>(new Map());
  private loading = $state.raw<ReadonlySet<string>>(new Set());

  constructor(private readonly api: Remote<DataApi>) {}

  /** The report of `dataset` for its current target, once loaded. */
  reportOf(dataset: DatasetRecord): DatasetQuality | undefined {
    return this.reports.get(qualityKey(dataset));
  }

  /** The problem of the last load of `dataset`, if it failed. */
  problemOf(dataset: DatasetRecord): DataInputProblem | undefined {
    return this.problems.get(qualityKey(dataset));
  }

  isLoading(dataset: DatasetRecord): boolean {
    return this.loading.has(qualityKey(dataset));
  }

  /**
   * Computes the report in the worker unless it is cached (or `force`). One load per key at a time;
   * a failure is kept as a problem for that key. Resolves when done; never rejects.
   */
  async load(dataset: DatasetRecord, force = false): Promise<void> {
    const key = qualityKey(dataset);
    if (this.loading.has(key) || (!force && this.reports.has(key))) return;
    this.loading = new Set([...this.loading, key]);
    this.problems = without(this.problems, key);
    try {
      const outcome = await this.api.qualityReport(dataset.id);
      if (outcome.ok) this.reports = new Map([...this.reports, [key, outcome.value]]);
      else this.problems = new Map([...this.problems, [key, outcome.problem]]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.problems = new Map([...this.problems, [key, { code: 'internal', message, rows: [] }]]);
    } finally {
      const rest = new Set(this.loading);
      rest.delete(key);
      this.loading = rest;
    }
  }

  /** Drops every cached report of a dataset (call after it was deleted or re-imported). */
  forget(datasetId: string): void {
    const mine = (key: string) => key.startsWith(`${datasetId}\u0000`);
    this.reports = new Map([...this.reports].filter(([key]) => !mine(key)));
    this.problems = new Map([...this.problems].filter(([key]) => !mine(key)));
  }
}

function without<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map;
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}

/** A 0-based data-row index as the dataset preview numbers rows (first data row = 1, header not counted). */
export function rowNumber(row: number): number {
  return row + 1;
}

/** "1, 3, 7" for up to `limit` rows, "1, 3, 7 … (12 rows)" when the group has more. */
export function describeRows(rows: readonly number[], count = rows.length, limit = 8): string {
  const shown = rows.slice(0, limit).map(rowNumber).join(', ');
  return count > Math.min(rows.length, limit) ? `${shown} … (${count} rows)` : shown;
}

/** A character as the corpus report shows it: visible names for whitespace and control characters. */
export function describeCharacter(ch: string): string {
  const names: Record<string, string> = { '\n': '⏎ newline', ' ': '␣ space', '\t': '⇥ tab', '\r': '␍ return' };
  if (names[ch]) return names[ch];
  const code = ch.codePointAt(0) ?? 0;
  return code < 32 || code === 127 ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : ch;
}
