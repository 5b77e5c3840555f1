// The search worker's API: run a hyperparameter search on a prepared dataset, one trial per trial worker
// (each its own tfjs context), every trial a run in the run history; pause, and resume after a reload
// from the search record in IndexedDB. Decisions come from src/engine/search/search-plan.ts.
import type { IDBPDatabase } from 'idb';
import type { AppDB } from '../src/engine/storage/db';
import { getDataset } from '../src/engine/storage/datasets-repo';
import { createSearch, getSearch, listSearches, updateSearch, updateTrial } from '../src/engine/storage/searches-repo';
import type { SearchRecord, TrialRecord } from '../src/engine/storage/search-records';
import type { RunRecord } from '../src/engine/storage/records';
import { validateSearchSpace } from '../src/engine/search/search-space';
import { validateStrategy } from '../src/engine/search/strategy';
import { rungEpochs } from '../src/engine/search/successive-halving';
import { applyTrialParams, TUNABLE_OPTIONS } from '../src/engine/search/tunable-options';
import { bestTrial, finalEpochs, nextSearchWork, objectiveOf, type SearchWork } from '../src/engine/search/search-plan';
import { validateTrainConfig } from '../src/engine/train/train-config';
import type { TrainConfig } from '../src/engine/train/train-types';
import { outcomeOf, problemFrom, type Outcome } from './api-types';
import type { ModelChoice } from './model-choice';
import { unlessBusy } from './run-messages';
import type { StartRunRequest, TrainEvent } from './train-api';
import type { BackendChoice } from './train-events';

/** Most trials trained at once: each holds a model, its data and a GPU context. */
export const MAX_PARALLEL_TRIALS = 4;
/** Most trials of one search. */
export const MAX_TRIALS = 500;

/** The part of the training API a trial worker offers (a train worker without the training lock). */
export interface TrialTrainer {
  startRun(request: StartRunRequest, listener: (e: TrainEvent) => void): Promise<Outcome<RunRecord>>;
  resumeRun(runId: string, listener: (e: TrainEvent) => void, epochs?: number): Promise<Outcome<RunRecord>>;
  adoptBackend(choice: BackendChoice): Promise<boolean>;
  stop(): void;
}

export interface TrialWorker {
  api: TrialTrainer;
  dispose(): void;
}

export interface SearchApiDeps {
  db: () => Promise<IDBPDatabase<AppDB>>;
  /** Starts one trial worker. */
  spawnTrial: () => TrialWorker;
  /** Makes a listener callable from the trial worker (Comlink.proxy across threads; identity in-process). */
  listenerFor?: (listener: (e: TrainEvent) => void) => (e: TrainEvent) => void;
  withTrainingLock?: <T>(work: () => Promise<T>) => Promise<T | 'busy'>;
}

/** A new search: the record's settings (see SearchRecord; `parallel` 1..MAX_PARALLEL_TRIALS) plus the page's choices. */
export type SearchRequest = Pick<SearchRecord, 'datasetId' | 'space' | 'strategy' | 'halving' | 'objective' | 'maxTrials' | 'parallel' | 'seed'> & {
  name?: string;
  base: { model: ModelChoice; config: TrainConfig };
  /** The page's checked backend, adopted by every trial worker (absent: each worker chooses and checks its own). */
  backend?: BackendChoice;
};

/** What the page hears: the stored record after every change, and throttled progress of each trial. */
export type SearchEvent =
  | { type: 'search'; search: SearchRecord }
  | { type: 'trial-progress'; trial: number; epoch: number; epochs: number; batch: number; batchesPerEpoch: number; loss: number };

function validateRequest(request: SearchRequest): void {
  validateSearchSpace(request.space);
  const unknown = request.space.params.find((p) => !Object.hasOwn(TUNABLE_OPTIONS, p.name));
  if (unknown) throw new RangeError(`The search space names “${unknown.name}”, which is not an option WebTrain can tune; use one of ${Object.keys(TUNABLE_OPTIONS).join(', ')}.`);
  validateStrategy(request.strategy);
  validateTrainConfig(request.base.config);
  if (!Number.isInteger(request.maxTrials) || request.maxTrials < 1 || request.maxTrials > MAX_TRIALS) {
    throw new RangeError(`A search runs 1 to ${MAX_TRIALS} trials, not ${request.maxTrials}.`);
  }
  if (!Number.isInteger(request.parallel) || request.parallel < 1 || request.parallel > MAX_PARALLEL_TRIALS) {
    throw new RangeError(`Trials at once must be a whole number from 1 to ${MAX_PARALLEL_TRIALS}, not ${request.parallel}.`);
  }
  if (request.halving) rungEpochs(request.halving);
  if (request.objective !== 'val-loss' && request.objective !== 'val-accuracy') throw new RangeError(`Unknown objective ${String(request.objective)}; use val-loss or val-accuracy.`);
}

/** Build the search API. One search at a time per worker. */
export function createSearchApi(deps: SearchApiDeps) {
  const withLock = deps.withTrainingLock ?? (async <T>(work: () => Promise<T>) => work());
  const listenerFor = deps.listenerFor ?? ((l) => l);
  let pauseRequested = false;
  let active: TrialWorker[] = [];

  /** Train one piece of work on `worker` and store what it reached. */
  async function runWork(search: SearchRecord, work: SearchWork, worker: TrialWorker, emit: (e: SearchEvent) => void): Promise<void> {
    const db = await deps.db();
    const trial = search.trials.find((t) => t.index === work.index)!;
    let runIdWrite: Promise<unknown> = Promise.resolve();
    const listener = listenerFor((event: TrainEvent) => {
      if (event.type === 'started' && !trial.runId) {
        trial.runId = event.run.id;
        runIdWrite = updateTrial(db, search.id, trial.index, { runId: event.run.id }).catch(() => undefined);
      } else if (event.type === 'batch') {
        const p = event.progress;
        emit({ type: 'trial-progress', trial: trial.index, epoch: p.epoch, epochs: work.epochs, batch: p.batch, batchesPerEpoch: p.batchesPerEpoch, loss: p.loss });
      }
    });
    let outcome: Outcome<RunRecord>;
    if (trial.runId) {
      outcome = await worker.api.resumeRun(trial.runId, listener, work.epochs);
    } else {
      const { model, config } = applyTrialParams(search.base, trial.params);
      outcome = await worker.api.startRun({
        datasetId: search.datasetId, model: model as ModelChoice, config: { ...config, epochs: work.epochs },
        name: `${search.name} · trial ${trial.index + 1}`, placement: 'single', search: { searchId: search.id, trial: trial.index },
      }, listener);
    }
    await runIdWrite;
    const patch = trialResult(search, trial, work, outcome);
    emit({ type: 'search', search: await updateTrial(db, search.id, trial.index, patch) });
  }

  /** Drive the search until every trial is done or a pause was asked for; returns the stored record. */
  async function drive(searchId: string, emit: (e: SearchEvent) => void, backend?: BackendChoice): Promise<SearchRecord> {
    const db = await deps.db();
    pauseRequested = false;
    let search = await updateSearch(db, searchId, (s) => { s.status = 'running'; delete s.failure; });
    // Trials a pause or a closed tab left half-done go first, each from its run's last checkpoint.
    const leftOver: SearchWork[] = search.trials.filter((t) => t.status === 'running' || t.status === 'paused')
      .map((t) => ({ kind: 'continue', index: t.index, epochs: t.targetEpochs }));
    const free = Array.from({ length: search.parallel }, () => deps.spawnTrial());
    active = [...free];
    if (backend) await Promise.all(free.map((w) => w.api.adoptBackend(backend)));
    const running = new Set<Promise<void>>();
    let firstError: unknown;
    try {
      for (;;) {
        while (!pauseRequested && firstError === undefined && free.length) {
          const work = leftOver.shift() ?? nextSearchWork(search);
          if (!work) break;
          search = await updateSearch(db, searchId, (s) => markStarted(s, work));
          emit({ type: 'search', search });
          const worker = free.pop()!;
          const job: Promise<void> = runWork(search, work, worker, emit)
            .catch((error: unknown) => { firstError ??= error; })
            .finally(() => { free.push(worker); running.delete(job); });
          running.add(job);
        }
        if (!running.size) break;
        await Promise.race(running);
        search = (await getSearch(db, searchId)) ?? search;
      }
    } finally {
      for (const worker of active) worker.dispose();
      active = [];
    }
    const paused = pauseRequested;
    search = await updateSearch(db, searchId, (s) => {
      if (firstError !== undefined) {
        s.status = 'failed';
        s.failure = problemFrom(firstError).message;
      } else if (paused) {
        s.status = 'paused';
      } else {
        s.status = 'completed';
        // Trials waiting at a lower rung when the search ended were stopped there by successive halving.
        for (const t of s.trials) if (t.status === 'completed' && t.targetEpochs < finalEpochs(s)) t.status = 'stopped-early';
      }
    });
    emit({ type: 'search', search });
    return search;
  }

  return {
    /** Create a search on a prepared dataset and run it; resolves when it completes, is paused or fails. */
    startSearch(request: SearchRequest, listener: (e: SearchEvent) => void): Promise<Outcome<SearchRecord>> {
      return outcomeOf(async () => {
        validateRequest(request);
        const db = await deps.db();
        const dataset = await getDataset(db, request.datasetId);
        if (!dataset?.preparation) throw new Error('Prepare the dataset (choose the target column) before searching.');
        const now = Date.now();
        const record: SearchRecord = {
          id: crypto.randomUUID(), datasetId: dataset.id, datasetName: dataset.name, createdAt: now, updatedAt: now,
          name: request.name?.trim() || `Search on ${dataset.name}`, status: 'running',
          space: request.space, strategy: request.strategy, objective: request.objective,
          ...(request.halving ? { halving: request.halving } : {}),
          maxTrials: request.maxTrials, parallel: request.parallel, seed: request.seed, base: request.base, trials: [],
        };
        return unlessBusy(await withLock(async () => {
          await createSearch(db, record);
          return drive(record.id, listener, request.backend);
        }));
      });
    },

    /** Continue a paused or interrupted search where it stopped (half-done trials from their checkpoints). */
    resumeSearch(searchId: string, listener: (e: SearchEvent) => void, backend?: BackendChoice): Promise<Outcome<SearchRecord>> {
      return outcomeOf(async () => {
        const search = await getSearch(await deps.db(), searchId);
        if (!search) throw new Error('That search no longer exists.');
        if (search.status === 'completed') throw new Error('That search has finished; start a new one to try more configurations.');
        return unlessBusy(await withLock(() => drive(searchId, listener, backend)));
      });
    },

    /** Stop every trial after its current batch; the search is stored as paused and can be resumed. */
    pauseSearch(): void {
      pauseRequested = true;
      for (const worker of active) void worker.api.stop();
    },

    /** A dataset's searches, newest first. */
    async listSearches(datasetId: string): Promise<SearchRecord[]> {
      return listSearches(await deps.db(), datasetId);
    },

    /** The model and training options of a search's best trial, trained to the search's full epochs. */
    bestConfiguration(searchId: string): Promise<Outcome<{ model: ModelChoice; config: TrainConfig; trial: number }>> {
      return outcomeOf(async () => {
        const search = await getSearch(await deps.db(), searchId);
        if (!search) throw new Error('That search no longer exists.');
        const best = bestTrial(search);
        if (!best) throw new Error('No trial of this search has a score yet; let at least one trial finish.');
        const { model, config } = applyTrialParams(search.base, best.params);
        return { model: model as ModelChoice, config: { ...config, epochs: finalEpochs(search) }, trial: best.index };
      });
    },
  };
}

/** Record that `work` has started: a new trial is appended, a continued one is marked running. */
function markStarted(search: SearchRecord, work: SearchWork): void {
  if (work.kind === 'new') {
    search.trials.push({ index: work.index, params: work.params, status: 'running', targetEpochs: work.epochs, rungValues: [] });
    return;
  }
  const trial = search.trials.find((t) => t.index === work.index);
  if (trial) Object.assign(trial, { status: 'running', targetEpochs: work.epochs });
}

/** What a finished piece of work leaves in its trial record. */
function trialResult(search: SearchRecord, trial: TrialRecord, work: SearchWork, outcome: Outcome<RunRecord>): Partial<TrialRecord> {
  if (!outcome.ok) return { status: 'failed', failure: outcome.problem.message };
  const run = outcome.value;
  if (run.status === 'stopped' && run.history.length < work.epochs) return { status: 'paused', runId: run.id };
  if (run.status === 'failed') return { status: 'failed', runId: run.id, failure: run.failure ?? 'The run failed.' };
  const score = objectiveOf(search.objective, run.history);
  if (score === undefined) return { status: 'failed', runId: run.id, failure: `The run has no finite ${search.objective === 'val-loss' ? 'validation loss' : 'validation accuracy'} (it may have diverged).` };
  // One value per rung reached: a trial continued to a later rung appends; a resumed one replaces its rung's.
  const rungs = search.halving ? rungEpochs(search.halving) : [work.epochs];
  const rung = Math.max(0, rungs.indexOf(work.epochs));
  const rungValues = [...trial.rungValues.slice(0, rung), score];
  return { status: 'completed', runId: run.id, rungValues };
}

/** The search worker's interface, derived from the factory. */
export type SearchApi = ReturnType<typeof createSearchApi>;
