// The run history's worker verbs: list (filtered, sorted) run summaries, rename and annotate a
// run, compare runs side by side with aligned curves, and export CSV. Spread into the data worker's API.
import type { IDBPDatabase } from 'idb';
import type { AppDB } from '../src/engine/storage/db';
import { annotateRun, getRun, listRuns, renameRun } from '../src/engine/storage/runs-repo';
import type { RunRecord } from '../src/engine/storage/records';
import { summarizeRun, type RunSummary } from '../src/engine/history/run-summary';
import { defaultDescending, queryRuns, runDatasets, type RunQuery, type RunSortKey } from '../src/engine/history/run-query';
import { compareRuns, overlayCurves, type CurveMetric, type OverlayCurves, type RunComparison } from '../src/engine/history/run-compare';
import { buildCurvesCsv, buildMetricsCsv, exportFileName } from '../src/engine/history/history-csv';
import { problemFrom, type Outcome } from './api-types';

export interface HistoryApiDeps {
  /** Opens (once) and returns the app database. */
  db: () => Promise<IDBPDatabase<AppDB>>;
  /** Clock for export file names (ms since epoch); defaults to Date.now. */
  now?: () => number;
}

/** What the history table shows for one query. */
export interface RunHistoryPage {
  rows: RunSummary[];
  /** The order applied, with the direction resolved when the query left it out. */
  sort: RunSortKey;
  descending: boolean;
  /** Runs stored in all (before filtering). */
  total: number;
  /** Datasets that have runs, for the dataset filter. */
  datasets: { id: string; name: string; runs: number }[];
}

/** The comparison of selected runs: the side-by-side table and their curves. */
export interface RunComparisonView extends RunComparison {
  /** Loss curves (train and validation) on one epoch axis. */
  loss: OverlayCurves;
  /** Accuracy curves; `series` is empty for regression runs. */
  accuracy: OverlayCurves;
  /** Requested ids that are no longer stored (deleted meanwhile). */
  missing: string[];
}

export interface CsvExport {
  /** Suggested download name (never built from user text). */
  fileName: string;
  /** CSV text, CRLF line ends. */
  text: string;
}

const LOSS: CurveMetric[] = ['trainLoss', 'valLoss'];
const ACCURACY: CurveMetric[] = ['trainAccuracy', 'valAccuracy'];

/** Build the history verbs around `deps.db`. Side-effect free until called. */
export function createHistoryApi(deps: HistoryApiDeps) {
  const now = deps.now ?? Date.now;

  /** The stored runs with these ids, in the given order, and the ids not found. */
  async function readRuns(ids: readonly string[]): Promise<{ runs: RunRecord[]; missing: string[] }> {
    const db = await deps.db();
    const found = await Promise.all([...new Set(ids)].map(async (id) => [id, await getRun(db, id)] as const));
    return {
      runs: found.flatMap(([, run]) => (run ? [run] : [])),
      missing: found.flatMap(([id, run]) => (run ? [] : [id])),
    };
  }

  async function patchRun(change: () => Promise<RunRecord>): Promise<Outcome<RunSummary>> {
    try {
      return { ok: true, value: summarizeRun(await change()) };
    } catch (error) {
      return { ok: false, problem: problemFrom(error) };
    }
  }

  return {
    /** Summaries of the stored runs matching `query`, sorted as it asks. */
    async queryRuns(query: RunQuery): Promise<RunHistoryPage> {
      const all = (await listRuns(await deps.db())).map(summarizeRun);
      const descending = query.descending ?? defaultDescending(query.sort);
      return { rows: queryRuns(all, { ...query, descending }), sort: query.sort, descending, total: all.length, datasets: runDatasets(all) };
    },

    /** Rename a run (trimmed, 1-120 characters); a refused name comes back as a problem. */
    renameRun(id: string, name: string): Promise<Outcome<RunSummary>> {
      return patchRun(async () => renameRun(await deps.db(), id, name));
    },

    /** Set a run's note ('' removes it); an over-long note comes back as a problem. */
    annotateRun(id: string, note: string): Promise<Outcome<RunSummary>> {
      return patchRun(async () => annotateRun(await deps.db(), id, note));
    },

    /** Side-by-side metrics and overlay curves of the runs `ids`, in that order (duplicates dropped). */
    async compareRuns(ids: string[]): Promise<RunComparisonView> {
      const { runs, missing } = await readRuns(ids);
      return { ...compareRuns(runs), loss: overlayCurves(runs, LOSS), accuracy: overlayCurves(runs, ACCURACY), missing };
    },

    /** CSV of the runs `ids` (in that order): headline metrics, one line per run, or curves, one line per epoch. */
    async exportRunsCsv(ids: string[], what: 'metrics' | 'curves'): Promise<CsvExport> {
      const { runs } = await readRuns(ids);
      const text = what === 'metrics' ? buildMetricsCsv(runs) : buildCurvesCsv(runs);
      return { fileName: exportFileName(what, now()), text };
    },
  };
}

/** The history verbs' interface, derived from the factory. */
export type HistoryApi = ReturnType<typeof createHistoryApi>;
