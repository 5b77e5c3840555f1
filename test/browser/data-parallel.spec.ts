// Data parallelism in the browser: Calibrate measures backend × worker counts on the chosen model, and
// 2 and 3 workers (separate worker threads, summed gradients) train the same parameters as 1 worker within
// 1e-5, on the CPU backend and on WebGPU; then a run trains end to end with 2 workers.
import { expect, test, type Page } from '@playwright/test';
import { dropFile, setTraining } from './helpers';
import { classificationCsv } from './synthetic-csv';

/** Open the app on `backend` and drop the synthetic classification table. */
async function openWithTable(page: Page, backend: string): Promise<void> {
  page.on('pageerror', (error) => { throw new Error(`Uncaught error in the page: ${error.message}`); });
  await page.goto(`/?backend=${backend}`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', backend, { timeout: 60_000 });
  await dropFile(page, 'parallel.csv', classificationCsv(240, 0, 7));
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 3 classes');
  await setTraining(page, { batch: 24 });
}

/** Runs Calibrate and returns the measured rows as {backend, workers, difference, text}. */
async function calibrate(page: Page, expectedRows: number) {
  await page.getByTestId('placement').locator('summary').click();
  await page.getByTestId('calibrate').click();
  const rows = page.getByTestId('calibration-row');
  await expect(rows).toHaveCount(expectedRows, { timeout: 200_000 });
  await expect(page.getByTestId('calibrate')).toHaveText('Calibrate', { timeout: 60_000 });
  return rows.evaluateAll((trs) => trs.map((tr) => ({
    backend: tr.getAttribute('data-backend'), workers: Number(tr.getAttribute('data-workers')),
    difference: tr.getAttribute('data-difference') === '' ? null : Number(tr.getAttribute('data-difference')), text: tr.textContent ?? '',
  })));
}

test('on the CPU backend, 2 and 3 workers match 1 worker within 1e-5; a 2-worker run trains end to end', async ({ page }) => {
  await openWithTable(page, 'cpu');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true); // the SharedArrayBuffer all-reduce
  const rows = await calibrate(page, 8); // cpu and webgl × 1..4 workers
  const cpu = rows.filter((r) => r.backend === 'cpu');
  expect(cpu.map((r) => r.workers)).toEqual([1, 2, 3, 4]);
  for (const r of cpu.slice(0, 3)) {
    expect(r.difference, r.text).not.toBeNull();
    expect(r.difference!).toBeLessThan(1e-5);
  }
  // One row is the chosen (fastest) configuration.
  await expect(page.getByTestId('calibration-table')).toContainText(/fastest/);
  await page.screenshot({ path: 'test-results/screens/calibration.png', fullPage: true });

  await page.getByTestId('placement-select').selectOption('cpu:2');
  await setTraining(page, { epochs: 6 });
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('placement-line')).toContainText('2 workers on cpu');
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 120_000 });
  const accuracy = Number((await page.getByTestId('test-accuracy').textContent())?.replace('%', ''));
  expect(accuracy).toBeGreaterThan(85);
});

test('on WebGPU, 2 and 3 workers match 1 worker within 1e-5', async ({ page }) => {
  await openWithTable(page, 'webgpu');
  const rows = await calibrate(page, 12); // webgpu, webgl and cpu × 1..4 workers
  const gpu = rows.filter((r) => r.backend === 'webgpu');
  expect(gpu.map((r) => r.workers)).toEqual([1, 2, 3, 4]);
  for (const r of gpu.slice(0, 3)) {
    expect(r.difference, r.text).not.toBeNull();
    expect(r.difference!).toBeLessThan(1e-5);
  }
});
