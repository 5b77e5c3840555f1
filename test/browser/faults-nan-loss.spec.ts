// G5: the loss becomes NaN/Inf (a learning rate that warms up past what SGD can take): training pauses with a
// message naming the epoch and step, the last finite checkpoint stays the head, and the run can be resumed.
import { expect, test } from '@playwright/test';
import { dropFile, setTraining } from './helpers';
import { classificationCsv } from './synthetic-csv';
import { expectIntactHead, openAppWith } from './fault-helpers';

test('a diverging run pauses, names the step and keeps its last finite checkpoint', async ({ page }) => {
  await openAppWith(page);
  await dropFile(page, 'diverge.csv', classificationCsv(200, 0, 11));
  await expect(page.getByTestId('prepare-summary')).toBeVisible();
  await page.getByTestId('target-select').selectOption('size');
  await expect(page.getByTestId('prepare-summary')).toContainText('Regression');
  // SGD whose rate climbs from 0.1 to 3 over 30 steps: fine for the first epochs, then it diverges.
  await setTraining(page, { epochs: 20, batch: 16, lr: 3 });
  await page.getByTestId('training-options').locator('summary').click();
  await page.getByTestId('optimizer-select').selectOption('sgd');
  await page.getByTestId('schedule-select').selectOption('cosine');
  await page.getByTestId('schedule-warmupSteps').fill('30');
  await page.getByTestId('schedule-warmupSteps').blur();
  await page.getByTestId('placement').locator('summary').click();
  await page.getByTestId('placement-select').selectOption('cpu:1');
  await page.getByTestId('start-training').click();

  const error = page.getByTestId('train-error');
  await expect(error).toContainText(/NaN or infinite in epoch (\d+) \(by optimizer step (\d+)\)/, { timeout: 90_000 });
  const [, epoch] = /epoch (\d+)/.exec((await error.textContent()) ?? '') ?? [];
  expect(Number(epoch)).toBeGreaterThan(1);

  // Paused, not failed: it is offered for resume from the last finite epoch, whose checkpoint is intact.
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toContainText('Training was stopped');
  await expect(banner).toContainText(`reached epoch ${Number(epoch) - 1} of 20`);
  const head = await expectIntactHead(page);
  expect(head.epoch).toBe(Number(epoch) - 1);
});
