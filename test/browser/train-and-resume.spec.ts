// The foundation path in a real browser: drop a CSV, inspect it, prepare, train on WebGPU,
// reload mid-training, resume from the checkpoint, finish, and read the test results.
import { expect, test } from '@playwright/test';
import { cspViolations, dropFile, openApp, setTraining, shownBatchesPerEpoch, shownEpoch, shownStep, watchLongTasks } from './helpers';
import { classificationCsv } from './synthetic-csv';

const EPOCHS = 16;

test('drop a CSV, train on WebGPU, reload, resume and evaluate', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  // Step 2-3: drop the file; a preview and a per-column summary appear.
  await dropFile(page, 'blobs.csv', classificationCsv());
  const view = page.getByTestId('dataset-view');
  await expect(view.getByRole('heading', { name: 'blobs.csv' })).toBeVisible();
  await expect(page.getByTestId('preview').locator('tbody tr')).toHaveCount(20);
  const summary = page.getByTestId('column-summary');
  await expect(summary.locator('tbody tr')).toHaveCount(5);
  await expect(summary.locator('tr', { hasText: 'colour' })).toContainText('categorical');
  await expect(summary.locator('tr', { hasText: 'x1' })).toContainText('numeric');
  // The target column defaults to the last one; rows without a target are counted.
  await expect(page.getByTestId('target-select')).toHaveValue('kind');
  await expect(page.getByTestId('dropped-rows')).toContainText('3 rows');
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 3 classes');

  // Step 5-6: train; curves and progress update live.
  await setTraining(page, { epochs: EPOCHS, batch: 16 });
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('training');
  await expect.poll(() => shownEpoch(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('loss-chart')).toBeVisible();

  // Step 8: reload mid-training; the dataset is still there and the run can be resumed.
  await page.reload();
  await expect(page.getByTestId('dataset-list')).toContainText('blobs.csv');
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toContainText('interrupted');
  const checkpointEpoch = Number(/epoch (\d+) of/.exec((await banner.textContent()) ?? '')?.[1]);
  expect(checkpointEpoch).toBeGreaterThanOrEqual(3);
  expect(checkpointEpoch).toBeLessThan(EPOCHS);

  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('resumed-from')).toContainText(`after epoch ${checkpointEpoch}`);
  // The optimizer step continues from the checkpoint instead of restarting at 0.
  const stepsPerEpoch = await shownBatchesPerEpoch(page);
  await expect.poll(() => shownStep(page)).toBeGreaterThan(checkpointEpoch * stepsPerEpoch);
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 180_000 });
  expect(await shownEpoch(page)).toBe(EPOCHS);
  expect(await shownStep(page)).toBe(EPOCHS * stepsPerEpoch);
  // The curve continues instead of starting over: one point per epoch, all of them.
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', String(EPOCHS));

  // Step 7: test accuracy and the confusion matrix.
  const accuracy = Number((await page.getByTestId('test-accuracy').textContent())?.replace('%', ''));
  expect(accuracy).toBeGreaterThan(90);
  await expect(page.getByTestId('confusion-matrix').locator('tbody tr')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/screens/after-training.png', fullPage: true });
  expect(await cspViolations(page)).toEqual([]);
});

test('a numeric target trains a regressor and reports MAE and R²', async ({ page }) => {
  await openApp(page);
  await dropFile(page, 'sizes.csv', classificationCsv(150, 0, 11));
  await expect(page.getByTestId('prepare-summary')).toBeVisible();
  await page.getByTestId('target-select').selectOption('size');
  await expect(page.getByTestId('task-select')).toHaveValue('regression');
  await expect(page.getByTestId('prepare-summary')).toContainText('Regression');
  await setTraining(page, { epochs: 25, batch: 16, lr: 0.02 });
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 180_000 });
  const r2 = Number(await page.getByTestId('test-r2').textContent());
  expect(r2).toBeGreaterThan(0.8);
  expect(Number(await page.getByTestId('test-mae').textContent())).toBeGreaterThan(0);
});

test('the page stays responsive while training, and Stop ends training within a batch', async ({ page }) => {
  await openApp(page);
  await dropFile(page, 'stop.csv', classificationCsv(300, 0, 5));
  await expect(page.getByTestId('prepare-summary')).toBeVisible();
  await setTraining(page, { epochs: 500, batch: 8 });
  const longTasks = await watchLongTasks(page);
  await page.getByTestId('start-training').click();
  await expect.poll(() => shownEpoch(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  // Training and parsing run in workers: the main thread has no task anywhere near a frame freeze.
  expect(Math.max(0, ...(await longTasks()))).toBeLessThan(200);
  await page.getByTestId('stop-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('stopped', { timeout: 10_000 });
  expect(await shownEpoch(page)).toBeLessThan(500);
  await expect(page.getByTestId('resume-banner')).toContainText('stopped');
});
