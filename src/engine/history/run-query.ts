// Sorting and filtering of run summaries for the run history table, and the choices its
// filters offer (datasets and statuses present). Pure functions over plain rows.
import type { RunStatus } from '../storage/records';
import type { RunSummary } from './run-summary';

/** Columns the table sorts by. 'date' is the creation time. */
export type RunSortKey = 'date' | 'name' | 'dataset' | 'valLoss' | 'valAccuracy' | 'status';

export const RUN_SORT_KEYS: readonly RunSortKey[] = ['date', 'name', 'dataset', 'valLoss', 'valAccuracy', 'status'];

/** What the table shows. Empty `text`, `datasetId` or `status` filter nothing. */
export interface RunQuery {
  sort: RunSortKey;
  /** Absent: the column's default (defaultDescending): newest first, names A→Z, lowest loss first, highest accuracy first. */
  descending?: boolean;
  /** Whitespace-separated words; a run matches when each word occurs (case-insensitive) in its name, note, dataset name or model kind. */
  text?: string;
  datasetId?: string;
  status?: RunStatus | '';
}

/** The default direction for a column: the "best first" or "newest first" reading. */
export function defaultDescending(key: RunSortKey): boolean {
  return key === 'date' || key === 'valAccuracy';
}

/** Status order when sorting by status: what needs attention first. */
const STATUS_ORDER: Record<RunStatus, number> = { running: 0, stopped: 1, failed: 2, completed: 3 };

function sortValue(row: RunSummary, key: RunSortKey): string | number | null {
  switch (key) {
    case 'date': return row.createdAt;
    case 'name': return row.name.toLocaleLowerCase('en');
    case 'dataset': return row.datasetName.toLocaleLowerCase('en');
    case 'valLoss': return row.finalValLoss;
    case 'valAccuracy': return row.finalValAccuracy;
    case 'status': return STATUS_ORDER[row.status];
  }
}

/** Keep the rows matching every filter of `query`. Does not reorder. */
export function filterRuns(rows: readonly RunSummary[], query: Pick<RunQuery, 'text' | 'datasetId' | 'status'>): RunSummary[] {
  const words = (query.text ?? '').toLocaleLowerCase('en').split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (query.datasetId && row.datasetId !== query.datasetId) return false;
    if (query.status && row.status !== query.status) return false;
    if (!words.length) return true;
    const haystack = [row.name, row.note, row.datasetName, row.modelKind].join('\n').toLocaleLowerCase('en');
    return words.every((word) => haystack.includes(word));
  });
}

/**
 * A sorted copy of `rows`. Rows without a value (no validation accuracy, a diverged loss) go last in
 * either direction; ties fall back to newest first, then id, so the order is total and stable.
 */
export function sortRuns(rows: readonly RunSummary[], key: RunSortKey, descending = defaultDescending(key)): RunSummary[] {
  const sign = descending ? -1 : 1;
  return rows.slice().sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      return sign * (va < vb ? -1 : 1);
    }
    return b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/** Filter then sort, as the table shows them. */
export function queryRuns(rows: readonly RunSummary[], query: RunQuery): RunSummary[] {
  return sortRuns(filterRuns(rows, query), query.sort, query.descending ?? defaultDescending(query.sort));
}

/** The datasets that have runs, by name, for the dataset filter (runs keep the name of a deleted dataset). */
export function runDatasets(rows: readonly RunSummary[]): { id: string; name: string; runs: number }[] {
  const byId = new Map<string, { id: string; name: string; runs: number }>();
  for (const row of rows) {
    const entry = byId.get(row.datasetId) ?? { id: row.datasetId, name: row.datasetName, runs: 0 };
    entry.runs += 1;
    byId.set(row.datasetId, entry);
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
}
