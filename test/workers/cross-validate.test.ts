// k-fold cross-validation: mean ± std by hand, metrics of known outputs, per-fold refitting that never sees
// the held-out fold, progress per fold, an epoch cap, argument checks and a stop; through the predict API too.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FittedPipeline } from '../../src/engine/data/prepare-types';
import type { MlpSpec } from '../../src/engine/model/model-types';
import { getRun } from '../../src/engine/storage/runs-repo';
import { createDataApi } from '../../workers/data-api';
import { createDbOpener } from '../../workers/open-db';
import { crossValidateRun, foldMetrics, specForPipeline, summarizeFolds, type CrossValidationProgress, type FoldResult } from '../../workers/cross-validate';
import { createPredictApi } from '../../workers/predict-api';
import { createTrainApi } from '../../workers/train-api';
import { exposeOverChannel } from './expose';
import * as Comlink from 'comlink';
import { blobsCsv } from './blobs-csv';

const cpu = async () => {
  await tf.setBackend('cpu');
  return { name: 'cpu' as const, reason: 'tests run on the CPU backend' };
};
beforeAll(async () => { await tf.setBackend('cpu'); });
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

const fold = (metrics: FoldResult['metrics']): FoldResult => ({ fold: 0, trainCount: 1, validationCount: 0, testCount: 1, epochs: 1, metrics, notes: [] });

describe('summarizeFolds', () => {
  it('gives the mean and population std, skipping null folds, and null when no fold has a value', () => {
    const summary = summarizeFolds('classification', [fold({ accuracy: 0.8, rocAuc: null }), fold({ accuracy: 0.9, rocAuc: 0.7 }), fold({ accuracy: 1, rocAuc: null })]);
    const accuracy = summary.find((s) => s.metric === 'accuracy');
    // mean 0.9; deviations -0.1, 0, 0.1 -> variance 0.02 / 3.
    expect(accuracy?.mean).toBeCloseTo(0.9, 12);
    expect(accuracy?.std).toBeCloseTo(Math.sqrt(0.02 / 3), 12);
    expect(summary.find((s) => s.metric === 'rocAuc')).toMatchObject({ mean: 0.7, std: 0, count: 1 });
    expect(summary.find((s) => s.metric === 'logLoss')).toMatchObject({ mean: null, std: null, count: 0 });
    expect(summary.map((s) => s.metric)).toEqual(['accuracy', 'macroF1', 'balancedAccuracy', 'logLoss', 'rocAuc']);
    expect(summarizeFolds('regression', []).map((s) => [s.metric, s.mean])).toEqual([['mae', null], ['rmse', null], ['r2', null]]);
  });
});

describe('foldMetrics', () => {
  const pipeline = (task: 'classification' | 'regression', extra: Partial<FittedPipeline>) => ({
    version: 2, spec: { version: 2, targetColumn: 't', task, featureColumns: [], split: { train: 0.7, validation: 0.15, test: 0.15 }, seed: 1 },
    encoders: [], featureNames: [], droppedMissingTarget: 0, counts: { train: 0, validation: 0, test: 0 }, ...extra,
  }) as FittedPipeline;
  const split = (y: number[]) => ({ x: new Float32Array(0), y: Float32Array.from(y), n: y.length, featureCount: 0 });

  it('scores probabilities against labels (by hand) and turns undefined values into nulls', () => {
    // Rows 0, 1 right; row 2 (class 1) predicted 0.
    const { metrics } = foldMetrics(pipeline('classification', { classes: ['a', 'b'] }), split([0, 1, 1]), Float32Array.from([0.9, 0.1, 0.2, 0.8, 0.6, 0.4]));
    expect(metrics.accuracy).toBeCloseTo(2 / 3, 6);
    expect(metrics.balancedAccuracy).toBeCloseTo((1 + 0.5) / 2, 6);
    expect(metrics.logLoss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8) + Math.log(0.4)) / 3, 5);
    // Class 1 scores 0.8 and 0.4 against class 0's 0.1: every pair ordered right.
    expect(metrics.rocAuc).toBeCloseTo(1, 6);
    const oneClass = foldMetrics(pipeline('classification', { classes: ['a', 'b'] }), split([1, 1]), Float32Array.from([0.3, 0.7, 0.6, 0.4]));
    expect(oneClass.metrics.rocAuc).toBeNull();
    const diverged = foldMetrics(pipeline('classification', { classes: ['a', 'b'] }), split([0]), Float32Array.from([NaN, 1]));
    expect(Object.values(diverged.metrics)).toEqual([null, null, null, null, null]);
  });

  it('un-standardizes regression outputs before scoring', () => {
    // targetScale mean 10, std 2: actual 10, 12; predicted 11, 11 -> MAE 1, RMSE 1, R² = 1 - 2/2 = 0.
    const { metrics } = foldMetrics(pipeline('regression', { targetScale: { mean: 10, std: 2 } }), split([0, 1]), Float32Array.from([0.5, 0.5]));
    expect(metrics).toEqual({ mae: expect.closeTo(1, 6), rmse: expect.closeTo(1, 6), r2: expect.closeTo(0, 6) });
  });
});

async function trainedRun(regression = false) {
  const name = `webtrain-test-${crypto.randomUUID()}`;
  const db = createDbOpener(name);
  const data = createDataApi({ db });
  const imported = await data.importCsvFile(new Blob([blobsCsv(60)]), 'blobs.csv');
  if (!imported.ok) throw new Error(imported.problem.message);
  const suggested = (await data.suggestPrepareSpec(imported.value.id))!;
  const spec = regression ? { ...suggested, targetColumn: 'price', task: 'regression' as const, featureColumns: ['a', 'b', 'colour'] } : suggested;
  const prepared = await data.prepareDataset(imported.value.id, spec);
  if (!prepared.ok) throw new Error(prepared.problem.message);
  const run = await createTrainApi({ db, selectBackend: cpu }).startRun({
    datasetId: imported.value.id, model: { hiddenLayers: [8], activation: 'relu' },
    config: { epochs: 6, batchSize: 8, learningRate: 0.05, optimizer: 'adam', seed: 1 },
  }, () => undefined);
  if (!run.ok) throw new Error('training failed');
  return { db, run: run.value };
}

describe('crossValidateRun', () => {
  it('trains k folds on disjoint held-out parts covering every row, with progress and an epoch cap', async () => {
    const { db, run } = await trainedRun();
    const progress: CrossValidationProgress[] = [];
    const result = await crossValidateRun(await db(), run, 3, { maxEpochs: 2, onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ task: 'classification', k: 3, epochs: 2 });
    expect(result.folds.map((f) => f.testCount)).toEqual([20, 20, 20]);
    // Each fold's training part (60 - 20 rows) is split again 70/15 -> about 82 % train, 18 % validation.
    for (const f of result.folds) {
      expect(f.trainCount + f.validationCount).toBe(40);
      expect(f.validationCount).toBe(8);
      expect(f.epochs).toBe(2);
    }
    // Two well-separated blobs: every fold scores high.
    for (const f of result.folds) expect(f.metrics.accuracy).toBeGreaterThan(0.8);
    const accuracy = result.summary.find((s) => s.metric === 'accuracy')!;
    const values = result.folds.map((f) => f.metrics.accuracy!);
    expect(accuracy.mean).toBeCloseTo(values.reduce((s, v) => s + v, 0) / 3, 12);
    expect(JSON.stringify(result)).not.toContain('NaN');
    expect(progress.filter((p) => p.result).map((p) => p.fold)).toEqual([0, 1, 2]);
    expect(progress.filter((p) => p.fold === 1).map((p) => p.epoch)).toEqual([0, 1, 2, 2]);
  });

  it('scores regression folds in target units', async () => {
    const { db, run } = await trainedRun(true);
    const result = await crossValidateRun(await db(), run, 2, { maxEpochs: 3 });
    expect(result.summary.map((s) => s.metric)).toEqual(['mae', 'rmse', 'r2']);
    // price spans 9.5 .. 15.5: a standardized-unit error would be far below 0.05 or meaningless; target units are ~0.2 .. 3.
    const mae = result.summary[0].mean!;
    expect(mae).toBeGreaterThan(0.05);
    expect(mae).toBeLessThan(3);
    expect(result.summary[1].mean!).toBeGreaterThanOrEqual(mae);
  });

  it('refuses a bad k or cap and stops when asked', async () => {
    const { db, run } = await trainedRun();
    await expect(crossValidateRun(await db(), run, 1)).rejects.toThrow(/from 2 to 10, got 1/);
    await expect(crossValidateRun(await db(), run, 11)).rejects.toThrow(/from 2 to 10/);
    await expect(crossValidateRun(await db(), run, 3, { maxEpochs: 0 })).rejects.toThrow(/epoch cap/);
    await expect(crossValidateRun(await db(), run, 3, { shouldStop: () => true })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('sizes the model for each fold\'s pipeline (its features and classes), keeping the rest of the spec', () => {
    const spec: MlpSpec = { version: 1, kind: 'mlp', inputSize: 5, hiddenLayers: [4], activation: 'relu', outputSize: 3, task: 'classification' };
    const pipeline = { spec: { task: 'classification' }, encoders: [], featureNames: ['a', 'b'], classes: ['x', 'y'] } as unknown as FittedPipeline;
    expect(specForPipeline(spec, pipeline)).toMatchObject({ inputSize: 2, outputSize: 2, hiddenLayers: [4] });
  });
});

describe('crossValidate through the predict API', () => {
  it('answers over a MessageChannel with a cloneable result, and a problem for a bad k', async () => {
    const { db, run } = await trainedRun();
    const api = exposeOverChannel(createPredictApi({ db, ensureBackend: cpu }));
    closers.push(api.close);
    const folds: number[] = [];
    const outcome = await api.remote.crossValidate(run.id, 2, Comlink.proxy((p: CrossValidationProgress) => { if (p.result) folds.push(p.fold); }), { maxEpochs: 1 });
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.folds).toHaveLength(2);
    // Callbacks travel on their own port, so the last one may land just after the answer.
    await vi.waitFor(() => expect(folds).toEqual([0, 1]));
    const bad = await api.remote.crossValidate(run.id, 12);
    expect(!bad.ok && bad.problem.message).toMatch(/from 2 to 10/);
    // The run itself is untouched.
    expect((await getRun(await db(), run.id))?.history).toHaveLength(6);
  });
});
