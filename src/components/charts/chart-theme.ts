// Shared look of the uPlot charts (colours, axes) and helpers that turn plain arrays into what uPlot draws.
// Main-thread only; no uPlot instance lives here.
import type uPlot from 'uplot';

/** Series colours, distinguishable in order (the first two are the app's accent and a warm contrast). */
export const CHART_COLORS = ['#1f4e79', '#d1495b', '#2a9d8f', '#e9a23b', '#6a4c93', '#8c564b', '#00798c', '#b5838d', '#7f7f7f', '#4f772d'];

/** The colour of series `index` (cycles after ten). */
export function seriesColor(index: number): string {
  return CHART_COLORS[index % CHART_COLORS.length];
}

const AXIS_STROKE = '#5b6675';
const GRID = { stroke: '#e6e9ee', width: 1 };

/** An axis with the app's colours; `label` is drawn beside it. */
export function axis(label: string | undefined, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return { stroke: AXIS_STROKE, grid: GRID, ticks: { stroke: '#d9dee5', width: 1 }, label, labelSize: label ? 18 : 0, size: 48, font: '11px system-ui, sans-serif', labelFont: '12px system-ui, sans-serif', ...extra };
}

/**
 * `values` as uPlot wants them: non-finite numbers become null (a gap, never a NaN on screen); on a log
 * scale, values <= 0 become null too because they have no logarithm.
 */
export function plotValues(values: ArrayLike<number | null | undefined>, logScale = false): (number | null)[] {
  return Array.from(values, (v) => (typeof v === 'number' && Number.isFinite(v) && (!logScale || v > 0) ? v : null));
}

/** Tick labels with up to 4 significant digits and no float noise (0.30000000000000004 -> "0.3"). */
export function tickLabels(_u: uPlot, splits: number[]): string[] {
  return splits.map((v) => (v === null || !Number.isFinite(v) ? '' : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(1) : String(Number(v.toPrecision(4)))));
}
