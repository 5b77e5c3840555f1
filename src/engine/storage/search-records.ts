// Record shapes of hyperparameter searches and ensembles stored in IndexedDB (schema version 3).
// A search holds its whole state (space, strategy, every trial), so a reload resumes it where it stopped.
import type { SearchSpace, TrialParams } from '../search/search-space';
import type { StrategySpec } from '../search/strategy';
import type { HalvingSpec } from '../search/successive-halving';
import type { EnsembleSpec, FittedEnsemble } from '../ensemble/ensemble-types';
import type { Activation } from '../model/model-types';
import type { TrainConfig } from '../train/train-types';
import type { RunEvaluation } from './records';

/** What a search optimizes, measured on the validation split at a trial's last epoch. */
export type SearchObjective = 'val-loss' | 'val-accuracy';

/** 'paused': stopped by the user or by a closed tab; it can be resumed. */
export type SearchStatus = 'running' | 'paused' | 'completed' | 'failed';

/** 'stopped-early': successive halving ended it at a rung; its last value still counts. */
export type TrialStatus = 'running' | 'paused' | 'completed' | 'stopped-early' | 'failed';

/** The model a search starts from (the Train panel's choice: an MLP by hand, or a named preset). */
export type SearchModelChoice = { hiddenLayers: number[]; activation: Activation } | { preset: string };

export interface TrialRecord {
  /** 0-based, in the order the strategy proposed the trials. */
  index: number;
  params: TrialParams;
  status: TrialStatus;
  /** The run in the run history that trains this trial. */
  runId?: string;
  /** Epochs this trial is to reach before it reports (its rung's epochs under successive halving). */
  targetEpochs: number;
  /** The objective (as shown: loss or accuracy) at the end of each rung reached; one entry without halving. */
  rungValues: number[];
  failure?: string;
}

export interface SearchRecord {
  id: string;
  datasetId: string;
  datasetName: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  status: SearchStatus;
  space: SearchSpace;
  strategy: StrategySpec;
  /** ASHA early termination (absent = every trial trains all `base.config.epochs`). */
  halving?: HalvingSpec;
  objective: SearchObjective;
  /** Trials to start in all (successive halving's promotions do not count as new trials). */
  maxTrials: number;
  /** Trials trained at once, each in its own worker. */
  parallel: number;
  seed: number;
  /** The options every trial starts from; a trial's params override some of them. */
  base: { model: SearchModelChoice; config: TrainConfig };
  trials: TrialRecord[];
  failure?: string;
}

/** A saved ensemble of runs on one dataset, with its test evaluation beside each member's. */
export interface EnsembleRecord {
  id: string;
  datasetId: string;
  name: string;
  createdAt: number;
  memberRunIds: string[];
  /** Names shown beside each member's metrics (copied, so they survive a rename or delete). */
  memberNames: string[];
  spec: EnsembleSpec;
  /** Fitted on the validation split only. */
  fitted: FittedEnsemble;
  evaluation?: RunEvaluation;
  /** Each member's evaluation on the same test split, in memberRunIds order. */
  memberEvaluations: (RunEvaluation | undefined)[];
  /** The search it was built from ("Ensemble the top K"), if any. */
  searchId?: string;
}
