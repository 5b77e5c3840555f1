// Fault S10 (reference/reliability.md): the user clears the site's data while a run trains.
// The browser closes every IndexedDB connection; training must stop with a message that says
// what happened, without an error loop, and the page must stay usable (a new file imports).
import { expect, test } from '@playwright/test';
import { dropTrainableCsv, epochsOnChart, openAppWith, startRun, watchErrors } from './fault-helpers';

test('S10: clearing site data while training stops the run cleanly with a message', async ({ page }) => {
  test.setTimeout(90_000);
  await openAppWith(page);
  await dropTrainableCsv(page, 'cleared.csv', 120);
  await startRun(page, { epochs: 2000, batch: 8 });
  await expect.poll(() => epochsOnChart(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);

  const errors = watchErrors(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'indexeddb' });

  // Training stops by itself and says why, in words a user understands.
  await expect(page.getByTestId('stop-training')).toBeDisabled({ timeout: 15_000 });
  await expect(page.getByTestId('start-training')).toBeEnabled();
  const message = page.getByTestId('train-error');
  await expect(message).toContainText(/(site|stored) data.*(cleared|deleted)|(cleared|deleted).*site data/i);
  await expect(message).not.toContainText(/Failed to execute|InvalidStateError|connection is closing/);

  // No error loop: whatever was logged while stopping, nothing more arrives afterwards.
  const settled = errors().length;
  await page.waitForTimeout(4000);
  expect(errors().length).toBe(settled);
  expect(settled).toBeLessThan(5);

  // The page stays usable: a new file imports into a fresh database.
  await dropTrainableCsv(page, 'after-clear.csv');
  await expect(page.getByTestId('dataset-list')).toContainText('after-clear.csv');
});
