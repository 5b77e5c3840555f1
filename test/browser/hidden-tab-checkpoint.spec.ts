// G7: a tab hidden while training writes a checkpoint right away, inside the epoch; if the browser then
// discards the tab (here: a reload), resuming continues from that step, not from the last epoch's end.
import { expect, test } from '@playwright/test';
import { dropFile, setTraining, shownStep } from './helpers';
import { classificationCsv } from './synthetic-csv';

test('hiding the page checkpoints mid-epoch and resume continues from that step', async ({ page }) => {
  page.on('pageerror', (error) => { throw new Error(`Uncaught error in the page: ${error.message}`); });
  await page.goto('/?backend=cpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  await dropFile(page, 'hidden.csv', classificationCsv(2400, 0, 3));
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 3 classes');
  await setTraining(page, { epochs: 2, batch: 4 });
  await page.getByTestId('placement').locator('summary').click();
  await page.getByTestId('placement-select').selectOption('cpu:1');
  await page.getByTestId('start-training').click();
  await expect.poll(() => shownStep(page), { timeout: 60_000 }).toBeGreaterThan(20);

  // What the browser does when the user switches tabs or minimises the window.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const notice = page.getByTestId('train-notice');
  await expect(notice).toContainText('because the page was hidden');
  const saved = Number(/at step (\d+)/.exec((await notice.textContent()) ?? '')?.[1]);
  expect(saved).toBeGreaterThan(20);

  // The hidden tab is discarded before the epoch ends.
  await page.reload();
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toContainText('interrupted');
  await expect(banner).toContainText(`step ${saved}`);
  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('run-status')).toHaveText('training');
  // Continues from the saved step: the first step shown after resuming is past it, and never restarts near 0.
  await expect.poll(() => shownStep(page), { timeout: 30_000 }).toBeGreaterThan(saved);
  expect(await shownStep(page)).toBeLessThan(saved + 400);
});
