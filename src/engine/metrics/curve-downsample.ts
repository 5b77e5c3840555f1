// Shrinking long curves and point clouds for plotting: largest-triangle-three-buckets for curves (keeps the
// shape and both endpoints), an even stride for scatter plots. Pure; inputs are never modified.

/** Reads the plotted (x, y) of a point, e.g. `(p) => [p.fpr, p.tpr]`. */
export type PointXY<T> = (point: T) => readonly [number, number];

function checkMax(maxPoints: number, what: string): void {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new Error(`${what}: maxPoints must be an integer >= 2 (both endpoints are kept), got ${maxPoints}.`);
  }
}

/**
 * At most `maxPoints` of `points` (same objects, same order) chosen by largest-triangle-three-buckets
 * (Steinarsson 2013): the first and last points are always kept, and from each of the maxPoints - 2 equal
 * buckets in between, the point forming the largest triangle with the previously kept point and the mean of
 * the next bucket. Returns a copy of `points` when it is already short enough.
 */
export function downsampleCurve<T>(points: readonly T[], maxPoints: number, xy: PointXY<T>): T[] {
  checkMax(maxPoints, 'downsampleCurve');
  const n = points.length;
  if (n <= maxPoints) return points.slice();
  const coords = points.map(xy);
  const kept: T[] = [points[0]];
  const bucketSize = (n - 2) / (maxPoints - 2);
  let previous = 0;
  for (let b = 0; b < maxPoints - 2; b++) {
    const start = Math.floor(b * bucketSize) + 1;
    const end = Math.floor((b + 1) * bucketSize) + 1;
    // Mean of the next bucket (the last point for the final bucket) is the triangle's third corner.
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((b + 2) * bucketSize) + 1, n);
    let meanX = 0;
    let meanY = 0;
    const span = Math.max(nextEnd - nextStart, 1);
    for (let i = nextStart; i < nextStart + span; i++) {
      meanX += coords[Math.min(i, n - 1)][0];
      meanY += coords[Math.min(i, n - 1)][1];
    }
    meanX /= span;
    meanY /= span;
    const [ax, ay] = coords[previous];
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((ax - meanX) * (coords[i][1] - ay) - (ax - coords[i][0]) * (meanY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    kept.push(points[best]);
    previous = best;
  }
  kept.push(points[n - 1]);
  return kept;
}

/**
 * At most `maxPoints` of `points` at evenly spaced indices (first and last included), for scatter plots where
 * every point matters equally. Deterministic; returns a copy when already short enough.
 */
export function thinPoints<T>(points: readonly T[], maxPoints: number): T[] {
  checkMax(maxPoints, 'thinPoints');
  const n = points.length;
  if (n <= maxPoints) return points.slice();
  return Array.from({ length: maxPoints }, (_, i) => points[Math.round((i * (n - 1)) / (maxPoints - 1))]);
}
