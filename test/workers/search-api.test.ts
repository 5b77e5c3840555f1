// The search worker's API over a MessageChannel, with in-process trial workers on the tfjs cpu backend:
// trials become runs, parallel trials, pause and resume from the stored record (a reload), successive
// halving continuing the same runs, the best configuration, and an ensemble of the top trials.
import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDataApi } from '../../workers/data-api';
import { createDbOpener } from '../../workers/open-db';
import { createSearchApi, type SearchEvent, type SearchRequest } from '../../workers/search-api';
import { createTrainApi } from '../../workers/train-api';
import { getRun } from '../../src/engine/storage/runs-repo';
import { exposeOverChannel } from './expose';
import { blobsCsv } from './blobs-csv';

const cpu = async () => {
  await tf.setBackend('cpu');
  return { name: 'cpu' as const, reason: 'tests run on the CPU backend' };
};

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));
beforeAll(async () => { await tf.setBackend('cpu'); });

/** A database with a prepared blobs table, and a search API whose trial workers are in-process train APIs. */
async function setUp() {
  const name = `webtrain-test-${crypto.randomUUID()}`;
  const db = createDbOpener(name);
  const data = createDataApi({ db });
  const imported = await data.importCsvFile(new Blob([blobsCsv(80)]), 'blobs.csv');
  if (!imported.ok) throw new Error(imported.problem.message);
  const spec = await data.suggestPrepareSpec(imported.value.id);
  const prepared = await data.prepareDataset(imported.value.id, spec!);
  if (!prepared.ok) throw new Error(prepared.problem.message);
  let spawned = 0;
  /** A fresh search API on the same database, as after a page reload. */
  const searchApi = () => {
    const api = exposeOverChannel(createSearchApi({
      db: createDbOpener(name),
      spawnTrial: () => {
        spawned += 1;
        return { api: createTrainApi({ db, selectBackend: cpu }), dispose: () => undefined };
      },
    }));
    closers.push(api.close);
    return api.remote;
  };
  return { db, datasetId: imported.value.id, searchApi, train: createTrainApi({ db, selectBackend: cpu }), spawned: () => spawned };
}

function request(datasetId: string, overrides: Partial<SearchRequest> = {}): SearchRequest {
  return {
    datasetId, objective: 'val-loss', maxTrials: 4, parallel: 2, seed: 3,
    space: { version: 1, params: [
      { kind: 'float', name: 'learningRate', min: 1e-3, max: 0.1, scale: 'log' },
      { kind: 'int', name: 'units', min: 2, max: 16, scale: 'log' },
    ] },
    strategy: { kind: 'random' },
    base: { model: { hiddenLayers: [8], activation: 'relu' }, config: { epochs: 2, batchSize: 16, learningRate: 0.01, optimizer: 'adam', seed: 1 } },
    ...overrides,
  };
}

describe('search API', () => {
  it('runs every trial as a tagged run in parallel workers and scores it by its last validation loss', async () => {
    const setup = await setUp();
    const events: SearchEvent[] = [];
    const outcome = await setup.searchApi().startSearch(request(setup.datasetId), Comlink.proxy((e: SearchEvent) => { events.push(e); }));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const search = outcome.value;
    expect(search.status).toBe('completed');
    expect(search.trials.map((t) => t.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(setup.spawned()).toBe(2);
    expect(new Set(search.trials.map((t) => JSON.stringify(t.params))).size).toBe(4);
    for (const trial of search.trials) {
      const run = await getRun(await setup.db(), trial.runId!);
      expect(run?.search).toEqual({ searchId: search.id, trial: trial.index });
      expect(run?.history).toHaveLength(2);
      expect(trial.rungValues).toEqual([run!.history[1].valLoss]);
      // The trial's width reached its model: one hidden layer of `units`.
      expect(run?.modelSpec).toMatchObject({ hiddenLayers: [trial.params.units] });
      expect(run?.trainConfig.learningRate).toBe(trial.params.learningRate);
    }
    // Two trials were running at once at some point.
    expect(events.some((e) => e.type === 'search' && e.search.trials.filter((t) => t.status === 'running').length === 2)).toBe(true);

    const best = await setup.searchApi().bestConfiguration(search.id);
    if (!best.ok) throw new Error(best.problem.message);
    const bestTrial = search.trials.reduce((a, b) => (b.rungValues[0] < a.rungValues[0] ? b : a));
    expect(best.value.trial).toBe(bestTrial.index);
    expect(best.value.config.learningRate).toBe(bestTrial.params.learningRate);
    expect(best.value.config.epochs).toBe(2);
  });

  it('pauses mid-trial and, after a reload, resumes the same runs and finishes the search', async () => {
    const setup = await setUp();
    const first = setup.searchApi();
    let paused = false;
    const outcome = await first.startSearch(request(setup.datasetId, { maxTrials: 3, parallel: 1 }), Comlink.proxy((e: SearchEvent) => {
      // Pause as soon as the second trial has started: it stops before (or at) its first batch.
      if (!paused && e.type === 'search' && e.search.trials.length === 2) {
        paused = true;
        void first.pauseSearch();
      }
    }));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.status).toBe('paused');
    expect(outcome.value.trials.map((t) => t.status)).toEqual(['completed', 'paused']);
    const pausedRunId = outcome.value.trials[1].runId;
    expect(pausedRunId).toBeDefined();

    const again = setup.searchApi();
    const listed = await again.listSearches(setup.datasetId);
    expect(listed.map((s) => s.status)).toEqual(['paused']);
    const resumed = await again.resumeSearch(outcome.value.id, Comlink.proxy(() => undefined));
    if (!resumed.ok) throw new Error(resumed.problem.message);
    expect(resumed.value.status).toBe('completed');
    expect(resumed.value.trials.map((t) => t.status)).toEqual(['completed', 'completed', 'completed']);
    // The paused trial continued its own run rather than starting another.
    expect(resumed.value.trials[1].runId).toBe(pausedRunId);
    expect((await getRun(await setup.db(), pausedRunId!))?.history).toHaveLength(2);
    const finished = await again.resumeSearch(outcome.value.id, Comlink.proxy(() => undefined));
    expect(!finished.ok && finished.problem.message).toMatch(/has finished/);
  });

  it('stops poor trials early with successive halving and trains promoted ones on in the same run', async () => {
    const setup = await setUp();
    const outcome = await setup.searchApi().startSearch(request(setup.datasetId, {
      maxTrials: 6, parallel: 1, halving: { minEpochs: 1, maxEpochs: 3, eta: 3 },
    }), Comlink.proxy(() => undefined));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const trials = outcome.value.trials;
    expect(trials).toHaveLength(6);
    const full = trials.filter((t) => t.targetEpochs === 3);
    expect(full.length).toBeGreaterThanOrEqual(1);
    expect(trials.filter((t) => t.status === 'stopped-early').length).toBeGreaterThanOrEqual(3);
    for (const trial of full) {
      const run = await getRun(await setup.db(), trial.runId!);
      expect(run?.history).toHaveLength(3);
      expect(trial.rungValues.at(-1)).toBe(run!.history[2].valLoss);
    }
    // Every promoted trial was the best of the trials at its rung when it was promoted: at least better than the worst.
    const rung0 = trials.map((t) => t.rungValues[0]);
    for (const trial of full) expect(trial.rungValues[0]).toBeLessThan(Math.max(...rung0));
  });

  it('builds a stacked ensemble of the top 3 trials, evaluated beside its members, and predicts a row with it', async () => {
    const setup = await setUp();
    const outcome = await setup.searchApi().startSearch(request(setup.datasetId, { maxTrials: 4 }), Comlink.proxy(() => undefined));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const built = await setup.train.buildEnsemble({ fromSearch: { searchId: outcome.value.id, topK: 3 }, spec: { method: 'stacking', metaLearner: 'logistic', seed: 1 } });
    if (!built.ok) throw new Error(built.problem.message);
    const ensemble = built.value;
    const ranked = [...outcome.value.trials].sort((a, b) => a.rungValues[0] - b.rungValues[0]).slice(0, 3);
    expect(ensemble.memberRunIds).toEqual(ranked.map((t) => t.runId));
    expect(ensemble.memberEvaluations).toHaveLength(3);
    expect(ensemble.evaluation?.testCount).toBe(ensemble.memberEvaluations[0]?.testCount);
    expect(ensemble.fitted.meta?.kind).toBe('logistic');
    expect(ensemble.evaluation?.accuracy).toBeGreaterThan(0.8);
    expect((await setup.train.listEnsembles(setup.datasetId)).map((e) => e.id)).toEqual([ensemble.id]);
    const predicted = await setup.train.predictEnsembleRow(ensemble.id, { a: '4', b: '-3', colour: 'red', price: '15' });
    if (!predicted.ok) throw new Error(predicted.problem.message);
    expect(predicted.value.kind === 'class' && predicted.value.label).toBe('yes');
    const tooFew = await setup.train.buildEnsemble({ runIds: [ensemble.memberRunIds[0]], spec: { method: 'average', seed: 1 } });
    expect(!tooFew.ok && tooFew.problem.message).toMatch(/2 to 10 runs/);
  });

  it('refuses a bad request with a message naming the problem, storing nothing', async () => {
    const setup = await setUp();
    const api = setup.searchApi();
    const noTrials = await api.startSearch(request(setup.datasetId, { maxTrials: 0 }), Comlink.proxy(() => undefined));
    expect(!noTrials.ok && noTrials.problem.message).toMatch(/1 to 500 trials/);
    const badSpace = await api.startSearch(request(setup.datasetId, { space: { version: 1, params: [{ kind: 'float', name: 'learningRate', min: 0, max: 1, scale: 'log' }] } }), Comlink.proxy(() => undefined));
    expect(!badSpace.ok && badSpace.problem.message).toMatch(/log scale/);
    const unknown = await api.startSearch(request(setup.datasetId, { space: { version: 1, params: [{ kind: 'float', name: 'warpFactor', min: 1, max: 2, scale: 'linear' }] } }), Comlink.proxy(() => undefined));
    expect(!unknown.ok && unknown.problem.message).toMatch(/“warpFactor”, which is not an option/);
    expect(await api.listSearches(setup.datasetId)).toEqual([]);
  });
});
