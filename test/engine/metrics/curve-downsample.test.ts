// downsampleCurve (largest-triangle-three-buckets) and thinPoints on small hand-made curves.
import { describe, expect, it } from 'vitest';
import { downsampleCurve, thinPoints } from '../../../src/engine/metrics/curve-downsample';

const xy = (p: { x: number; y: number }) => [p.x, p.y] as const;

describe('downsampleCurve', () => {
  it('keeps both endpoints, the point count and the order, and picks a spike over flat neighbours', () => {
    // 1001 points on y = 0 except a spike at x = 500.
    const points = Array.from({ length: 1001 }, (_, x) => ({ x, y: x === 500 ? 10 : 0 }));
    const out = downsampleCurve(points, 20, xy);
    expect(out.length).toBe(20);
    expect(out[0]).toBe(points[0]);
    expect(out[19]).toBe(points[1000]);
    expect(out.some((p) => p.y === 10)).toBe(true);
    for (let i = 1; i < out.length; i++) expect(out[i].x).toBeGreaterThan(out[i - 1].x);
  });

  it('returns a copy when short enough, endpoints only for maxPoints 2, and validates maxPoints', () => {
    const points = [{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 0 }];
    const same = downsampleCurve(points, 3, xy);
    expect(same).toEqual(points);
    expect(same).not.toBe(points);
    expect(downsampleCurve(points, 2, xy)).toEqual([points[0], points[2]]);
    expect(() => downsampleCurve(points, 1, xy)).toThrow(/maxPoints must be an integer >= 2/);
  });
});

describe('thinPoints', () => {
  it('takes evenly spaced rows including the first and last', () => {
    expect(thinPoints([0, 1, 2, 3, 4, 5, 6, 7, 8], 3)).toEqual([0, 4, 8]);
    expect(thinPoints([0, 1], 5)).toEqual([0, 1]);
    expect(() => thinPoints([0], 0)).toThrow(/maxPoints/);
  });
});
