// The Tune screen's form as plain state, and how it becomes a search request: which tunable options are
// searched and over what range, the strategy, trial counts and successive halving.
import type { ParamSpec, ParamValue, SearchSpace } from '../engine/search/search-space';
import type { StrategySpec } from '../engine/search/strategy';
import type { TunableOption } from '../engine/search/tunable-options';
import type { SearchObjective } from '../engine/storage/search-records';
import type { TrainConfig } from '../engine/train/train-types';
import type { SearchRequest } from '../../workers/search-api';
import type { ModelChoice } from '../../workers/train-api';

/** One row of the search-space editor: whether the option is searched, and its range or options as typed. */
export interface SpaceRow {
  name: string;
  enabled: boolean;
  spec: ParamSpec;
  /** Choice options as the user typed them, comma-separated. */
  optionsText: string;
}

export interface SearchForm {
  rows: SpaceRow[];
  strategy: StrategySpec['kind'];
  initialRandom: number;
  pointsPerNumeric: number;
  maxTrials: number;
  parallel: number;
  objective: SearchObjective;
  halving: boolean;
  minEpochs: number;
  eta: number;
  epochs: number;
  seed: number;
}

/** Options searched by default: the learning rate and the batch size (good first knobs for any model). */
const ON_BY_DEFAULT = new Set(['learningRate', 'batchSize']);

/** Editor rows for the tunable options that apply (MLP-only ones only for a hand-built MLP). */
export function spaceRows(options: Record<string, TunableOption>, mlp: boolean): SpaceRow[] {
  return Object.entries(options).filter(([, o]) => mlp || !o.mlpOnly).map(([name, o]) => ({
    name, enabled: ON_BY_DEFAULT.has(name), spec: structuredClone(o.suggested),
    optionsText: o.suggested.kind === 'choice' ? o.suggested.options.join(', ') : '',
  }));
}

export function defaultSearchForm(rows: SpaceRow[]): SearchForm {
  return { rows, strategy: 'bayesian', initialRandom: 4, pointsPerNumeric: 3, maxTrials: 12, parallel: 2, objective: 'val-loss',
    halving: false, minEpochs: 2, eta: 3, epochs: 10, seed: 7 };
}

/** A typed option: a number when it reads as one, true/false, else the text. */
function parseOption(text: string): ParamValue {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
}

/** The search space of the enabled rows (conditions on options that are not searched are dropped). */
export function spaceOf(form: SearchForm): SearchSpace {
  const params: ParamSpec[] = [];
  for (const row of form.rows.filter((r) => r.enabled)) {
    const spec: ParamSpec = row.spec.kind === 'choice'
      ? { ...row.spec, options: row.optionsText.split(',').filter((t) => t.trim() !== '').map(parseOption) }
      : { ...row.spec, min: Number(row.spec.min), max: Number(row.spec.max) };
    const parent = spec.when && params.find((p) => p.name === spec.when!.param);
    if (spec.when && parent?.kind === 'choice') {
      // Only the listed values of the parent count (e.g. momentum for the optimizers actually searched).
      const oneOf = spec.when.oneOf.filter((v) => parent.options.includes(v));
      if (oneOf.length === 0) continue; // never active: searching it would change nothing
      spec.when = { ...spec.when, oneOf };
    } else if (spec.when) {
      delete spec.when; // the parent is not searched: the base config decides, so search this option always
    }
    params.push(spec);
  }
  return { version: 1, params };
}

/** The strategy spec of the form. */
export function strategyOf(form: SearchForm): StrategySpec {
  if (form.strategy === 'grid') return { kind: 'grid', pointsPerNumeric: form.pointsPerNumeric };
  if (form.strategy === 'bayesian') return { kind: 'bayesian', initialRandom: form.initialRandom };
  return { kind: 'random' };
}

/** The whole request for a dataset, starting from `model` and `config` (the epochs come from the form). */
export function searchRequest(form: SearchForm, datasetId: string, model: ModelChoice, config: TrainConfig): SearchRequest {
  return {
    datasetId, space: spaceOf(form), strategy: strategyOf(form), objective: form.objective,
    maxTrials: form.maxTrials, parallel: form.parallel, seed: form.seed,
    base: { model, config: { ...config, epochs: form.epochs } },
    ...(form.halving ? { halving: { minEpochs: form.minEpochs, maxEpochs: form.epochs, eta: form.eta } } : {}),
  };
}
