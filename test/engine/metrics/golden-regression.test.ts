// Regression metrics and report against scikit-learn 1.2.1 values stored in test/fixtures/metrics (to 1e-6).
import { describe, expect, it } from 'vitest';
import {
  meanAbsoluteError, meanAbsolutePercentageError, meanSquaredError, r2Score, residualPoints, rootMeanSquaredError,
} from '../../../src/engine/metrics/regression';
import { regressionReport } from '../../../src/engine/metrics/regression-report';
import { expectClose, loadFixture, REGRESSION_FIXTURES, type RegressionFixture } from './golden';

describe.each(REGRESSION_FIXTURES)('golden %s', (name) => {
  const f = loadFixture<RegressionFixture>(name);

  it('MSE, RMSE, MAE, MAPE and R² match scikit-learn', () => {
    expectClose(meanSquaredError(f.yTrue, f.yPred), f.mse, 'mse');
    expectClose(rootMeanSquaredError(f.yTrue, f.yPred), f.rmse, 'rmse');
    expectClose(meanAbsoluteError(f.yTrue, f.yPred), f.mae, 'mae');
    expectClose(meanAbsolutePercentageError(f.yTrue, f.yPred), f.mape, 'mape');
    expectClose(r2Score(f.yTrue, f.yPred), f.r2, 'r2');
  });

  it('the report carries the same values and one point per row', () => {
    const report = regressionReport(Float64Array.from(f.yTrue), Float64Array.from(f.yPred));
    for (const key of ['mse', 'rmse', 'mae', 'mape', 'r2'] as const) expectClose(report[key], f[key], `report ${key}`);
    expect(report.points.length).toBe(f.yTrue.length);
    expect(report.n).toBe(f.yTrue.length);
  });
});

describe('regression edge cases', () => {
  it('MAPE with a true value of 0 divides by float64 eps (finite, huge) and the report says so', () => {
    // |0 - 1| / 2.220446049250313e-16 = 4503599627370496; (that + |2 - 1| / 2) / 2 = 2251799813685248.25.
    expect(meanAbsolutePercentageError([0, 2], [1, 1])).toBeCloseTo(2251799813685248.25, -1);
    const report = regressionReport([0, 2], [1, 1]);
    expect(report.notes.join(' ')).toMatch(/1 true value\(s\) are 0.*read MAE or RMSE/);
    expect(regressionReport([1, 2], [1, 1]).notes).toEqual([]);
  });

  it('residuals are actual - predicted; constant targets get an R² note', () => {
    expect(residualPoints([3, -0.5], [2.5, 0])).toEqual([
      { actual: 3, predicted: 2.5, residual: 0.5 },
      { actual: -0.5, predicted: 0, residual: -0.5 },
    ]);
    const report = regressionReport([4, 4, 4], [4, 4, 5]);
    expect(report.r2).toBe(0);
    expect(report.notes.join(' ')).toMatch(/R² is undefined/);
  });

  it('thins plot points evenly, keeping the first and last row', () => {
    const y = Array.from({ length: 101 }, (_, i) => i + 1);
    const report = regressionReport(y, y, { maxPoints: 11 });
    expect(report.points.map((p) => p.actual)).toEqual([1, 11, 21, 31, 41, 51, 61, 71, 81, 91, 101]);
  });

  it('empty input throws the empty-split input error with what to do', () => {
    expect(() => regressionReport([], [])).toThrow(expect.objectContaining({ code: 'empty-split', message: expect.stringMatching(/split is empty, so give it a larger fraction or add data/) }));
    expect(() => rootMeanSquaredError([1], [Number.NaN])).toThrow(/non-finite value/);
  });
});
