// Rune state for training: the backend in use, the active run, live progress and curves,
// interrupted runs that can be resumed. The loop itself runs in the training worker.
import type { Remote } from 'comlink';
import type { BatchProgress, EpochMetrics } from '../engine/train/train-types';
import type { RunRecord } from '../engine/storage/records';
import type { DataApi } from '../../workers/data-api';
import type { BackendChoice, CalibrationRecord, CalibrationRow, LanguageModelRequest, LmGenerateOptions, ModelChoice, StartRunRequest, TrainApi, TrainEvent } from '../../workers/train-api';
import type { TrainConfig } from '../engine/train/train-types';
import type { Outcome } from '../../workers/api-types';
import { callback } from './worker-clients';

export type TrainingPhase = 'idle' | 'starting' | 'training' | 'stopping';

const LOCK_RECHECKS = 10;
const LOCK_RECHECK_MS = 1000;

export class TrainingState {
  backend = $state<BackendChoice | null>(null);
  phase = $state<TrainingPhase>('idle');
  run = $state.raw<RunRecord | null>(null);
  history = $state.raw<EpochMetrics[]>([]);
  progress = $state.raw<BatchProgress | null>(null);
  etaMs = $state<number | null>(null);
  elapsedMs = $state(0);
  /** Optimizer step reported when the current session started (continues across resume). */
  startStep = $state(0);
  resumedFromEpoch = $state(0);
  message = $state<string | null>(null);
  error = $state<string | null>(null);
  /** Runs left 'running' by a closed or crashed tab, or stopped early: they can be resumed. */
  resumable = $state.raw<RunRecord[]>([]);
  otherTabTraining = $state(false);
  /** Language-model runs: the text generated after the latest epoch. */
  sample = $state<string | null>(null);
  /** Where the active run trains (backend, workers) and how that was decided, in words. */
  placement = $state<string | null>(null);
  /** The latest calibration table (measured now or remembered for the chosen model) and its progress. */
  calibration = $state.raw<CalibrationRecord | null>(null);
  calibrationRows = $state.raw<CalibrationRow[]>([]);
  calibrating = $state(false);
  private lockRechecks = 0;
  /** Called with every worker event after this state has taken it in (e.g. the live monitor). */
  private readonly listeners = new Set<(event: TrainEvent) => void>();

  constructor(private readonly trainer: Remote<TrainApi>, private readonly data: Remote<DataApi>) {}

  /** The training worker's playground and cross-validation calls (see playground-state.svelte.ts). */
  get predictor(): Remote<TrainApi> {
    return this.trainer;
  }

  async detectBackend(forced?: string): Promise<void> {
    this.backend = await this.trainer.backendInfo(forced);
  }

  /** Find runs that can be continued: 'running' with nobody holding the lock, or 'stopped' early. */
  async findResumable(): Promise<void> {
    const runs = await this.data.listRuns();
    this.otherTabTraining = this.phase === 'idle' && (await this.data.isTrainingRunning());
    this.resumable = runs.filter((r) =>
      (r.history.length > 0 || (r.lastCheckpointStep ?? 0) > 0) && r.history.length < r.trainConfig.epochs && !r.languageModel
      // A search trial is continued by its search (Resume search), not on its own.
      && !r.search
      && (r.status === 'stopped' || (r.status === 'running' && !this.otherTabTraining && r.id !== this.run?.id)));
    // Right after a reload the old page's worker may still hold the lock for a moment: look again.
    if (this.otherTabTraining && this.lockRechecks < LOCK_RECHECKS) {
      this.lockRechecks += 1;
      setTimeout(() => void this.findResumable(), LOCK_RECHECK_MS);
    } else {
      this.lockRechecks = 0;
    }
  }

  /** The model `choice` gives on a prepared dataset, with its size (parameters, FLOPs, memory). */
  describeModel(datasetId: string, choice: ModelChoice, batchSize: number) {
    return this.trainer.describeModel(datasetId, choice, batchSize);
  }

  /**
   * When the page is hidden while training, ask for a checkpoint after the current step: a hidden tab may be
   * frozen or discarded by the browser before the epoch ends (G7). Returns the function that stops watching.
   */
  watchVisibility(doc: Document = document): () => void {
    const onChange = () => {
      if (doc.visibilityState === 'hidden' && this.phase === 'training') void this.trainer.checkpointSoon();
    };
    doc.addEventListener('visibilitychange', onChange);
    return () => doc.removeEventListener('visibilitychange', onChange);
  }

  /** Measure every backend × worker count on this model (see workers/calibrate.ts); rows appear as they are measured. */
  async calibrate(datasetId: string, model: ModelChoice, config: TrainConfig): Promise<void> {
    if (this.phase !== 'idle' || this.calibrating) return;
    this.calibrating = true;
    this.error = null;
    this.calibrationRows = [];
    try {
      const outcome = await this.trainer.calibrateModel(datasetId, model, config, callback((row: CalibrationRow) => {
        this.calibrationRows = [...this.calibrationRows, row];
      }));
      if (outcome.ok) this.calibration = outcome.value;
      else this.error = outcome.problem.message;
    } finally {
      this.calibrating = false;
    }
  }

  /** Load the calibration remembered for this model shape (or clear the table when there is none). */
  async showRememberedCalibration(datasetId: string, model: ModelChoice, batchSize: number): Promise<void> {
    if (this.calibrating) return;
    this.calibration = (await this.trainer.rememberedPlacement(datasetId, model, batchSize)) ?? null;
    this.calibrationRows = this.calibration?.rows ?? [];
  }

  /** Use `chosen` for this model shape from now on (the user's override of the calibration). */
  async overridePlacement(datasetId: string, model: ModelChoice, batchSize: number, chosen: { backend: string; workers: number }): Promise<void> {
    const outcome = await this.trainer.overridePlacement(datasetId, model, batchSize, chosen);
    if (!outcome.ok) this.error = outcome.problem.message;
    else await this.showRememberedCalibration(datasetId, model, batchSize);
  }

  start(request: StartRunRequest): Promise<boolean> {
    this.history = [];
    return this.drive(() => this.trainer.startRun(request, callback((e: TrainEvent) => this.onEvent(e))));
  }

  resume(run: RunRecord): Promise<boolean> {
    this.history = run.history;
    return this.drive(() => this.trainer.resumeRun(run.id, callback((e: TrainEvent) => this.onEvent(e))));
  }

  /** Train a GPT on a corpus dataset (see workers/lm-run.ts); samples arrive in `sample`. */
  startLanguageModel(request: LanguageModelRequest): Promise<boolean> {
    this.history = [];
    this.sample = null;
    return this.drive(() => this.trainer.startLanguageModel(request, callback((e: TrainEvent) => this.onEvent(e))));
  }

  /** Continue a stopped or interrupted language-model run from its latest checkpoint. */
  resumeLanguageModel(run: RunRecord): Promise<boolean> {
    this.history = run.history;
    this.sample = run.languageModel?.lastSample ?? null;
    return this.drive(() => this.trainer.resumeLanguageModel(run.id, callback((e: TrainEvent) => this.onEvent(e))));
  }

  /** Text continuing `prompt` from a language-model run's latest checkpoint. */
  generate(runId: string, prompt: string, options: LmGenerateOptions = {}): Promise<Outcome<string>> {
    return this.trainer.generate(runId, prompt, options);
  }

  stop(): void {
    if (this.phase !== 'training') return;
    this.phase = 'stopping';
    void this.trainer.stop();
  }

  /** Show one stored run (its curves and test results), e.g. opened from the run history. */
  async showRun(runId: string): Promise<void> {
    if (this.phase !== 'idle') return;
    const run = await this.data.getRun(runId);
    if (!run || this.phase !== 'idle') return;
    this.run = run;
    this.history = run.history;
    this.progress = null;
    this.resumedFromEpoch = 0;
  }

  /**
   * Show the newest finished, stopped or failed run of a dataset (its curves and results), or nothing. With
   * `includeInterrupted`, a run left 'running' by a closed tab counts too (the language-model panel offers to continue it).
   */
  async showLatestRun(datasetId: string, includeInterrupted = false): Promise<void> {
    if (this.phase !== 'idle') return;
    const runs = await this.data.listRuns();
    // Right after a reload the old page's worker may still hold the training lock for a moment: wait for it.
    let interruptedOk = includeInterrupted && !(await this.data.isTrainingRunning());
    for (let i = 0; includeInterrupted && !interruptedOk && i < LOCK_RECHECKS && this.phase === 'idle'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, LOCK_RECHECK_MS));
      interruptedOk = !(await this.data.isTrainingRunning());
    }
    const latest = runs.find((r) => r.datasetId === datasetId && (r.status !== 'running' || interruptedOk)) ?? null;
    if (this.phase !== 'idle') return;
    this.run = latest;
    this.history = latest?.history ?? [];
    this.progress = null;
    this.resumedFromEpoch = 0;
  }

  private async drive(start: () => Promise<Outcome<RunRecord>>): Promise<boolean> {
    this.phase = 'starting';
    this.error = null;
    this.message = null;
    this.progress = null;
    try {
      const outcome = await start();
      if (!outcome.ok) {
        this.error = outcome.problem.message;
        return false;
      }
      this.run = outcome.value;
      this.history = outcome.value.history;
      return true;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      this.phase = 'idle';
      await this.findResumable();
    }
  }

  /** Hear every training event (after this state is updated); returns the function that stops listening. */
  subscribe(listener: (event: TrainEvent) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  private onEvent(event: TrainEvent): void {
    switch (event.type) {
      case 'started':
        this.phase = 'training';
        this.run = event.run;
        this.backend = event.backend;
        this.resumedFromEpoch = event.resumedFromEpoch;
        this.startStep = event.optimizerStep;
        this.message = event.notice ?? null;
        this.placement = event.placement ?? null;
        this.resumable = this.resumable.filter((r) => r.id !== event.run.id);
        break;
      case 'batch':
        this.progress = event.progress;
        this.etaMs = event.etaMs;
        this.elapsedMs = event.elapsedMs;
        break;
      case 'epoch':
        this.history = [...this.history, event.metrics];
        if (!event.checkpointSaved) this.message = event.checkpointMessage ?? 'A checkpoint was not saved.';
        break;
      case 'sample':
        this.sample = event.text;
        break;
      case 'notice':
        this.message = event.message;
        break;
      case 'finished':
        this.run = event.run;
        this.history = event.run.history;
        break;
    }
    for (const listener of this.listeners) listener(event);
  }
}
