// Plain-data shapes the chart components take, so that callers can build them in .ts files.

/** One line of a TimeSeriesChart: a value per shared x; null, NaN or Infinity leave a gap. */
export interface TimeSeries {
  label: string;
  values: ArrayLike<number | null>;
  color?: string;
  /** Dashed line, e.g. for validation curves. */
  dashed?: boolean;
  /** Hold each value until the next x (a staircase), for quantities that jump, e.g. a learning-rate schedule. */
  stepped?: boolean;
}

/** A vertical line with a label at x (an event: learning-rate drop, resume, best epoch). */
export interface ChartMarker {
  x: number;
  label: string;
  color?: string;
}

/** One series of an XYChart: its own x and y (curves, point clouds, reference lines). */
export interface XYSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number | null>;
  /** 'line' joins the points in order; 'points' draws dots only; 'both' does both. Default 'line'. */
  draw?: 'line' | 'points' | 'both';
  /** '#rrggbb' (dots get a translucent fill from it); default: the palette colour of the series' position. */
  color?: string;
  /** Shade the area between the line and the bottom of the plot (bars drawn as an outline, areas). */
  fill?: boolean;
  /** Thin, dashed and grey: for reference lines (chance, y = x, zero). */
  reference?: boolean;
}
