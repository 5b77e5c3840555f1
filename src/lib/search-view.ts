// What the Tune screen shows of a stored search: the plot axes from its space, a row per trial with its
// latest score, and words for its state. Pure functions of the record.
import type { SearchRecord } from '../engine/storage/search-records';
import type { TunableOption } from '../engine/search/tunable-options';

export function scoreLabelOf(search: SearchRecord): string {
  return search.objective === 'val-loss' ? 'Val loss' : 'Val accuracy';
}

export const lowerIsBetterOf = (search: SearchRecord) => search.objective === 'val-loss';

/** One parallel-coordinates axis (and table column) per searched parameter. */
export function axesOf(search: SearchRecord, options: Record<string, TunableOption>) {
  return search.space.params.map((p) => ({
    name: p.name, label: options[p.name]?.label ?? p.label ?? p.name,
    kind: p.kind === 'choice' ? ('choice' as const) : p.scale,
    ...(p.kind === 'choice' ? { options: p.options } : { min: p.min, max: p.max }),
  }));
}

/** The trials as the table and plots take them: latest score, epochs reached. */
export function trialRows(search: SearchRecord) {
  return search.trials.map((t) => ({
    index: t.index, status: t.status, params: t.params, epochs: t.targetEpochs, runId: t.runId,
    ...(t.rungValues.length ? { score: t.rungValues[t.rungValues.length - 1] } : {}),
    ...(t.failure ? { failure: t.failure } : {}),
  }));
}

/** "5 of 12 trials done · 2 running" and the like. */
export function searchSummary(search: SearchRecord): string {
  const done = search.trials.filter((t) => t.status === 'completed' || t.status === 'stopped-early').length;
  const running = search.trials.filter((t) => t.status === 'running').length;
  const failed = search.trials.filter((t) => t.status === 'failed').length;
  const parts = [`${done} of ${search.maxTrials} trials done`];
  if (running) parts.push(`${running} running`);
  if (failed) parts.push(`${failed} failed`);
  const strategy = { grid: 'grid search', random: 'random search', bayesian: 'Bayesian optimization' }[search.strategy.kind];
  return `${parts.join(' · ')} — ${strategy}${search.halving ? ' with successive halving' : ''}, ${search.parallel} at once, ${search.status}.`;
}
