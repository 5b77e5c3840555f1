// Ensembles of trained runs for the training worker: each member predicts the validation and test splits
// from its checkpoint, the combination is fitted on validation predictions only, evaluated on the test
// split beside every member, saved, and used by the prediction playground.
import type { IDBPDatabase } from 'idb';
import type { EncodedSplit } from '../src/engine/data/prepare-types';
import { isImagePipeline } from '../src/engine/data/image-pipeline';
import { combinePredictions, ENSEMBLE_METHODS, fitEnsemble } from '../src/engine/ensemble/ensemble';
import { rankedTrials } from '../src/engine/search/search-plan';
import type { EnsembleSpec, MemberPredictions } from '../src/engine/ensemble/ensemble-types';
import type { AppDB } from '../src/engine/storage/db';
import type { RunRecord } from '../src/engine/storage/records';
import { getRun } from '../src/engine/storage/runs-repo';
import type { EnsembleRecord } from '../src/engine/storage/search-records';
import { deleteEnsemble, getEnsemble, getSearch, listEnsembles, putEnsemble } from '../src/engine/storage/searches-repo';
import { outcomeOf, type Outcome } from './api-types';
import { evaluateOutputs } from './evaluate-run';
import { backendForModel } from './model-backend';
import { loadEncodedSplits } from './prepared-data';
import { encodeTypedRow, readPrediction, type Prediction } from './predict-api';
import { loadRunTrainer } from './run-model';
import type { BackendChoice } from './train-events';

type Db = IDBPDatabase<AppDB>;

/** Most members of one ensemble. */
export const MAX_ENSEMBLE_MEMBERS = 10;

export interface EnsembleApiDeps {
  db: () => Promise<Db>;
  ensureBackend: () => Promise<BackendChoice>;
}

/** Members by run id, or the `topK` best trials of a search ("ensemble the top K"). */
export interface EnsembleRequest {
  runIds?: string[];
  fromSearch?: { searchId: string; topK: number };
  spec: EnsembleSpec;
  name?: string;
}

/** The run ids of a search's `topK` best trials, best first (see rankedTrials). */
async function topTrialRuns(db: Db, searchId: string, topK: number): Promise<string[]> {
  const search = await getSearch(db, searchId);
  if (!search) throw new Error('That search no longer exists.');
  const ranked = rankedTrials(search);
  if (ranked.length < 2) throw new Error(`An ensemble needs at least 2 scored trials; this search has ${ranked.length}. Let more trials finish first.`);
  return ranked.slice(0, topK).map((t) => t.runId!);
}

/** The member runs, checked to be finished classifier/regressor runs of one dataset with one preparation. */
async function requireMembers(db: Db, runIds: string[]): Promise<RunRecord[]> {
  if (new Set(runIds).size !== runIds.length) throw new Error('Each run can be a member of an ensemble once; remove the repeated run.');
  if (runIds.length < 2 || runIds.length > MAX_ENSEMBLE_MEMBERS) throw new Error(`An ensemble combines 2 to ${MAX_ENSEMBLE_MEMBERS} runs; ${runIds.length} were chosen.`);
  const runs = await Promise.all(runIds.map((id) => getRun(db, id)));
  const missing = runs.findIndex((r) => !r);
  if (missing >= 0) throw new Error(`Run ${runIds[missing]} no longer exists; choose another member.`);
  const members = runs as RunRecord[];
  const first = members[0];
  for (const run of members) {
    if (run.languageModel) throw new Error(`“${run.name}” is a language model; ensembles combine classifiers or regressors.`);
    if (run.datasetId !== first.datasetId) throw new Error(`“${run.name}” was trained on another dataset than “${first.name}”; ensemble runs of one dataset.`);
    // Members must see the same rows in the same order: the same preparation (split, target, features).
    if (JSON.stringify(run.pipeline.spec) !== JSON.stringify(first.pipeline.spec) || run.pipeline.featureNames.join('\u0000') !== first.pipeline.featureNames.join('\u0000')) {
      throw new Error(`“${run.name}” was trained on a different preparation of the dataset than “${first.name}”; ensemble runs prepared the same way.`);
    }
  }
  return members;
}

/** Build the ensemble API (merged into the training worker's API). */
export function createEnsembleApi(deps: EnsembleApiDeps) {
  /** Each member's outputs on the given splits (softmax probabilities, or standardized values). */
  async function memberOutputs(db: Db, runs: RunRecord[], splits: EncodedSplit[]): Promise<Float32Array[][]> {
    const outputs: Float32Array[][] = [];
    for (const run of runs) {
      await backendForModel(await deps.ensureBackend(), run.modelSpec);
      const trainer = await loadRunTrainer(db, run);
      try {
        const perSplit: Float32Array[] = [];
        for (const split of splits) perSplit.push(split.n ? await trainer.predict(split.x, split.n) : new Float32Array(0));
        outputs.push(perSplit);
      } finally {
        trainer.dispose();
      }
    }
    return outputs;
  }

  function asMember(run: RunRecord, values: Float32Array): MemberPredictions {
    return run.pipeline.spec.task === 'classification'
      ? { task: 'classification', classes: run.pipeline.classes?.length ?? 0, probs: values }
      : { task: 'regression', values };
  }

  return {
    /**
     * Fit an ensemble of `runIds` on their validation predictions, evaluate it and every member on the test
     * split, and save it. The test split's labels are read only by the evaluation, after fitting.
     */
    buildEnsemble(request: EnsembleRequest): Promise<Outcome<EnsembleRecord>> {
      return outcomeOf(async () => {
        const db = await deps.db();
        const runIds = request.fromSearch ? await topTrialRuns(db, request.fromSearch.searchId, request.fromSearch.topK) : request.runIds ?? [];
        const runs = await requireMembers(db, runIds);
        const pipeline = runs[0].pipeline;
        const { splits: [, validation, test] } = await loadEncodedSplits(db, runs[0].datasetId, pipeline);
        if (validation.n === 0) throw new Error('The dataset has no validation rows to fit the ensemble on; prepare it with a validation split.');
        const outputs = await memberOutputs(db, runs, [validation, test]);
        const labels = pipeline.spec.task === 'classification' ? Int32Array.from(validation.y) : validation.y;
        const fitted = fitEnsemble(request.spec, { members: runs.map((r, m) => asMember(r, outputs[m][0])), labels });
        const combined = combinePredictions(fitted, runs.map((r, m) => asMember(r, outputs[m][1])));
        const values = combined.task === 'classification' ? combined.probs : combined.values;
        const record: EnsembleRecord = {
          id: crypto.randomUUID(), datasetId: runs[0].datasetId, createdAt: Date.now(),
          name: request.name?.trim() || `${ENSEMBLE_METHODS[request.spec.method].label} of ${request.fromSearch ? `the top ${runs.length} trials` : `${runs.length} runs`}`,
          memberRunIds: runs.map((r) => r.id), memberNames: runs.map((r) => r.name), spec: request.spec, fitted,
          evaluation: test.n ? evaluateOutputs(pipeline, test, values) : undefined,
          memberEvaluations: runs.map((_, m) => (test.n ? evaluateOutputs(pipeline, test, outputs[m][1]) : undefined)),
          ...(request.fromSearch ? { searchId: request.fromSearch.searchId } : {}),
        };
        await putEnsemble(db, record);
        return record;
      });
    },

    /** A dataset's saved ensembles, newest first. */
    async listEnsembles(datasetId: string): Promise<EnsembleRecord[]> {
      return listEnsembles(await deps.db(), datasetId);
    },

    deleteEnsemble(id: string): Promise<Outcome<void>> {
      return outcomeOf(async () => deleteEnsemble(await deps.db(), id));
    },

    /** The ensemble's prediction for one typed table row (the playground form of its first member). */
    predictEnsembleRow(ensembleId: string, cells: Record<string, string>): Promise<Outcome<Prediction>> {
      return outcomeOf(async () => {
        const db = await deps.db();
        const ensemble = await getEnsemble(db, ensembleId);
        if (!ensemble) throw new Error('That ensemble no longer exists.');
        const runs = await requireMembers(db, ensemble.memberRunIds);
        const pipeline = runs[0].pipeline;
        if (isImagePipeline(pipeline)) throw new Error('Ensembles of image runs predict the test split only; try a member run on an image.');
        const { x, notes } = await encodeTypedRow(db, pipeline, runs[0].datasetId, cells);
        const outputs = await memberOutputs(db, runs, [{ x, y: new Float32Array(1), n: 1, featureCount: pipeline.featureNames.length }]);
        const combined = combinePredictions(ensemble.fitted, runs.map((r, m) => asMember(r, outputs[m][0])));
        return readPrediction(pipeline, combined.task === 'classification' ? combined.probs : combined.values, notes);
      });
    },
  };
}

/** The ensemble calls of the training worker, derived from the factory. */
export type EnsembleApi = ReturnType<typeof createEnsembleApi>;
