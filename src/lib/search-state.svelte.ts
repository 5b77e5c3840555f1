// Rune state for the Tune screen: the dataset's searches and ensembles, the search shown, live progress of
// its trials, and the actions (start, pause, resume, train the best, ensemble the top K). Work runs in workers.
import type { Remote } from 'comlink';
import type { DataApi } from '../../workers/data-api';
import type { SearchApi, SearchEvent, SearchRequest } from '../../workers/search-api';
import type { TrainApi } from '../../workers/train-api';
import type { EnsembleRequest } from '../../workers/ensemble-api';
import type { EnsembleRecord, SearchRecord } from '../engine/storage/search-records';
import type { EnsembleSpec } from '../engine/ensemble/ensemble-types';
import type { Outcome } from '../../workers/api-types';
import type { TrainingState } from './training-state.svelte';
import { callback } from './worker-clients';

/** The latest batch of one running trial. */
export interface TrialProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
  loss: number;
}

export class SearchState {
  /** The selected dataset's searches, newest first. */
  searches = $state.raw<SearchRecord[]>([]);
  /** The search shown (running, or chosen from the list). */
  shown = $state.raw<SearchRecord | null>(null);
  progress = $state.raw<Record<number, TrialProgress>>({});
  phase = $state<'idle' | 'running' | 'pausing'>('idle');
  /** True when the shown search was left running by a closed tab and nobody trains now: it can be resumed. */
  interrupted = $state(false);
  error = $state<string | null>(null);
  ensembles = $state.raw<EnsembleRecord[]>([]);
  /** The ensemble shown with its evaluation. */
  ensemble = $state.raw<EnsembleRecord | null>(null);
  building = $state(false);
  private datasetId: string | null = null;

  constructor(private readonly search: Remote<SearchApi>, private readonly trainer: Remote<TrainApi>,
    private readonly data: Remote<DataApi>, private readonly training: TrainingState) {}

  /** The ensembles API of the training worker (for the playground). */
  get predictor(): Remote<TrainApi> {
    return this.trainer;
  }

  /** Load a dataset's searches and ensembles; show its newest search and ensemble. */
  async load(datasetId: string): Promise<void> {
    this.datasetId = datasetId;
    if (this.phase !== 'idle') return;
    const [searches, ensembles] = await Promise.all([this.search.listSearches(datasetId), this.trainer.listEnsembles(datasetId)]);
    if (this.datasetId !== datasetId || this.phase !== 'idle') return;
    this.searches = searches;
    this.shown = searches[0] ?? null;
    this.ensembles = ensembles;
    this.ensemble = ensembles[0] ?? null;
    this.progress = {};
    await this.checkInterrupted();
  }

  /** Show another stored search. */
  show(searchId: string): void {
    if (this.phase !== 'idle') return;
    this.shown = this.searches.find((s) => s.id === searchId) ?? this.shown;
    void this.checkInterrupted();
  }

  /** Right after a reload the old page's workers may hold the training lock a moment longer: look again. */
  private async checkInterrupted(rechecks = 10): Promise<void> {
    const s = this.shown;
    if (!s || s.status !== 'running' || this.phase !== 'idle') {
      this.interrupted = false;
      return;
    }
    const held = await this.data.isTrainingRunning();
    this.interrupted = !held && this.shown?.id === s.id;
    if (held && rechecks > 0) setTimeout(() => void this.checkInterrupted(rechecks - 1), 1000);
  }

  start(request: SearchRequest): Promise<boolean> {
    return this.drive(() => this.search.startSearch({ ...request, ...(this.training.backend ? { backend: $state.snapshot(this.training.backend) } : {}) }, this.listener()));
  }

  /** Continue the shown search (paused, or interrupted by a reload) where it stopped. */
  resume(): Promise<boolean> {
    const id = this.shown?.id;
    if (!id) return Promise.resolve(false);
    return this.drive(() => this.search.resumeSearch(id, this.listener(), this.training.backend ? $state.snapshot(this.training.backend) : undefined));
  }

  pause(): void {
    if (this.phase !== 'running') return;
    this.phase = 'pausing';
    void this.search.pauseSearch();
  }

  /** Train the shown search's best configuration as a new run, to the search's full epochs. */
  async trainBest(): Promise<void> {
    const s = this.shown;
    if (!s) return;
    const best = await this.search.bestConfiguration(s.id);
    if (!best.ok) {
      this.error = best.problem.message;
      return;
    }
    const { model, config, trial } = best.value;
    await this.training.start({ datasetId: s.datasetId, model, config, name: `${s.name} · best (trial ${trial + 1})`, placement: 'auto' });
  }

  /** Build an ensemble of the shown search's `topK` best trials, save it and show its evaluation. */
  ensembleTop(topK: number, spec: EnsembleSpec): Promise<boolean> {
    const s = this.shown;
    return s ? this.build({ fromSearch: { searchId: s.id, topK }, spec }) : Promise.resolve(false);
  }

  /** Build an ensemble of chosen runs (e.g. ticked in the run history) of the shown dataset. */
  ensembleRuns(runIds: string[], spec: EnsembleSpec): Promise<boolean> {
    return this.build({ runIds, spec });
  }

  private async build(request: EnsembleRequest): Promise<boolean> {
    if (this.building) return false;
    this.building = true;
    this.error = null;
    try {
      const outcome = await this.trainer.buildEnsemble(request);
      if (!outcome.ok) {
        this.error = outcome.problem.message;
        return false;
      }
      this.ensemble = outcome.value;
      this.ensembles = [outcome.value, ...this.ensembles];
      return true;
    } finally {
      this.building = false;
    }
  }

  showEnsemble(id: string): void {
    this.ensemble = this.ensembles.find((e) => e.id === id) ?? this.ensemble;
  }

  async deleteEnsemble(id: string): Promise<void> {
    const outcome = await this.trainer.deleteEnsemble(id);
    if (!outcome.ok) {
      this.error = outcome.problem.message;
      return;
    }
    this.ensembles = this.ensembles.filter((e) => e.id !== id);
    if (this.ensemble?.id === id) this.ensemble = this.ensembles[0] ?? null;
  }

  private listener() {
    return callback((event: SearchEvent) => {
      if (event.type === 'search') {
        this.shown = event.search;
        // Events come through their own port and may arrive after the call has returned: they never set the phase.
        this.searches = [event.search, ...this.searches.filter((s) => s.id !== event.search.id)];
      } else {
        this.progress = { ...this.progress, [event.trial]: { epoch: event.epoch, epochs: event.epochs, batch: event.batch, batchesPerEpoch: event.batchesPerEpoch, loss: event.loss } };
      }
    });
  }

  private async drive(run: () => Promise<Outcome<SearchRecord>>): Promise<boolean> {
    if (this.phase !== 'idle') return false;
    this.phase = 'running';
    this.error = null;
    this.interrupted = false;
    this.progress = {};
    try {
      const outcome = await run();
      if (!outcome.ok) {
        this.error = outcome.problem.message;
        return false;
      }
      this.shown = outcome.value;
      if (outcome.value.failure) this.error = outcome.value.failure;
      return true;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      this.phase = 'idle';
      this.progress = {};
      await this.training.findResumable();
    }
  }
}
