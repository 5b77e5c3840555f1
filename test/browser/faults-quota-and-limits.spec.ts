// S1: the storage quota runs out while a checkpoint is written (Storage.overrideQuotaForOrigin): a storage-full
// message with usage and quota, the head unchanged and loadable, no orphans. G3: a model too large for the
// device's buffers is refused before training, with the largest size that would fit.
import { expect, test } from '@playwright/test';
import { dropFile } from './helpers';
import { barsZip } from './image-fixtures';
import { dropTrainableCsv, epochsOnChart, expectIntactHead, openAppWith, readCheckpointState, startRun, headEpoch } from './fault-helpers';

test('S1: when storage runs out, the checkpoint is refused with usage and quota and the last one stays head', async ({ page }) => {
  test.setTimeout(120_000);
  await openAppWith(page);
  await dropTrainableCsv(page, 'quota.csv');
  // Wide layers make each checkpoint about 12.7 MB (weights and Adam's two moments).
  await startRun(page, { epochs: 200, layers: '1024, 1024' });
  await expect.poll(() => epochsOnChart(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  const before = await readCheckpointState(page);
  const landed = headEpoch(before);
  expect(landed).toBeGreaterThanOrEqual(1);

  // Leave a few MB: less than a checkpoint needs.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: (usage ?? 0) + 4_000_000 });

  // The refused checkpoint is reported with the storage figures (as a notice while training goes on, or as the
  // reason the run stopped when even its progress record could not be written).
  const said = page.getByTestId('train-panel').locator('[data-testid="train-notice"], [data-testid="train-error"]');
  await expect(said.first()).toContainText('Browser storage is full', { timeout: 60_000 });
  await expect(said.first()).toContainText(/\d+\.\d MB used of \d+\.\d MB/);
  if (await page.getByTestId('stop-training').isEnabled()) await page.getByTestId('stop-training').click();
  await expect(page.getByTestId('start-training')).toBeEnabled({ timeout: 60_000 });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });

  // The head is a checkpoint written before the quota ran out, intact; nothing half-written is left.
  const head = await expectIntactHead(page);
  expect(head.epoch).toBeGreaterThanOrEqual(landed!);
  // After a restart the run is offered for resume from that head, and nothing was left half-written.
  await page.reload();
  await expect(page.getByTestId('resume-banner')).toBeVisible({ timeout: 30_000 });
  await expectIntactHead(page);
});

test('G3: absurd or too-large models are refused before anything is allocated, saying what fits', async ({ page }) => {
  test.setTimeout(120_000);
  await openAppWith(page, '');
  await dropTrainableCsv(page, 'huge.csv');
  // A width beyond any sensible layer is refused in the form itself.
  await page.getByTestId('layers-input').fill('200000000');
  await expect(page.getByTestId('layers-input')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('start-training')).toBeDisabled();
  // A legal CNN whose batch needs more than the device's largest buffer is refused by the preflight on Start:
  // LeNet's first feature maps of 128×128 images at batch 65536 are about 25 GB.
  await page.getByTestId('image-options').locator('summary').click();
  await page.getByTestId('image-size').selectOption('128');
  await dropFile(page, 'bars.zip', barsZip(20), 'application/zip');
  await expect(page.getByTestId('dataset-facts')).toContainText('20 images', { timeout: 60_000 });
  await page.getByTestId('model-select').selectOption('lenet-cnn');
  await page.getByTestId('batch-input').fill('65536');
  await page.getByTestId('start-training').click();
  const error = page.getByTestId('train-error');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText(/batch size of at most \d+|largest batch/i);
  await expect(page.getByTestId('run-status')).toHaveCount(0);
});
