// Pure view logic of the Tune screen's trial displays: parallel-coordinates scales and ticks, the score colour
// ramp, the best-so-far staircase, trial sorting and value formatting. No DOM and no Svelte, so Node tests import it.

/** A parameter value as a trial holds it. */
export type ParamCell = string | number | boolean;

/** One vertical axis of the parallel-coordinates plot; absent bounds/options are fitted to the rows. */
export interface ParallelAxis {
  name: string;
  label: string;
  kind: 'linear' | 'log' | 'choice';
  min?: number;
  max?: number;
  options?: ParamCell[];
}

/** One trial in the plot: `id` is its 0-based trial index (shown as #id+1); an absent value is an inactive param. */
export interface ParallelRow {
  id: number;
  values: Record<string, ParamCell | undefined>;
  score?: number;
}

/** An axis with its domain settled: finite bounds lo <= hi (both > 0 on a log axis) and, for choices, the categories. */
export type ResolvedAxis = ParallelAxis & { lo: number; hi: number; categories: ParamCell[] };

/** One tick: `position` 0 = bottom of the axis, 1 = top. */
export interface AxisTick { position: number; label: string }

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Settles `axis`'s domain from its own min/max/options, else from `values` (the rows' values on this axis). */
export function resolveAxis(axis: ParallelAxis, values: readonly (ParamCell | undefined)[]): ResolvedAxis {
  if (axis.kind === 'choice') {
    const categories: ParamCell[] = [...(axis.options ?? [])];
    // Values outside the declared options still get a place, at the end, rather than vanishing.
    for (const v of values) if (v !== undefined && !categories.includes(v)) categories.push(v);
    return { ...axis, lo: 0, hi: Math.max(categories.length - 1, 0), categories };
  }
  const log = axis.kind === 'log';
  const nums = values.filter((v): v is number => isNumber(v) && (!log || v > 0));
  let lo = isNumber(axis.min) && (!log || axis.min > 0) ? axis.min : nums.length ? Math.min(...nums) : log ? 1 : 0;
  let hi = isNumber(axis.max) && (!log || axis.max > 0) ? axis.max : nums.length ? Math.max(...nums) : log ? 10 : 1;
  if (lo > hi) [lo, hi] = [hi, lo];
  return { ...axis, lo, hi, categories: [] };
}

/** Where `value` sits on `axis`, 0 (bottom) to 1 (top), clamped; null when absent or not drawable (a gap). */
export function axisPosition(axis: ResolvedAxis, value: ParamCell | undefined): number | null {
  if (value === undefined) return null;
  if (axis.kind === 'choice') {
    const at = axis.categories.indexOf(value);
    if (at < 0) return null;
    return axis.categories.length === 1 ? 0.5 : at / (axis.categories.length - 1);
  }
  if (!isNumber(value) || (axis.kind === 'log' && value <= 0)) return null;
  const f = axis.kind === 'log' ? Math.log10 : (v: number) => v;
  const span = f(axis.hi) - f(axis.lo);
  if (span === 0) return 0.5;
  return Math.min(1, Math.max(0, (f(value) - f(axis.lo)) / span));
}

/** Ticks of `axis`: every category; min and max; on a log axis also the powers of ten in between (thinned). */
export function axisTicks(axis: ResolvedAxis): AxisTick[] {
  if (axis.kind === 'choice') return axis.categories.map((c) => ({ position: axisPosition(axis, c) ?? 0.5, label: formatValue(c) }));
  if (axis.lo === axis.hi) return [{ position: 0.5, label: formatValue(axis.lo) }];
  const ticks: AxisTick[] = [{ position: 0, label: formatValue(axis.lo) }, { position: 1, label: formatValue(axis.hi) }];
  if (axis.kind === 'log') {
    const decades: number[] = [];
    for (let k = Math.ceil(Math.log10(axis.lo)); k <= Math.floor(Math.log10(axis.hi)); k += 1) decades.push(10 ** k);
    const step = Math.ceil(decades.length / 4);
    for (let i = 0; i < decades.length; i += step) {
      const position = axisPosition(axis, decades[i]) ?? 0;
      // Skip a decade that would print on top of the min or max label.
      if (position > 0.12 && position < 0.88) ticks.push({ position, label: formatValue(decades[i]) });
    }
  }
  return ticks;
}

/** A cell: numbers with 3–4 significant digits (exponent form when tiny or huge), '—' when absent. */
export function formatValue(value: ParamCell | undefined | null): string {
  if (value === undefined || value === null) return '—';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return '—';
  if (Number.isInteger(value) && Math.abs(value) < 1e5) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(Number(value.toPrecision(4)));
}

/** `text` cut to `max` characters with an ellipsis (axis names in narrow plots). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** Light to dark blue; the dark end is the best score. */
export const SCORE_RAMP = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];

/** The ramp's colour at `goodness` (0 = worst, 1 = best), as '#rrggbb'. */
export function scoreColor(goodness: number): string {
  const t = Math.min(1, Math.max(0, Number.isFinite(goodness) ? goodness : 0)) * (SCORE_RAMP.length - 1);
  const i = Math.min(Math.floor(t), SCORE_RAMP.length - 2);
  const [a, b] = [SCORE_RAMP[i], SCORE_RAMP[i + 1]].map((hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)));
  return `#${a.map((c, k) => Math.round(c + (b[k] - c) * (t - i)).toString(16).padStart(2, '0')).join('')}`;
}

/** A function from a score to its goodness among `scores` (0 = worst, 1 = best; 1 when all are equal; null if absent). */
export function goodnessScale(scores: readonly (number | null | undefined)[], lowerIsBetter: boolean): (score: number | null | undefined) => number | null {
  const finite = scores.filter(isNumber);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return (score) => {
    if (!isNumber(score)) return null;
    if (hi === lo) return 1;
    const t = (score - lo) / (hi - lo);
    return Math.min(1, Math.max(0, lowerIsBetter ? 1 - t : t));
  };
}

/** Runs of consecutive non-null points: a missing value breaks the polyline there. */
export function segmentsOf<T>(points: readonly (T | null)[]): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  for (const p of points) {
    if (p === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(p);
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The best score up to and including each trial (null before the first score). */
export function bestSoFar(scores: readonly (number | null)[], lowerIsBetter: boolean): (number | null)[] {
  let best: number | null = null;
  return scores.map((s) => {
    if (isNumber(s) && (best === null || (lowerIsBetter ? s < best : s > best))) best = s;
    return best;
  });
}

/** The best-so-far staircase as x (trial number, 1-based) and y: flat until an improvement, then a vertical step; it runs to trial N. */
export function bestSoFarSteps(scores: readonly (number | null)[], lowerIsBetter: boolean): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  let previous: number | null = null;
  bestSoFar(scores, lowerIsBetter).forEach((best, i) => {
    if (best === null || best === previous) return;
    if (previous !== null) { x.push(i + 1); y.push(previous); }
    x.push(i + 1);
    y.push(best);
    previous = best;
  });
  if (previous !== null && x[x.length - 1] < scores.length) { x.push(scores.length); y.push(previous); }
  return { x, y };
}

/** The trials that have a score, as x (trial number, 1-based) and y (the score). */
export function scoredPoints(scores: readonly (number | null)[]): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  scores.forEach((s, i) => { if (isNumber(s)) { x.push(i + 1); y.push(s); } });
  return { x, y };
}

/** A trial as the table sorts it. */
export interface SortableTrial { index: number; status: string; params: Record<string, ParamCell>; score?: number; epochs: number }

/** 'param:<name>' sorts by that parameter. */
export type TrialSortKey = 'index' | 'status' | 'epochs' | 'score' | `param:${string}`;
export interface TrialSort { key: TrialSortKey; descending: boolean }

/** Score, best first. */
export function defaultSort(lowerIsBetter: boolean): TrialSort {
  return { key: 'score', descending: !lowerIsBetter };
}

/** After a click on `key`'s header: the same key flips; a new key starts best first (score) or ascending. */
export function nextSort(current: TrialSort, key: TrialSortKey, lowerIsBetter: boolean): TrialSort {
  if (current.key === key) return { key, descending: !current.descending };
  return key === 'score' ? defaultSort(lowerIsBetter) : { key, descending: false };
}

function cellOf(trial: SortableTrial, key: TrialSortKey): ParamCell | undefined {
  if (key.startsWith('param:')) return trial.params[key.slice('param:'.length)];
  const v = trial[key as 'index' | 'status' | 'epochs' | 'score'];
  return typeof v === 'number' && !Number.isFinite(v) ? undefined : v;
}

/** A sorted copy: absent values last in either direction; ties keep trial order. */
export function sortTrials<T extends SortableTrial>(trials: readonly T[], sort: TrialSort): T[] {
  const compare = (a: ParamCell, b: ParamCell): number =>
    typeof a === 'number' && typeof b === 'number' ? a - b
      : typeof a === 'boolean' && typeof b === 'boolean' ? Number(a) - Number(b)
        : String(a).localeCompare(String(b), 'en', { numeric: true });
  return [...trials].sort((p, q) => {
    const [a, b] = [cellOf(p, sort.key), cellOf(q, sort.key)];
    if (a === undefined || b === undefined) return a === b ? p.index - q.index : a === undefined ? 1 : -1;
    return (sort.descending ? -compare(a, b) : compare(a, b)) || p.index - q.index;
  });
}

/** The index of the best-scored trial (the earliest on a tie), or undefined when none has a score. */
export function bestTrial(trials: readonly { index: number; score?: number }[], lowerIsBetter: boolean): number | undefined {
  return sortTrials(trials.map((t) => ({ ...t, status: '', params: {}, epochs: 0 })), defaultSort(lowerIsBetter))
    .find((t) => isNumber(t.score))?.index;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The plot's accessible summary: "12 trials across 3 parameters". */
export function describePlot(trials: number, params: number): string {
  return `${count(trials, 'trial')} across ${count(params, 'parameter')}`;
}

/** A row's hover text: "Trial 4", then one "label: value" line per axis and the score. */
export function describeRow(row: ParallelRow, axes: readonly ParallelAxis[], scoreLabel: string): string {
  const lines = axes.map((a) => `${a.label}: ${row.values[a.name] === undefined ? '— (inactive)' : formatValue(row.values[a.name])}`);
  return [`Trial ${row.id + 1}`, ...lines, `${scoreLabel}: ${formatValue(row.score)}`].join('\n');
}
