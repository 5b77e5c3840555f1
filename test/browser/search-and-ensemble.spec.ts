// Hyperparameter search and ensembles in a real browser: a small Bayesian search from the Tune panel on a
// dropped CSV, a reload mid-search and "Resume search", training the best configuration, then a stacked
// ensemble of the top 3 trials with its evaluation beside its members and a prediction in its playground.
import { expect, test } from '@playwright/test';
import { cspViolations, dropFile, openApp } from './helpers';
import { classificationCsv } from './synthetic-csv';

const TRIALS = 5;

test('Bayesian search: reload mid-search, resume, train the best, stack the top 3', async ({ page }) => {
  test.setTimeout(420_000);
  await openApp(page);
  // The CPU backend keeps five small trials quick on a software adapter; trial workers adopt the page's backend.
  await page.goto('/?backend=cpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  await dropFile(page, 'blobs.csv', classificationCsv());
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 3 classes', { timeout: 30_000 });

  const tune = page.getByTestId('tune-panel');
  await expect(tune.getByTestId('search-space')).toBeVisible();
  // The learning rate and batch size are searched by default; add the hidden-layer width (an MLP option).
  await expect(tune.getByTestId('space-learningRate')).toBeChecked();
  await tune.getByTestId('space-units').check();
  await tune.getByTestId('search-strategy').selectOption('bayesian');
  await tune.getByTestId('search-initial').fill('2');
  await tune.getByTestId('search-trials').fill(String(TRIALS));
  await tune.getByTestId('search-parallel').fill('2');
  await tune.getByTestId('search-epochs').fill('4');
  await tune.getByTestId('start-search').click();

  const summary = tune.getByTestId('search-summary');
  await expect(tune.getByTestId('trial-progress')).toBeVisible({ timeout: 60_000 });
  await expect(summary).toContainText(/^[12] of 5 trials done/, { timeout: 180_000 });

  // Reload mid-search: the search is stored, shown as interrupted, and resumes where it stopped.
  const doneBefore = Number(/^(\d+) of/.exec((await summary.textContent()) ?? '')?.[1]);
  await page.reload();
  await expect(page.getByTestId('dataset-list')).toContainText('blobs.csv');
  await expect(tune.getByTestId('search-interrupted')).toBeVisible({ timeout: 30_000 });
  // A trial may have finished between reading the summary and the reload; none is lost, and some are left.
  const doneAfter = Number(/^(\d+) of/.exec((await summary.textContent()) ?? '')?.[1]);
  expect(doneAfter).toBeGreaterThanOrEqual(doneBefore);
  expect(doneAfter).toBeLessThan(TRIALS);
  // The finished trials are listed, and those the reload interrupted are kept to continue (none are lost).
  expect(await tune.getByTestId('trial-row').count()).toBeGreaterThan(doneAfter);
  await tune.getByTestId('resume-search').click();
  await expect(summary).toContainText('5 of 5 trials done', { timeout: 240_000 });
  await expect(summary).toContainText('completed');
  await expect(tune.getByTestId('trial-row')).toHaveCount(TRIALS);
  // Each trial is a run in the run history.
  await expect(page.getByTestId('run-history')).toContainText('trial 5');
  await expect(tune.getByTestId('parallel-coordinates')).toBeVisible();
  await expect(tune.getByTestId('best-so-far')).toBeVisible();

  // Train the best configuration as a run of its own.
  await tune.getByTestId('train-best').click();
  // The panel showed the last trial's run until now: wait for the new run to start, then to finish.
  await expect(page.getByTestId('run-status')).toHaveText('training', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 180_000 });
  await expect(page.getByTestId('run-history')).toContainText('best (trial');

  // A stacked ensemble of the top 3, evaluated on the test split beside each member.
  await tune.getByTestId('ensemble-k').fill('3');
  await tune.getByTestId('ensemble-method').selectOption('stacking');
  await tune.getByTestId('build-ensemble').click();
  const report = page.getByTestId('ensemble-report');
  await expect(report).toBeVisible({ timeout: 120_000 });
  const comparison = report.getByTestId('ensemble-comparison');
  await expect(comparison.locator('thead th')).toHaveCount(5);
  const accuracyCells = comparison.locator('tr[data-metric="accuracy"] td');
  await expect(accuracyCells).toHaveCount(5);
  const ensembleAccuracy = Number((await accuracyCells.nth(1).textContent())?.replace('%', ''));
  expect(ensembleAccuracy).toBeGreaterThan(80);
  await expect(report.getByTestId('metric-grid')).toBeVisible();
  await expect(report.getByTestId('confusion-matrix')).toBeVisible();

  // The ensemble predicts a row in its playground.
  const playground = page.getByTestId('ensemble-playground');
  await playground.getByTestId('playground-predict').click();
  await expect(playground.getByTestId('playground-result')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: 'test-results/screens/search-and-ensemble.png', fullPage: true });
  await tune.screenshot({ path: 'test-results/screens/tune-panel.png' });
  await report.screenshot({ path: 'test-results/screens/ensemble-report.png' });

  // Any ticked runs of the dataset can be ensembled from the run history too.
  const history = page.getByTestId('run-history');
  await history.getByLabel('Compare Search on blobs.csv · trial 1', { exact: true }).check();
  await history.getByLabel('Compare Search on blobs.csv · trial 2', { exact: true }).check();
  await history.getByTestId('ensemble-selected').click();
  await expect(report.getByRole('heading', { name: 'Ensemble: Average of 2 runs' })).toBeVisible({ timeout: 60_000 });
  await expect(report.getByTestId('ensemble-comparison').locator('thead th')).toHaveCount(4);

  // The ensembles are saved: the newest is shown again after a reload.
  await page.reload();
  await expect(page.getByTestId('ensemble-report')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('ensemble-comparison').locator('thead th')).toHaveCount(4);
  expect(await cspViolations(page)).toEqual([]);
});
