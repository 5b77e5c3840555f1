// The live monitoring dashboard in a real browser: per-step charts drawn on canvas while a step-decay run
// trains, a learning-rate change marker, memory and throughput figures; then samples/s with the charts
// open against closed on the same run (printed and saved to test-results/monitoring-throughput.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { dropFile, setTraining } from './helpers';
import { openAppWith } from './fault-helpers';
import { classificationCsv } from './synthetic-csv';
import { barsZip } from './image-fixtures';

const EPOCHS = 10;

/** Seconds the page's main thread has spent running tasks since `watchMainThread` (Chrome's Performance domain). */
let mainThreadSeconds: () => Promise<number> = () => Promise.resolve(NaN);

async function watchMainThread(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  mainThreadSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

/**
 * Train one run to the end with the current settings; returns its average samples/s from the dashboard
 * and the main thread's busy time per second of training (ms/s).
 */
async function trainToEnd(page: Page): Promise<{ samplesPerSecond: number; mainThreadMsPerSecond: number }> {
  const busyBefore = await mainThreadSeconds();
  const t0 = Date.now();
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('training', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 180_000 });
  const busy = (await mainThreadSeconds()) - busyBefore;
  const value = await page.getByTestId('monitor-average-throughput').getAttribute('data-value');
  return { samplesPerSecond: Number(value), mainThreadMsPerSecond: (busy * 1000) / ((Date.now() - t0) / 1000) };
}

test('live charts draw while training, mark the learning-rate change, and do not slow training', async ({ page }) => {
  page.on('pageerror', (error) => { console.log(error.stack); throw new Error(`Uncaught error in the page: ${error.message}`); });
  await openAppWith(page, '?backend=cpu');
  await watchMainThread(page);
  await dropFile(page, 'monitor.csv', classificationCsv(3000, 0, 5));
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification');

  // A step schedule halving the rate every 3 epochs: changes at epochs 4, 7 and 10.
  await page.getByTestId('training-options').locator('summary').click();
  await page.getByTestId('schedule-select').selectOption('step');
  await page.getByTestId('schedule-everyEpochs').fill('3');
  await page.getByTestId('schedule-everyEpochs').blur();
  await setTraining(page, { epochs: EPOCHS, batch: 8 });

  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('training', { timeout: 60_000 });
  // While it trains: charts on canvas with points, live figures.
  const lossChart = page.getByTestId('step-loss-chart');
  await expect.poll(async () => Number(await lossChart.getAttribute('data-length')), { timeout: 60_000 }).toBeGreaterThan(3);
  await expect(lossChart.locator('canvas')).toHaveCount(1);
  await expect.poll(async () => Number(await page.getByTestId('monitor-throughput').getAttribute('data-value'))).toBeGreaterThan(0);
  await expect.poll(async () => Number(await page.getByTestId('monitor-tensors').getAttribute('data-value'))).toBeGreaterThan(0);
  await expect(page.getByTestId('monitor-bytes')).toContainText(/\d/);
  await expect(page.getByTestId('monitor-backend')).toContainText('cpu');
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 180_000 });

  for (const id of ['step-loss-chart', 'lr-chart', 'grad-norm-chart', 'throughput-chart', 'memory-chart']) {
    const chart = page.getByTestId(id);
    await expect(chart.locator('canvas')).toHaveCount(1);
    expect(Number(await chart.getAttribute('data-length')), id).toBeGreaterThan(0);
    expect(Number(await chart.getAttribute('data-drawn')), id).toBeGreaterThan(0);
  }
  // Learning-rate halvings were seen live and marked (per step and per epoch).
  expect(Number(await page.getByTestId('monitor').getAttribute('data-lr-changes'))).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', String(EPOCHS));
  const openFirst = Number(await page.getByTestId('monitor-average-throughput').getAttribute('data-value'));
  expect(openFirst).toBeGreaterThan(0);
  await page.getByTestId('monitor').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/monitoring.png', fullPage: true });
  await page.getByTestId('training-progress').screenshot({ path: 'test-results/screens/monitoring-dashboard.png' });
  console.log(`lr changes: ${await page.getByTestId('monitor').getAttribute('data-lr-changes')}`);

  // Throughput: the same run with the live charts closed, then open, ROUNDS times (the first run warmed up
  // the JIT); the median of each side is compared.
  const rounds = Number(process.env.MONITOR_ROUNDS ?? 1);
  const runs: { closed: Awaited<ReturnType<typeof trainToEnd>>; open: Awaited<ReturnType<typeof trainToEnd>> }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    await page.getByTestId('monitor-toggle').uncheck();
    await expect(page.getByTestId('monitor-charts')).toHaveCount(0);
    const closedRun = await trainToEnd(page);
    await expect(page.getByTestId('monitor-charts')).toHaveCount(0);
    await page.getByTestId('monitor-toggle').check();
    const openRun = await trainToEnd(page);
    await expect(page.getByTestId('monitor-charts').locator('canvas').first()).toBeVisible();
    runs.push({ closed: closedRun, open: openRun });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const closed = median(runs.map((r) => r.closed.samplesPerSecond));
  const open = median(runs.map((r) => r.open.samplesPerSecond));

  const figures = { backend: 'cpu', epochs: EPOCHS, batchSize: 8, rows: 3000, cores: await page.evaluate(() => navigator.hardwareConcurrency),
    medianSamplesPerSecond: { closed, open }, firstRunOpen: openFirst, runs };
  console.log(`monitoring throughput (samples/s, median of ${rounds}): open ${open.toFixed(0)}, closed ${closed.toFixed(0)} (first run, open: ${openFirst.toFixed(0)})`);
  console.log(JSON.stringify(runs));
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/monitoring-throughput.json', `${JSON.stringify(figures, null, 2)}\n`);
  expect(closed).toBeGreaterThan(0);
  expect(open).toBeGreaterThan(0);
  // A loose sanity check: drawing the charts must not halve training speed.
  expect(closed).toBeLessThan(2 * open);
});

test('an image classifier shows a grid of validation predictions and the confusion matrix after each epoch', async ({ page }) => {
  await openAppWith(page);
  await page.getByTestId('image-options').locator('summary').click();
  await page.getByTestId('image-size').selectOption('16');
  await dropFile(page, 'bars.zip', barsZip(60), 'application/zip');
  await expect(page.getByTestId('dataset-facts')).toContainText('60 images', { timeout: 60_000 });
  await page.getByTestId('model-select').selectOption('lenet-cnn');
  await setTraining(page, { epochs: 4, batch: 8, lr: 0.005 });
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 120_000 });
  const insight = page.getByTestId('validation-insight');
  await expect(insight).toHaveAttribute('data-epoch', '4');
  const tiles = page.getByTestId('prediction-grid').locator('.tile');
  expect(await tiles.count()).toBeGreaterThan(3);
  // Every tile is marked right or wrong, and the matrix's counts add up to the validation rows shown.
  const marks = await tiles.evaluateAll((all) => all.map((t) => t.getAttribute('data-correct')));
  expect(marks.every((m) => m === 'true' || m === 'false')).toBe(true);
  const cells = await page.getByTestId('live-confusion').locator('tbody td').allTextContents();
  expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(await tiles.count());
  await insight.screenshot({ path: 'test-results/screens/monitoring-images.png' });
});
