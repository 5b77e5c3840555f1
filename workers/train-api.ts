// The training worker's API: start a run on a prepared dataset, resume one from its last
// checkpoint, stop cooperatively. Events stream to a listener; runs and checkpoints go to IndexedDB.
import { readMemory } from './memory-reading';
import { validationInsight } from './epoch-insight';
import * as tf from '@tensorflow/tfjs';
import { deviceLossNotice, recreateBackend, startDeviceLossWatch, type DeviceLossInfo } from './device-loss';
import { DEVICE_LOSS_WAIT_MS, isClosedDatabase, MAX_DEVICE_RECOVERIES, STORAGE_CLEARED, withStorageFigures } from './run-faults';
import type { IDBPDatabase } from 'idb';
import type { FittedPipeline } from '../src/engine/data/prepare-types';
import { validateMlpSpec } from '../src/engine/model/build-mlp';
import { validateModelSpec } from '../src/engine/model/validate-model-spec';
import { summarizeModel, type ModelSummary } from '../src/engine/model/model-summary';
import type { AnyModelSpec } from '../src/engine/model/model-types';
import { resolveModelSpec, type ModelChoice } from './model-choice';
import { parameterCount } from '../src/engine/model/transformer-spec';
import { preflightOrThrow } from './device-preflight';
import { backendForModel } from './model-backend';
import { fallbackNotice, unlessBusy } from './run-messages';
import { validateTrainConfig } from '../src/engine/train/train-config';
import { NonFiniteLossError, Trainer, type TrainerData } from '../src/engine/train/training-loop';
import type { TrainConfig, TrainerSnapshot } from '../src/engine/train/train-types';
import type { AppDB } from '../src/engine/storage/db';
import { getDataset } from '../src/engine/storage/datasets-repo';
import { loadEncodedSplits } from './prepared-data';
import { isImagePipeline } from '../src/engine/data/image-pipeline';
import { tokenCountFeatureIndices } from '../src/engine/clean/encoder-apply';
import { createRun, getRun, updateRun } from '../src/engine/storage/runs-repo';
import { commitCheckpoint, loadLatestCheckpoint } from '../src/engine/storage/checkpoints-repo';
import type { RunRecord } from '../src/engine/storage/records';
import { problemFrom, type Outcome } from './api-types';
import { evaluateTestSplit } from './evaluate-run';
import { createPredictApi } from './predict-api';
import { createEnsembleApi } from './ensemble-api';
import { createProgressClock } from './progress-clock';
import type { BackendChoice, TrainEvent } from './train-events';
import { createLmRunner, type LanguageModelRequest, type LmGenerateOptions } from './lm-run';
import { ReplicaPool } from './replica-pool';
import { calibrate, calibrationBackends, CALIBRATION_WORKER_COUNTS, choosePlacement, overridePlacement, switchBackend, type PlacementRequest, type RunPlacementRequest } from './placement';
import { calibrationKey, getCalibration, type CalibrationRecord, type CalibrationRow } from '../src/engine/storage/calibrations-repo';

export type { BackendChoice, TrainEvent } from './train-events';
export type { ModelChoice } from './model-choice';
export type { LanguageModelRequest, LmGenerateOptions } from './lm-run';
export type { PlacementRequest } from './placement';
export type { CalibrationRecord, CalibrationRow } from '../src/engine/storage/calibrations-repo';

/** Validate a spec of either version before anything is allocated. */
function validateAnyModelSpec(spec: AnyModelSpec): void {
  if (spec.version === 1) validateMlpSpec(spec);
  else validateModelSpec(spec);
}

export interface TrainApiDeps {
  db: () => Promise<IDBPDatabase<AppDB>>;
  /** Picks and initialises the tfjs backend (webgpu, then webgl, then cpu); `forced` names one to use. */
  selectBackend: (forced?: string) => Promise<BackendChoice>;
  /** Storage headroom for the checkpoint preflight (navigator.storage.estimate in a browser). */
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  /** Runs `work` holding the app-wide training lock; resolves 'busy' when another tab holds it. */
  withTrainingLock?: <T>(work: () => Promise<T>) => Promise<T | 'busy'>;
}

export interface StartRunRequest {
  datasetId: string;
  model: ModelChoice;
  config: TrainConfig;
  name?: string;
  /** Backend and data-parallel workers (default 'auto': remembered calibration, else a quick one). */
  placement?: RunPlacementRequest;
  /** The search trial this run trains, shown in the run history. */
  search?: RunRecord['search'];
}

/** Minimum time between two batch events sent to the page. */
const BATCH_EVENT_INTERVAL_MS = 200;


/** Build the training API. One run at a time per worker. */
export function createTrainApi(deps: TrainApiDeps) {
  let stopRequested = false;
  /** Set by checkpointSoon() (the page became hidden); the loop checkpoints after its current step. */
  let checkpointAsked = false;
  let backend: Promise<BackendChoice> | undefined;
  const withLock = deps.withTrainingLock ?? (async <T>(work: () => Promise<T>) => work());
  // The first call decides; later calls return the same choice.
  const ensureBackend = (forced?: string) => (backend ??= deps.selectBackend(forced));
  const lm = createLmRunner({ db: deps.db, ensureBackend: () => ensureBackend(), estimate: deps.estimate, withLock,
    shouldStop: () => stopRequested, resetStop: () => { stopRequested = false; } });

  async function loadTrainerData(pipeline: FittedPipeline, datasetId: string) {
    const { splits: [train, validation, test], testPreview } = await loadEncodedSplits(await deps.db(), datasetId, pipeline);
    const input = isImagePipeline(pipeline) ? pipeline.input : undefined;
    const image = input && { shape: [input.shape.height, input.shape.width, input.shape.channels] as const, mean: input.scale.mean, std: input.scale.std };
    const tokenCountColumns = tokenCountFeatureIndices(pipeline.encoders);
    const data: TrainerData = { train, validation, ...(image ? { image } : {}), ...(tokenCountColumns.length ? { tokenCountColumns } : {}) };
    return { data, test, testPreview };
  }

  /** What a calibration of `model` on a prepared dataset needs: the spec, data and default backend (made active). */
  async function calibrationContext(datasetId: string, model: ModelChoice, config: TrainConfig) {
    validateTrainConfig(config);
    const db = await deps.db();
    const pipeline = (await getDataset(db, datasetId))?.preparation;
    if (!pipeline) throw new Error('Prepare the dataset (choose the target column) first.');
    const spec = resolveModelSpec(model, pipeline);
    validateAnyModelSpec(spec);
    const placed = await backendForModel(await ensureBackend(), spec);
    const { data } = await loadTrainerData(pipeline, datasetId);
    return { db, spec, config, data, baseBackend: placed.name };
  }

  /**
   * Train `run` from `snapshot` (or from scratch) to its configured epochs, checkpointing every epoch. A new
   * run's backend and worker count come from `placement`; a resumed run keeps the ones it trained with.
   */
  async function trainRun(run: RunRecord, snapshot: TrainerSnapshot | undefined, notice: string | undefined,
    emit: (e: TrainEvent) => void, placement?: RunPlacementRequest, recoveries = 0): Promise<RunRecord> {
    const db = await deps.db();
    const chosen = await ensureBackend();
    const placed = await backendForModel(chosen, run.modelSpec);
    const { data, test, testPreview } = await loadTrainerData(run.pipeline, run.datasetId);
    const where = placement
      ? await choosePlacement({ db, spec: run.modelSpec, config: run.trainConfig, data, baseBackend: placed.name }, placement)
      : { backend: run.backend ?? placed.name, workers: run.trainConfig.workers ?? 1, how: undefined };
    if (!(await switchBackend(where.backend))) throw new Error(`The ${where.backend} backend this run trains on is not available in this browser.`);
    const config: TrainConfig = { ...run.trainConfig, workers: where.workers };
    const backendName = where.backend as BackendChoice['name'];
    const choice: BackendChoice = backendName === chosen.name ? chosen : { name: backendName, reason: placed.notice ?? where.how ?? chosen.reason };
    const pool = where.workers > 1 ? new ReplicaPool({ workers: where.workers, backend: where.backend, spec: run.modelSpec, config, data, snapshot }) : undefined;
    let trainer: Trainer;
    try {
      trainer = await Trainer.create(run.modelSpec, config, data, snapshot, pool?.role);
    } catch (error) {
      pool?.dispose();
      throw error;
    }
    const clock = createProgressClock(config.epochs, data.train.n, config.batchSize, trainer.completedEpochs);
    checkpointAsked = false;
    // tfjs-backend-webgpu does not watch its device; a loss (driver reset, device.destroy()) is handled below (G1).
    const device = startDeviceLossWatch(tf.backend());
    let lostDevice: DeviceLossInfo | undefined;
    await updateRun(db, run.id, { status: 'running', backend: backendName, trainConfig: config, failure: undefined });
    emit({ type: 'started', run: { ...run, status: 'running', backend: backendName, trainConfig: config }, backend: choice,
      resumedFromEpoch: trainer.completedEpochs, optimizerStep: trainer.optimizerStep, placement: where.how,
      notice: [notice, placed.notice].filter(Boolean).join(' ') || undefined });
    let lastBatchEvent = 0;
    try {
      await pool?.start();
      let earlyStopNote: string | undefined;
      const outcome = await trainer.run({
        shouldStop: () => stopRequested || device.lost() !== undefined,
        onEpochStart: (epoch, fromBatch) => pool?.startEpoch(epoch, fromBatch),
        // The page asks for one when it is hidden (G7): the tab may be discarded before the epoch ends.
        checkpointRequested: () => {
          const asked = checkpointAsked;
          checkpointAsked = false;
          return asked;
        },
        onMidEpochCheckpoint: async (cursor) => {
          try {
            await commitCheckpoint(db, run.id, await trainer.snapshot(cursor), { estimate: deps.estimate });
            await updateRun(db, run.id, { lastCheckpointStep: trainer.optimizerStep, updatedAt: Date.now() });
            emit({ type: 'notice', message: `Saved a checkpoint at step ${trainer.optimizerStep} (epoch ${cursor.epoch}, batch ${cursor.batch}) because the page was hidden.` });
          } catch (error) {
            emit({ type: 'notice', message: `The checkpoint for the hidden page was not saved: ${problemFrom(error).message}` });
          }
        },
        onEarlyStop: (epoch, restored) => {
          earlyStopNote = `Early stopping ended training after epoch ${epoch}${restored ? `; the weights of epoch ${restored}, the best, were restored` : ''}.`;
        },
        onBatch: (progress) => {
          clock.tick();
          const now = Date.now();
          if (now - lastBatchEvent < BATCH_EVENT_INTERVAL_MS) return;
          lastBatchEvent = now;
          emit({ type: 'batch', progress, ...clock.read(), memory: readMemory() });
        },
        onEpochEnd: async (metrics) => {
          // Every replica must hold the same parameters as this one before the epoch is checkpointed.
          const rebalanced = pool && (await pool.finishEpoch(metrics.epoch, await trainer.parameterHash(), trainer.epochComputeMs));
          if (rebalanced) {
            trainer.setShards(rebalanced);
            emit({ type: 'notice', message: `Workers differ in speed, so the batch is now shared ${rebalanced.map((s) => s.count).join(' / ')} rows.` });
          }
          let checkpointMessage: string | undefined;
          try {
            await commitCheckpoint(db, run.id, await trainer.snapshot(), { estimate: deps.estimate });
          } catch (error) {
            const problem = problemFrom(error);
            // Storage errors already say which checkpoint was not saved and why.
            checkpointMessage = problem.code === 'storage' ? await withStorageFigures(problem.message, deps.estimate)
              : `The checkpoint of epoch ${metrics.epoch} was not saved: ${problem.message}`;
          }
          await updateRun(db, run.id, { history: trainer.history.slice(), updatedAt: Date.now(), ...(checkpointMessage ? {} : { lastCheckpointStep: trainer.optimizerStep }) });
          const classes = run.pipeline.spec.task === 'classification' ? (run.pipeline.classes?.length ?? 0) : 0;
          const insight = classes ? await validationInsight(trainer, data, classes) : undefined;
          emit({ type: 'epoch', metrics, checkpointSaved: !checkpointMessage, checkpointMessage, insight });
        },
      });
      if (device.lost()) throw new Error('The graphics device was lost.');
      const evaluation = await evaluateTestSplit(trainer, run.pipeline, test, { rowPreview: testPreview });
      const status = outcome === 'stopped' ? 'stopped' : 'completed';
      await updateRun(db, run.id, { status, evaluation, history: trainer.history.slice(), updatedAt: Date.now() });
      if (earlyStopNote) emit({ type: 'notice', message: earlyStopNote });
    } catch (error) {
      lostDevice = await device.waitForLoss(DEVICE_LOSS_WAIT_MS);
      if (!lostDevice || recoveries >= MAX_DEVICE_RECOVERIES) {
        // A NaN/Inf loss pauses the run (G5): it stays resumable from its last finite checkpoint.
        const status = error instanceof NonFiniteLossError ? 'stopped' : 'failed';
        // Recording the failure needs the database, which may be the very thing that failed (S10).
        await updateRun(db, run.id, { status, failure: problemFrom(error).message, updatedAt: Date.now() }).catch(() => undefined);
        if (isClosedDatabase(db)) throw new Error(STORAGE_CLEARED);
        const problem = problemFrom(error);
        if (problem.code === 'storage') throw new Error(await withStorageFigures(problem.message, deps.estimate));
        throw error;
      }
    } finally {
      device.stop();
      pool?.dispose();
      // After a device loss the model's tensors went with the device; there is nothing left to free.
      try { trainer.dispose(); } catch { /* already gone */ }
    }
    if (lostDevice) {
      // Start over on a new device under the same backend name, from the last checkpoint (G1).
      await recreateBackend(tf);
      const loaded = await loadLatestCheckpoint(db, run.id);
      return trainRun({ ...run, backend: backendName, trainConfig: config }, loaded?.snapshot,
        deviceLossNotice(lostDevice, loaded?.meta.epoch ?? 0), emit, undefined, recoveries + 1);
    }
    const finished = await getRun(db, run.id);
    if (!finished) throw new Error('The run record vanished while training.');
    emit({ type: 'finished', run: finished });
    return finished;
  }

  return {
    ...createPredictApi({ db: deps.db, ensureBackend: () => ensureBackend(), withLock }),
    ...createEnsembleApi({ db: deps.db, ensureBackend: () => ensureBackend() }),

    /**
     * Use a backend another worker already chose and checked (a search trial adopts the page's choice instead
     * of repeating the start-up gradient check). False when it cannot start here; the worker then chooses itself.
     */
    async adoptBackend(choice: BackendChoice): Promise<boolean> {
      if (backend) return (await backend).name === choice.name;
      if (!(await switchBackend(choice.name))) return false;
      backend = Promise.resolve(choice);
      return true;
    },

    /** Which backend trains here and why. The first call initialises it; `forced` ('webgpu' | 'webgl' | 'cpu') overrides the choice. */
    backendInfo(forced?: string): Promise<BackendChoice> {
      return ensureBackend(forced);
    },

    /**
     * The model a choice gives on a prepared dataset, and its size: parameters, FLOPs per sample and
     * estimated training memory at `batchSize` (version-2 specs; the first MLP reports its parameters only).
     */
    async describeModel(datasetId: string, choice: ModelChoice, batchSize: number): Promise<Outcome<{ spec: AnyModelSpec; summary?: ModelSummary; parameters?: number }>> {
      try {
        const pipeline = (await getDataset(await deps.db(), datasetId))?.preparation;
        if (!pipeline) throw new Error('Prepare the dataset (choose the target column) first.');
        const spec = resolveModelSpec(choice, pipeline);
        validateAnyModelSpec(spec);
        // Attention models: their summary (attention-summary.ts) plus the analytic parameter count.
        if (spec.version === 2 && (spec.kind === 'transformer' || spec.kind === 'gpt')) return { ok: true, value: { spec, summary: summarizeModel(spec, batchSize), parameters: parameterCount(spec) } };
        return { ok: true, value: { spec, ...(spec.version === 2 ? { summary: summarizeModel(spec, batchSize) } : {}) } };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /** Create a run for a prepared dataset and train it. Resolves when it completes, stops or fails. */
    async startRun(request: StartRunRequest, listener: (e: TrainEvent) => void): Promise<Outcome<RunRecord>> {
      // A stop asked for from here on (even before the first batch, e.g. a search paused while its trial loads) is kept.
      stopRequested = false;
      try {
        validateTrainConfig(request.config);
        const db = await deps.db();
        const dataset = await getDataset(db, request.datasetId);
        const pipeline = dataset?.preparation;
        if (!dataset || !pipeline) throw new Error('Prepare the dataset (choose the target column) before training.');
        const modelSpec = resolveModelSpec(request.model, pipeline);
        validateAnyModelSpec(modelSpec);
        await ensureBackend();
        preflightOrThrow(modelSpec, request.config.batchSize);
        const result = await withLock(async () => {
          const now = Date.now();
          const run: RunRecord = {
            id: crypto.randomUUID(), datasetId: dataset.id, datasetName: dataset.name,
            name: request.name ?? `${dataset.name} · ${pipeline.spec.targetColumn}`, createdAt: now, updatedAt: now,
            status: 'running', modelSpec, trainConfig: request.config, pipeline, history: [],
            ...(request.search ? { search: request.search } : {}),
          };
          await createRun(db, run);
          return trainRun(run, undefined, undefined, listener, request.placement ?? 'auto');
        });
        return { ok: true, value: unlessBusy(result) };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /**
     * Continue a run from its last good checkpoint: same epoch counter, optimizer state and data order.
     * `epochs` raises (or lowers) the number of epochs it trains to, e.g. a search trial promoted to its next rung.
     */
    async resumeRun(runId: string, listener: (e: TrainEvent) => void, epochs?: number): Promise<Outcome<RunRecord>> {
      stopRequested = false;
      try {
        const db = await deps.db();
        const stored = await getRun(db, runId);
        if (!stored) throw new Error('That run no longer exists.');
        const run = epochs && epochs !== stored.trainConfig.epochs
          ? await updateRun(db, runId, { trainConfig: { ...stored.trainConfig, epochs } }) : stored;
        const result = await withLock(async () => {
          const loaded = await loadLatestCheckpoint(db, runId);
          return trainRun(run, loaded?.snapshot, fallbackNotice(loaded), listener);
        });
        return { ok: true, value: unlessBusy(result) };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /** Create a GPT run on a corpus dataset and train it (see lm-run.ts); resolves when it completes, stops or fails. */
    startLanguageModel(request: LanguageModelRequest, listener: (e: TrainEvent) => void): Promise<Outcome<RunRecord>> {
      return lm.start(request, listener);
    },

    /** Continue a language-model run from its latest checkpoint (see lm-run.ts). */
    resumeLanguageModel(runId: string, listener: (e: TrainEvent) => void): Promise<Outcome<RunRecord>> {
      return lm.resume(runId, listener);
    },

    /** Text continuing `prompt` from a language-model run's latest checkpoint. */
    generate(runId: string, prompt: string, options: LmGenerateOptions = {}): Promise<Outcome<string>> {
      return lm.generate(runId, prompt, options);
    },

    /**
     * Measure steps/s of every backend × worker count on this model and data (and check each worker count
     * trains the same parameters as one worker); remembers the fastest for this model shape. Rows stream to `onRow`.
     */
    async calibrateModel(datasetId: string, model: ModelChoice, config: TrainConfig, onRow?: (row: CalibrationRow) => void): Promise<Outcome<CalibrationRecord>> {
      try {
        const result = await withLock(async () => {
          const context = await calibrationContext(datasetId, model, config);
          return calibrate({ ...context, onRow }, calibrationBackends(context.baseBackend), CALIBRATION_WORKER_COUNTS);
        });
        return { ok: true, value: unlessBusy(result) };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /** The calibration remembered for this model shape, if any. */
    async rememberedPlacement(datasetId: string, model: ModelChoice, batchSize: number): Promise<CalibrationRecord | undefined> {
      const pipeline = (await getDataset(await deps.db(), datasetId))?.preparation;
      if (!pipeline) return undefined;
      return getCalibration(await deps.db(), calibrationKey(resolveModelSpec(model, pipeline), batchSize));
    },

    /** Remember the user's choice of backend and workers for this model shape (used by 'auto' from now on). */
    async overridePlacement(datasetId: string, model: ModelChoice, batchSize: number, chosen: { backend: string; workers: number }): Promise<Outcome<void>> {
      try {
        const pipeline = (await getDataset(await deps.db(), datasetId))?.preparation;
        if (!pipeline) throw new Error('Prepare the dataset (choose the target column) first.');
        await overridePlacement(await deps.db(), resolveModelSpec(model, pipeline), batchSize, chosen);
        return { ok: true, value: undefined };
      } catch (error) {
        return { ok: false, problem: problemFrom(error) };
      }
    },

    /** Ask the running loop to write a checkpoint after its current step (the page is being hidden). */
    checkpointSoon(): void {
      checkpointAsked = true;
    },

    /** Ask the running loop to stop; it stops before its next batch. */
    stop(): void {
      stopRequested = true;
    },
  };
}

/** The training worker's interface, derived from the factory. */
export type TrainApi = ReturnType<typeof createTrainApi>;
