// Rune state for datasets: the stored list, the selected one, imports in progress, the
// preprocessing choice, and the last problem to show. All work happens in the data worker.
import type { Remote } from 'comlink';
import type { DataInputProblem } from '../engine/data/table-types';
import type { FittedPipeline, PrepareSpec } from '../engine/data/prepare-types';
import type { DatasetRecord } from '../engine/storage/records';
import type { DataApi, ImportOptions } from '../../workers/data-api';
import type { ImportProgress, Outcome } from '../../workers/api-types';
import { callback } from './worker-clients';
import { sampleUrl, type SampleDataset } from './samples';

/** A file import that is running or has just failed (kept to offer "skip bad rows"). */
export interface ImportJob {
  name: string;
  progress: ImportProgress;
  file?: File;
}

export class DatasetsState {
  list = $state.raw<DatasetRecord[]>([]);
  selectedId = $state<string | null>(null);
  importing = $state<ImportJob | null>(null);
  problem = $state<DataInputProblem | null>(null);
  /** Name of the file or sample the problem is about (null for problems of the selected dataset). */
  problemSource = $state<string | null>(null);
  /** The file whose ragged rows were refused, so the user can import it again skipping them. */
  raggedFile = $state<File | null>(null);
  spec = $state<PrepareSpec | null>(null);
  preparing = $state(false);
  loaded = $state(false);

  selected = $derived(this.list.find((d) => d.id === this.selectedId) ?? null);
  /** The stored preprocessing of the selected dataset (TrainPanel checks that it matches `spec`). */
  pipeline = $derived<FittedPipeline | null>(this.selected?.preparation ?? null);

  constructor(private readonly api: Remote<DataApi>) {}

  /** Load the stored datasets (after clearing interrupted checkpoint writes) and select the newest. */
  async refresh(): Promise<void> {
    if (!this.loaded) await this.api.removeInterruptedWrites();
    this.list = await this.api.listDatasets();
    this.loaded = true;
    if (this.selectedId && !this.list.some((d) => d.id === this.selectedId)) this.selectedId = null;
    if (!this.selectedId && this.list.length > 0) await this.select(this.list[0].id);
  }

  async select(id: string): Promise<void> {
    this.selectedId = id;
    this.spec = (await this.api.suggestPrepareSpec(id)) ?? null;
    if (this.spec && !this.selected?.preparation) await this.prepare(this.spec);
  }

  /** Import a dropped or picked file. */
  importFile(file: File, options: ImportOptions = {}): Promise<boolean> {
    if (!/\.(csv|tsv|txt)$/i.test(file.name) && file.type && !file.type.startsWith('text/')) {
      this.problem = { code: 'binary-file', message: `This is not a CSV file (type ${file.type}). Drop a .csv or .tsv table.`, rows: [] };
      this.problemSource = file.name;
      return Promise.resolve(false);
    }
    return this.runImport(file.name, file, (onProgress) => this.api.importCsvFile(file, file.name, options, onProgress));
  }

  importSample(sample: SampleDataset): Promise<boolean> {
    return this.runImport(sample.title, undefined, (onProgress) => this.api.importSample(sampleUrl(sample), sample.title, onProgress));
  }

  /** Import the file whose ragged rows were refused again, skipping those rows. */
  retrySkippingBadRows(): Promise<boolean> {
    const file = this.raggedFile;
    return file ? this.importFile(file, { raggedRows: 'skip' }) : Promise.resolve(false);
  }

  cancelImport(): void {
    void this.api.cancelImport();
  }

  async remove(id: string): Promise<void> {
    await this.api.deleteDataset(id);
    await this.refresh();
  }

  /** Fit the preprocessing for `spec` in the worker and store it with the dataset. */
  async prepare(spec: PrepareSpec): Promise<boolean> {
    const id = this.selectedId;
    if (!id) return false;
    this.spec = spec;
    this.preparing = true;
    try {
      const outcome = await this.api.prepareDataset(id, $state.snapshot(spec));
      if (!outcome.ok) {
        this.problem = outcome.problem;
        this.problemSource = null;
        return false;
      }
      this.problem = null;
      this.list = await this.api.listDatasets();
      return true;
    } finally {
      this.preparing = false;
    }
  }

  dismissProblem(): void {
    this.problem = null;
    this.raggedFile = null;
  }

  private async runImport(name: string, file: File | undefined,
    start: (onProgress: (p: ImportProgress) => void) => Promise<Outcome<DatasetRecord>>): Promise<boolean> {
    this.problem = null;
    this.problemSource = null;
    this.raggedFile = null;
    this.importing = { name, file, progress: { bytesRead: 0, totalBytes: file?.size ?? 0 } };
    try {
      const outcome = await start(callback((progress: ImportProgress) => {
        if (this.importing) this.importing = { ...this.importing, progress };
      }));
      if (!outcome.ok) {
        this.problem = outcome.problem;
        this.problemSource = name;
        if (outcome.problem.code === 'ragged-rows' && file) this.raggedFile = file;
        return false;
      }
      this.list = await this.api.listDatasets();
      await this.select(outcome.value.id);
      return true;
    } catch (error) {
      this.problem = { code: 'internal', message: error instanceof Error ? error.message : String(error), rows: [] };
      this.problemSource = name;
      return false;
    } finally {
      this.importing = null;
    }
  }
}
