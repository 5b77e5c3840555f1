// Rune state for the run history screen: the query (sort and filters), the rows the data worker
// returns for it, the runs chosen for comparison and their comparison, and rename/annotate/delete.
import type { Remote } from 'comlink';
import type { RunStatus } from '../engine/storage/records';
import type { RunSummary } from '../engine/history/run-summary';
import type { RunQuery, RunSortKey } from '../engine/history/run-query';
import type { DataApi } from '../../workers/data-api';
import type { CsvExport, HistoryApi, RunComparisonView, RunHistoryPage } from '../../workers/history-api';

export type { RunSummary, RunSortKey, RunComparisonView, CsvExport };
export type { OverlayCurves, ComparisonRow } from '../engine/history/run-compare';

/** What the state needs from the data worker (DataApi once createHistoryApi is spread into it). */
export type RunHistoryApi = Pick<DataApi, 'deleteRun'> & HistoryApi;

export class RunHistoryState {
  sort = $state<RunSortKey>('date');
  /** Undefined until the first page arrives: the worker resolves the column's default direction. */
  descending = $state<boolean | undefined>(undefined);
  text = $state('');
  datasetId = $state('');
  status = $state<RunStatus | ''>('');

  rows = $state.raw<RunSummary[]>([]);
  total = $state(0);
  datasets = $state.raw<RunHistoryPage['datasets']>([]);
  loaded = $state(false);
  /** Ids chosen for comparison, in the order they were ticked (the table's and chart's column order). */
  selected = $state.raw<string[]>([]);
  comparison = $state.raw<RunComparisonView | null>(null);
  /** The last failure, in plain words; cleared by the next successful action. */
  error = $state<string | null>(null);

  /** Answers to older requests are dropped so fast typing in the filter never shows stale rows. */
  private pageRequest = 0;
  private compareRequest = 0;

  constructor(private readonly api: Remote<RunHistoryApi>) {}

  /** Reload the rows for the current query (and the comparison, whose runs may have changed). */
  async refresh(): Promise<void> {
    const request = ++this.pageRequest;
    const query: RunQuery = { sort: this.sort, descending: this.descending, text: this.text, datasetId: this.datasetId, status: this.status };
    try {
      const page = await this.api.queryRuns(query);
      if (request !== this.pageRequest) return;
      this.rows = page.rows;
      this.total = page.total;
      this.datasets = page.datasets;
      this.descending = page.descending;
      this.loaded = true;
    } catch (error) {
      this.fail(error);
    }
    await this.loadComparison();
  }

  /** Sort by `key`; choosing the current column again flips the direction. */
  sortBy(key: RunSortKey): Promise<void> {
    this.descending = key === this.sort && this.descending !== undefined ? !this.descending : undefined;
    this.sort = key;
    return this.refresh();
  }

  /** Change any filter and reload. */
  filter(change: { text?: string; datasetId?: string; status?: RunStatus | '' }): Promise<void> {
    if (change.text !== undefined) this.text = change.text;
    if (change.datasetId !== undefined) this.datasetId = change.datasetId;
    if (change.status !== undefined) this.status = change.status;
    return this.refresh();
  }

  isSelected(id: string): boolean {
    return this.selected.includes(id);
  }

  /** Tick or untick a run for comparison, then reload the comparison. */
  toggleSelected(id: string): Promise<void> {
    this.selected = this.isSelected(id) ? this.selected.filter((s) => s !== id) : [...this.selected, id];
    return this.loadComparison();
  }

  /** Rename a run. Resolves to the problem's message when refused, null when stored. */
  async rename(id: string, name: string): Promise<string | null> {
    return this.applyPatch(() => this.api.renameRun(id, name));
  }

  /** Store a run's note ('' removes it). Resolves to the problem's message when refused, null when stored. */
  async annotate(id: string, note: string): Promise<string | null> {
    return this.applyPatch(() => this.api.annotateRun(id, note));
  }

  /** Delete a run and its checkpoints (ask the user first), drop it from the selection, reload. */
  async remove(id: string): Promise<void> {
    try {
      await this.api.deleteRun(id);
      this.selected = this.selected.filter((s) => s !== id);
      this.error = null;
    } catch (error) {
      this.fail(error);
    }
    await this.refresh();
  }

  /** CSV of the selected runs, or of every listed run when none is selected. */
  exportCsv(what: 'metrics' | 'curves'): Promise<CsvExport> {
    const ids = this.selected.length ? this.selected : this.rows.map((r) => r.id);
    return this.api.exportRunsCsv(ids, what);
  }

  private async applyPatch(call: () => Promise<{ ok: true; value: RunSummary } | { ok: false; problem: { message: string } }>): Promise<string | null> {
    try {
      const outcome = await call();
      if (!outcome.ok) return outcome.problem.message;
      const updated = outcome.value;
      this.rows = this.rows.map((r) => (r.id === updated.id ? updated : r));
      this.error = null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    // Names and notes show in the comparison and can change the sort and filter result.
    await this.refresh();
    return null;
  }

  private async loadComparison(): Promise<void> {
    const request = ++this.compareRequest;
    if (!this.selected.length) {
      this.comparison = null;
      return;
    }
    try {
      const view = await this.api.compareRuns(this.selected);
      if (request !== this.compareRequest) return;
      this.comparison = view;
      if (view.missing.length) this.selected = this.selected.filter((id) => !view.missing.includes(id));
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.error = `The run history could not be read: ${error instanceof Error ? error.message : String(error)}`;
  }
}
