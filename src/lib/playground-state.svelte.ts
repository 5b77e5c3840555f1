// UI state of the evaluation screen's prediction playground and k-fold cross-validation: the run's input
// form and typed cells, the last prediction or problem, and the folds' progress and summary.
import type { Remote } from 'comlink';
import type {
  CrossValidationProgress, CrossValidationResult, PlaygroundForm, Prediction, PredictApi,
} from '../../workers/predict-api';
import type { EnsembleApi } from '../../workers/ensemble-api';
import { callback } from './worker-clients';

/** The worker calls the playground needs (the training worker's API includes them). */
export type PredictClient = Pick<Remote<PredictApi>, 'playgroundForm' | 'predictRow' | 'predictText' | 'predictImage' | 'crossValidate' | 'stopCrossValidation'>
  & Partial<Pick<Remote<EnsembleApi>, 'predictEnsembleRow'>>;

/** Fewest and most folds offered; the default. */
export const MIN_FOLDS = 2;
export const MAX_FOLDS = 10;
export const DEFAULT_FOLDS = 5;

export class PlaygroundState {
  form = $state.raw<PlaygroundForm | null>(null);
  /** Typed cells by raw column name (table runs). */
  cells = $state<Record<string, string>>({});
  text = $state('');
  prediction = $state.raw<Prediction | null>(null);
  problem = $state<string | null>(null);
  busy = $state(false);
  private runId: string | null = null;

  /** With `ensembleId`, rows and texts are predicted by that ensemble (the form is its first member's). */
  constructor(private readonly api: PredictClient, private readonly ensembleId?: string) {}

  /** Load the form of `runId` (prefilled with its first test row); a no-op when it is already shown. */
  async load(runId: string): Promise<void> {
    if (this.runId === runId) return;
    this.runId = runId;
    this.form = null;
    this.prediction = null;
    this.problem = null;
    const outcome = await this.api.playgroundForm(runId);
    if (this.runId !== runId) return;
    if (!outcome.ok) {
      this.problem = outcome.problem.message;
      return;
    }
    this.form = outcome.value;
    if (outcome.value.kind !== 'image') {
      this.cells = { ...outcome.value.example };
      this.text = outcome.value.kind === 'text' ? outcome.value.example[outcome.value.fields[0].column] ?? '' : '';
    }
  }

  /** Predict the typed row (or text) of the loaded run. */
  predict(): Promise<void> {
    const runId = this.runId;
    const form = this.form;
    if (!runId || !form) return Promise.resolve();
    const ensembleId = this.ensembleId;
    const predictEnsemble = this.api.predictEnsembleRow;
    if (ensembleId && predictEnsemble && form.kind !== 'image') {
      const cells = form.kind === 'text' ? { [form.fields[0].column]: this.text } : $state.snapshot(this.cells);
      return this.ask(() => predictEnsemble(ensembleId, cells));
    }
    if (form.kind === 'text') return this.ask(() => this.api.predictText(runId, this.text));
    return this.ask(() => this.api.predictRow(runId, $state.snapshot(this.cells)));
  }

  /** Predict one image file of the loaded run. */
  predictImage(file: Blob): Promise<void> {
    const runId = this.runId;
    if (!runId) return Promise.resolve();
    if (this.ensembleId) {
      this.problem = 'An ensemble of image runs is evaluated on the test split only; open one of its member runs to try an image.';
      return Promise.resolve();
    }
    return this.ask(() => this.api.predictImage(runId, file));
  }

  private async ask(call: () => Promise<{ ok: true; value: Prediction } | { ok: false; problem: { message: string } }>): Promise<void> {
    this.busy = true;
    this.problem = null;
    try {
      const outcome = await call();
      if (outcome.ok) this.prediction = outcome.value;
      else {
        this.prediction = null;
        this.problem = outcome.problem.message;
      }
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}

/** One fold's line while cross-validation runs: its epoch and, when scored, its result. */
export interface FoldView {
  fold: number;
  epoch: number;
  epochs: number;
  done: boolean;
}

export class CrossValidationState {
  k = $state(DEFAULT_FOLDS);
  /** Cap on the epochs each fold trains (empty = the run's own). */
  maxEpochs = $state<number | null>(null);
  running = $state(false);
  folds = $state.raw<FoldView[]>([]);
  result = $state.raw<CrossValidationResult | null>(null);
  problem = $state<string | null>(null);
  /** The run the result belongs to. */
  runId = $state<string | null>(null);

  /** With `ensembleId`, rows and texts are predicted by that ensemble (the form is its first member's). */
  constructor(private readonly api: PredictClient, private readonly ensembleId?: string) {}

  /** Cross-validate `runId` with `k` folds; progress fills `folds`, the end sets `result` or `problem`. */
  async run(runId: string): Promise<void> {
    if (this.running) return;
    const k = Math.round(this.k);
    if (!(k >= MIN_FOLDS && k <= MAX_FOLDS)) {
      this.problem = `Choose from ${MIN_FOLDS} to ${MAX_FOLDS} folds.`;
      return;
    }
    this.running = true;
    this.runId = runId;
    this.result = null;
    this.problem = null;
    this.folds = [];
    const onProgress = callback((p: CrossValidationProgress) => {
      const view: FoldView = { fold: p.fold, epoch: p.epoch, epochs: p.epochs, done: p.result !== undefined };
      this.folds = [...this.folds.filter((f) => f.fold !== p.fold), view].sort((a, b) => a.fold - b.fold);
    });
    try {
      const options = this.maxEpochs && this.maxEpochs > 0 ? { maxEpochs: Math.round(this.maxEpochs) } : {};
      const outcome = await this.api.crossValidate(runId, k, onProgress, options);
      if (outcome.ok) this.result = outcome.value;
      else this.problem = outcome.problem.message;
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    if (this.running) void this.api.stopCrossValidation();
  }
}
