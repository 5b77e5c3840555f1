// Fault G1 (reference/reliability.md): the WebGPU device is lost mid-run (device.destroy() through the
// training worker's test hook). Training must re-create the backend, continue from the last
// checkpoint on WebGPU, tell the user, and never store a NaN checkpoint.
import { expect, test } from '@playwright/test';
import { shownEpoch } from './helpers';
import { dropTrainableCsv, epochsOnChart, expectIntactHead, openAppWith, startRun, trainWorker } from './fault-helpers';

test('G1: a lost WebGPU device is re-created and training resumes from the last checkpoint', async ({ page }) => {
  test.setTimeout(120_000);
  await openAppWith(page, '');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await dropTrainableCsv(page, 'device.csv', 120);
  await startRun(page, { epochs: 500, batch: 16 });
  await expect.poll(() => epochsOnChart(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);

  const worker = await trainWorker(page);
  expect(await worker.evaluate(() => (self as unknown as { __webtrainDestroyDevice: () => boolean }).__webtrainDestroyDevice())).toBe(true);

  const notice = page.getByTestId('train-notice');
  await expect(notice).toContainText('graphics device was lost', { timeout: 30_000 });
  const resumed = Number(/checkpoint of epoch (\d+)/.exec((await notice.textContent()) ?? '')?.[1]);
  expect(resumed).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('resumed-from')).toContainText(`after epoch ${resumed}`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.getByTestId('run-status')).toHaveText('training');
  // Training goes on past the checkpoint on the new device, and what it stores stays finite and intact.
  await expect.poll(() => shownEpoch(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(resumed + 2);
  const head = await expectIntactHead(page);
  expect(head.epoch).toBeGreaterThan(resumed);
  await expect(page.getByTestId('train-error')).toHaveCount(0);

  // A second loss is survived the same way.
  expect(await (await trainWorker(page)).evaluate(() => (self as unknown as { __webtrainDestroyDevice: () => boolean }).__webtrainDestroyDevice())).toBe(true);
  await expect.poll(async () => Number(/checkpoint of epoch (\d+)/.exec((await notice.textContent()) ?? '')?.[1]), { timeout: 30_000 }).toBeGreaterThan(resumed);
  await page.getByTestId('stop-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('stopped', { timeout: 30_000 });
});
