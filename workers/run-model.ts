// A trained run's model, rebuilt from its latest checkpoint with the weights its evaluation used, for
// predicting (the playground, ensembles); nothing is trained with it.
import type { IDBPDatabase } from 'idb';
import { shouldRestoreBestWeights } from '../src/engine/optim/early-stopping';
import { loadLatestCheckpoint } from '../src/engine/storage/checkpoints-repo';
import type { AppDB } from '../src/engine/storage/db';
import type { RunRecord } from '../src/engine/storage/records';
import { Trainer } from '../src/engine/train/training-loop';
import type { TrainerSnapshot } from '../src/engine/train/train-types';

/** The weights the run's evaluation used: the best epoch's when early stopping restored them at the end. */
function evaluatedWeights(run: RunRecord, snapshot: TrainerSnapshot): TrainerSnapshot {
  const early = run.trainConfig.earlyStopping;
  const best = snapshot.bestWeights;
  if (!early || !snapshot.earlyStopping || !best || best.length !== snapshot.weights.length) return snapshot;
  if (!shouldRestoreBestWeights(early, snapshot.earlyStopping, snapshot.history.length)) return snapshot;
  return { ...snapshot, weights: snapshot.weights.map((w, i) => ({ ...w, data: best[i].data })) };
}

/**
 * The run's model on the active backend with its latest checkpoint's (evaluated) weights. Throws when the run
 * has no checkpoint yet. The caller disposes the trainer.
 */
export async function loadRunTrainer(db: IDBPDatabase<AppDB>, run: RunRecord): Promise<Trainer> {
  const loaded = await loadLatestCheckpoint(db, run.id);
  if (!loaded) throw new Error(`Run “${run.name}” has no checkpoint yet; train it for at least one epoch first.`);
  const featureCount = run.pipeline.featureNames.length;
  // Trainer.create needs a training split; one zero row is enough (nothing is trained here).
  const placeholder = { x: new Float32Array(featureCount), y: new Float32Array(1), n: 1, featureCount };
  const data = { train: placeholder, validation: { ...placeholder, x: new Float32Array(0), y: new Float32Array(0), n: 0 } };
  const config = { ...run.trainConfig, workers: 1, augmentation: undefined };
  return Trainer.create(run.modelSpec, config, data, evaluatedWeights(run, loaded.snapshot));
}
