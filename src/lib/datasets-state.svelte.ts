// Rune state for datasets: the stored list, the selected one, imports in progress, the
// preprocessing choice, and the last problem to show. All work happens in the data worker.
import type { Remote } from 'comlink';
import type { DataInputProblem } from '../engine/data/table-types';
import type { FittedPipeline, PrepareSpec } from '../engine/data/prepare-types';
import type { DatasetRecord } from '../engine/storage/records';
import type { DataApi, ImportOptions } from '../../workers/data-api';
import type { TokenizeTextRequest } from '../../workers/tokenize-text';
import type { ImportProgress, Outcome } from '../../workers/api-types';
import { callback } from './worker-clients';
import { sampleUrl, type SampleDataset } from './samples';
import type { PickedFile } from './dropped-files';

/** A file import that is running or has just failed (kept to offer "skip bad rows"). */
export interface ImportJob {
  name: string;
  progress: ImportProgress;
  files?: PickedFile[];
}

export class DatasetsState {
  list = $state.raw<DatasetRecord[]>([]);
  selectedId = $state<string | null>(null);
  importing = $state.raw<ImportJob | null>(null);
  problem = $state<DataInputProblem | null>(null);
  /** Name of the file or sample the problem is about (null for problems of the selected dataset). */
  problemSource = $state<string | null>(null);
  /** The files whose ragged rows were refused, so the user can import them again skipping those rows. */
  raggedFiles = $state.raw<PickedFile[] | null>(null);
  spec = $state<PrepareSpec | null>(null);
  /** How the next image import stores pixels (size, fit, colour); chosen in the sidebar. */
  imageOptions = $state<Pick<ImportOptions, 'imageSize' | 'imageFit' | 'imageChannels'>>({ imageSize: 32, imageFit: 'pad' });
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

  /** Select a dataset; a table is prepared with the suggested (or its stored) choices. `target` overrides the suggestion. */
  /** Select a dataset; a first preparation uses `target` and `task` when given (a sample's own choice). */
  async select(id: string, target?: string, task?: SampleDataset['task']): Promise<void> {
    this.selectedId = id;
    const kind = this.selected?.kind ?? 'table';
    if (kind === 'corpus' || this.selected?.status !== 'complete') {
      this.spec = null;
      return;
    }
    const suggested = (await this.api.suggestPrepareSpec(id)) ?? null;
    const columns = this.selected?.layout?.columns ?? [];
    const fresh = suggested && !this.selected?.preparation;
    const targeted = fresh && target && columns.includes(target)
      ? { ...suggested, targetColumn: target, featureColumns: suggested.featureColumns.filter((c) => c !== target) }
      : suggested;
    // A sample says whether it is a regression (whole-number grams would otherwise look like classes).
    this.spec = fresh && targeted && (task === 'classification' || task === 'regression') ? { ...targeted, task } : targeted;
    if (this.spec && !this.selected?.preparation) await this.prepare(this.spec);
  }

  /** Import dropped or picked files: a table, a text file, a zip, or folders (one per class). */
  importFiles(files: PickedFile[], options: ImportOptions = {}): Promise<boolean> {
    const name = files.length === 1 ? files[0].path.join('/') : `${new Set(files.map((f) => f.path[0])).size} folders and files`;
    // Plain copies: state proxies cannot be cloned to the worker.
    const plain = files.map((f) => ({ file: f.file, path: [...f.path] }));
    const all = { ...$state.snapshot(this.imageOptions), ...options };
    return this.runImport(name, files, (onProgress) => this.api.importFiles(plain, all, onProgress));
  }

  /** Show a problem that happened before the worker saw the files (e.g. reading a dropped folder). */
  reportDropProblem(message: string): void {
    this.problem = { code: 'internal', message, rows: [] };
    this.problemSource = 'the dropped items';
  }

  importSample(sample: SampleDataset): Promise<boolean> {
    return this.runImport(sample.title, undefined,
      (onProgress) => this.api.importSample(sampleUrl(sample), sample.title, onProgress, sample.file), sample.target, sample.task);
  }

  /** Import the files whose ragged rows were refused again, skipping those rows. */
  retrySkippingBadRows(): Promise<boolean> {
    const files = this.raggedFiles;
    return files ? this.importFiles(files, { raggedRows: 'skip' }) : Promise.resolve(false);
  }

  /** A few stored images per class of an image dataset (for the gallery). */
  imageSamples(datasetId: string) {
    return this.api.imageSamples(datasetId);
  }

  /** Fit a tokenizer on a dataset's training text in the worker and measure it (the Tokenize tab). */
  tokenizeText(datasetId: string, request: TokenizeTextRequest) {
    return this.api.tokenizeText(datasetId, request);
  }

  /** A stored run (e.g. an ensemble's member), or undefined when it was deleted. */
  getRun(id: string) {
    return this.api.getRun(id);
  }

  /** The engine's option registries (cleaning steps, encodings, ...) as plain data, for forms. */
  registries() {
    return this.api.registries();
  }

  /** Download the dataset's table as a CSV file (built in the data worker). */
  async downloadCsv(dataset: DatasetRecord): Promise<void> {
    const outcome = await this.api.exportCsv(dataset.id);
    if (!outcome.ok) {
      this.problem = outcome.problem;
      this.problemSource = null;
      return;
    }
    const url = URL.createObjectURL(outcome.value);
    const link = Object.assign(document.createElement('a'), { href: url, download: `${dataset.name.replace(/\.[^.]+$/, '')}.csv` });
    link.click();
    // Give the browser a moment to start the download before the URL is released.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
    this.raggedFiles = null;
  }

  private async runImport(name: string, files: PickedFile[] | undefined,
    start: (onProgress: (p: ImportProgress) => void) => Promise<Outcome<DatasetRecord>>, target?: string, task?: SampleDataset['task']): Promise<boolean> {
    this.problem = null;
    this.problemSource = null;
    this.raggedFiles = null;
    const totalBytes = files?.reduce((n, f) => n + f.file.size, 0) ?? 0;
    this.importing = { name, files, progress: { bytesRead: 0, totalBytes } };
    try {
      const outcome = await start(callback((progress: ImportProgress) => {
        if (this.importing) this.importing = { ...this.importing, progress };
      }));
      if (!outcome.ok) {
        this.problem = outcome.problem;
        this.problemSource = name;
        if (outcome.problem.code === 'ragged-rows' && files) this.raggedFiles = files;
        // A cancelled import is kept as 'failed' (offered for deletion): show it in the list.
        this.list = await this.api.listDatasets();
        return false;
      }
      this.list = await this.api.listDatasets();
      await this.select(outcome.value.id, target, task);
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
