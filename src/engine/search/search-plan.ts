// What a running search does next, decided from its stored record alone (so a reload decides the same):
// the trials' observations, the next trial or promotion (ASHA), the objective read from a run, the best trial.
import type { EpochMetrics } from '../train/train-types';
import type { SearchObjective, SearchRecord, TrialRecord } from '../storage/search-records';
import type { Observation } from './bayesian-search';
import { proposeTrial } from './strategy';
import { nextHalvingStep, type HalvingTrial } from './successive-halving';
import type { TrialParams } from './search-space';

/** The next piece of work for a free worker: a new trial, or an existing trial trained on to more epochs. */
export type SearchWork =
  | { kind: 'new'; index: number; params: TrialParams; epochs: number }
  | { kind: 'continue'; index: number; epochs: number };

/** Whether a higher objective is better (accuracy) or a lower one (loss). */
export function lowerIsBetter(objective: SearchObjective): boolean {
  return objective === 'val-loss';
}

/** The objective as the strategy minimizes it: a loss as it is, an accuracy negated. */
export function minimized(objective: SearchObjective, score: number): number {
  return lowerIsBetter(objective) ? score : -score;
}

/**
 * The objective of a trial's run after its last epoch (validation loss or accuracy); undefined when that
 * epoch has no such metric or it is not finite (a diverged run), so the trial counts as failed.
 */
export function objectiveOf(objective: SearchObjective, history: readonly EpochMetrics[]): number | undefined {
  const last = history.at(-1);
  const value = objective === 'val-loss' ? last?.valLoss : last?.valAccuracy;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** A trial's latest score (its highest rung's), undefined before its first report. */
export function trialScore(trial: TrialRecord): number | undefined {
  return trial.rungValues.at(-1);
}

/** The epochs every trial reaches at the end: the last rung under halving, else the base config's. */
export function finalEpochs(search: SearchRecord): number {
  return search.halving?.maxEpochs ?? search.base.config.epochs;
}

/** The best trial that reached the final epochs (or, failing that, any scored trial); undefined before any score. */
export function bestTrial(search: SearchRecord): TrialRecord | undefined {
  const scored = search.trials.filter((t) => trialScore(t) !== undefined);
  const full = scored.filter((t) => t.targetEpochs >= finalEpochs(search) && t.status === 'completed');
  const pool = full.length ? full : scored;
  let best: TrialRecord | undefined;
  for (const t of pool) if (!best || minimized(search.objective, trialScore(t)!) < minimized(search.objective, trialScore(best)!)) best = t;
  return best;
}

/** The trials ranked best first (scored ones only), e.g. for "ensemble the top K". */
export function rankedTrials(search: SearchRecord): TrialRecord[] {
  const final = finalEpochs(search);
  return search.trials.filter((t) => trialScore(t) !== undefined && t.runId && t.status !== 'failed')
    // Trials that trained all the epochs rank before those halving stopped early: their scores are not comparable.
    .sort((a, b) => Number(b.targetEpochs >= final) - Number(a.targetEpochs >= final)
      || minimized(search.objective, trialScore(a)!) - minimized(search.objective, trialScore(b)!));
}

function halvingTrials(search: SearchRecord): HalvingTrial[] {
  const max = finalEpochs(search);
  return search.trials.map((t) => ({
    id: t.index,
    rungValues: t.rungValues.map((v) => minimized(search.objective, v)),
    running: t.status === 'running',
    open: t.status !== 'failed' && t.status !== 'stopped-early' && t.targetEpochs < max,
  }));
}

/**
 * The next work for a free worker, or undefined when nothing is left to start now (every trial has been
 * proposed, a grid is exhausted, or, under halving, no trial earned a promotion yet). Deterministic.
 */
export function nextSearchWork(search: SearchRecord): SearchWork | undefined {
  let epochs = search.base.config.epochs;
  if (search.halving) {
    const decision = nextHalvingStep(search.halving, halvingTrials(search));
    if (decision.action === 'promote') return { kind: 'continue', index: decision.trialId, epochs: decision.epochs };
    epochs = decision.epochs;
  }
  const index = search.trials.length;
  if (index >= search.maxTrials) return undefined;
  const observations: Observation[] = search.trials.flatMap((t) => {
    const score = trialScore(t);
    return score === undefined ? [] : [{ params: t.params, value: minimized(search.objective, score) }];
  });
  const pending = search.trials.filter((t) => t.status === 'running').map((t) => t.params);
  const params = proposeTrial(search.strategy, search.space, { observations, pending }, search.seed, index);
  return params && { kind: 'new', index, params, epochs };
}

/** Whether the search has nothing left to do: no trial running and no work to start. */
export function searchFinished(search: SearchRecord): boolean {
  return !search.trials.some((t) => t.status === 'running') && nextSearchWork(search) === undefined;
}
