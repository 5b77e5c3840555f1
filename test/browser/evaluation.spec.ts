// The evaluation screen in a real browser: train a classifier and a regressor on a dropped CSV (the bundled
// penguin table) for a few epochs (CPU backend for speed), then read the metric grid, the plots and the worst examples,
// and make sure no "NaN" is written anywhere on the page.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { cspViolations, dropFile, openApp, setTraining } from './helpers';

/** Drop the bundled penguin table as a user's own CSV and prepare it with `target` as a `task`. */
async function trainDropped(page: Page, name: string, target: string, epochs: number, task: 'classification' | 'regression'): Promise<void> {
  await page.goto('/?backend=cpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  await dropFile(page, name, readFileSync('public/samples/penguins.csv', 'utf8'));
  await expect(page.getByTestId('prepare-summary')).toBeVisible({ timeout: 30_000 });
  if ((await page.getByTestId('target-select').inputValue()) !== target) await page.getByTestId('target-select').selectOption(target);
  if ((await page.getByTestId('task-select').inputValue()) !== task) await page.getByTestId('task-select').selectOption(task);
  await expect(page.getByTestId('prepare-summary')).toContainText(task === 'regression' ? 'Regression' : 'Classification into 3 classes');
  const sample = name.replace('.csv', '');
  await setTraining(page, { epochs, batch: 16, lr: 0.01 });
  await page.getByTestId('start-training').click();
  try {
    await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 180_000 });
  } catch (error) {
    // Keep what the page showed (epoch, step, messages) to tell a slow run from a stuck one.
    await page.screenshot({ path: `test-results/screens/evaluation-${sample}-unfinished.png`, fullPage: true });
    throw error;
  }
  await expect(page.getByTestId('evaluation')).toBeVisible();
}

/** The text of every metric tile, by id ("accuracy" -> "93.2%"). */
async function metricTexts(page: Page): Promise<Record<string, string>> {
  const tiles = page.getByTestId('metric-grid').locator('[data-testid^="metric-"]');
  const out: Record<string, string> = {};
  for (const tile of await tiles.all()) {
    out[((await tile.getAttribute('data-testid')) ?? '').replace('metric-', '')] = (await tile.locator('dd').textContent()) ?? '';
  }
  return out;
}

/** A chart drew its data: its canvas holds coloured pixels (axes, grid and reference lines are grey). */
async function expectDrawn(page: Page, testid: string): Promise<void> {
  const canvas = page.getByTestId(testid).locator('canvas');
  await expect(canvas).toBeVisible();
  const coloured = await canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const chroma = Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]);
      if (data[i + 3] > 100 && chroma > 60) count++;
    }
    return count;
  });
  expect(coloured, `${testid} should have drawn its lines or points`).toBeGreaterThan(100);
}

async function expectNoNaN(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/NaN/);
  const titles = await page.locator('[title]').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
  expect(titles.filter((t) => t.includes('NaN'))).toEqual([]);
}

test('classification: metric grid, per-class table, confusion toggle, ROC/PR/reliability plots, worst rows', async ({ page }) => {
  await openApp(page);
  await trainDropped(page, 'penguins.csv', 'Species', 8, 'classification');

  const metrics = await metricTexts(page);
  for (const id of ['accuracy', 'balanced-accuracy', 'macro-f1', 'weighted-f1', 'mcc', 'kappa', 'log-loss', 'roc-auc', 'average-precision', 'ece']) {
    expect(metrics[id], id).toMatch(/^-?\d+(\.\d+)?%?$/);
  }
  expect(Number(metrics.accuracy.replace('%', ''))).toBeGreaterThan(70);
  await expect(page.getByTestId('metric-roc-auc')).toHaveAttribute('title', /ROC curve/);

  await expect(page.getByTestId('per-class-table').locator('tbody tr')).toHaveCount(3);
  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix.locator('tbody tr')).toHaveCount(3);
  await page.getByTestId('confusion-toggle').getByText('Normalized by true class').click();
  await expect(matrix).toHaveAttribute('data-normalized', 'true');
  await expect(matrix.locator('tbody td').first()).toContainText('%');

  for (const chart of ['roc-chart', 'pr-chart', 'reliability-chart']) await expectDrawn(page, chart);
  await expect(page.getByTestId('roc-chart')).toHaveAttribute('data-series', '4');
  await expect(page.getByTestId('worst-examples').locator('tbody tr')).toHaveCount(10);
  // Each worst row shows its raw cells (target left out), e.g. "Island: Biscoe · …".
  await expect(page.getByTestId('worst-examples').locator('tbody tr').first().locator('td.preview')).toContainText(/Island: \w+ · /);

  await expectNoNaN(page);
  await page.getByTestId('evaluation').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/evaluation-classification.png', fullPage: true });
  await page.getByTestId('evaluation').screenshot({ path: 'test-results/screens/evaluation-classification-report.png' });
  expect(await cspViolations(page)).toEqual([]);
});

test('regression: errors in grams, predicted-vs-actual and residual plots, largest errors', async ({ page }) => {
  await openApp(page);
  await trainDropped(page, 'penguins-mass.csv', 'Body Mass (g)', 12, 'regression');
  await expect(page.getByTestId('target-select')).toHaveValue('Body Mass (g)');

  const metrics = await metricTexts(page);
  for (const id of ['mae', 'rmse', 'mse', 'mape', 'r2']) expect(metrics[id], id).toMatch(/^-?[\d,]+(\.\d+)?(e[+-]?\d+)?%?$/);
  const mae = Number(metrics.mae.replace(/,/g, ''));
  // Body mass is about 2,700-6,300 g: an error in grams, not in standardized units.
  expect(mae).toBeGreaterThan(50);
  expect(mae).toBeLessThan(1500);
  await expect(page.getByTestId('metric-mae')).toHaveAttribute('title', /Body Mass/);

  for (const chart of ['predicted-actual-chart', 'residuals-chart']) await expectDrawn(page, chart);
  await expect(page.getByTestId('worst-examples').locator('tbody tr')).toHaveCount(10);
  await expect(page.getByTestId('roc-chart')).toHaveCount(0);

  await expectNoNaN(page);
  await page.screenshot({ path: 'test-results/screens/evaluation-regression.png', fullPage: true });
  await page.getByTestId('evaluation').screenshot({ path: 'test-results/screens/evaluation-regression-report.png' });
});
