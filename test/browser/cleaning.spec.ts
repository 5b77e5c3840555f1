// The Clean tab in a real browser: record cleaning steps on the penguins sample, see each step as a sentence
// with its fitted value and the prepared data change, pick an encoding, undo, and find the steps after a reload.
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

/** Number of encoded features in the prepare summary ("… from 9 encoded features."). */
async function encodedFeatures(page: Page): Promise<number> {
  const text = (await page.getByTestId('prepare-summary').textContent()) ?? '';
  return Number(/from (\d+) encoded features/.exec(text)?.[1] ?? NaN);
}

async function addStep(page: Page, kind: string, column?: string): Promise<void> {
  await page.getByTestId('add-step-kind').selectOption(kind);
  if (column !== undefined) await page.getByTestId('add-step-column').selectOption(column);
  await page.getByTestId('add-step-button').click();
}

test('record, undo and keep cleaning steps', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('sample-penguins').click();
  await expect(page.getByTestId('dataset-view')).toBeVisible();
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 3 classes');
  const startFeatures = await encodedFeatures(page);

  await page.getByTestId('tab-clean').click();
  await expect(page.getByTestId('cleaning-panel')).toBeVisible();
  await expect(page.getByTestId('no-cleaning-steps')).toBeVisible();
  const steps = page.getByTestId('cleaning-steps').getByTestId('cleaning-step');

  // A flag column is a new feature: one more encoded input, with its own encoding choice.
  await addStep(page, 'missing-indicator', 'Sex');
  await expect(steps).toHaveCount(1);
  await expect(steps.nth(0)).toHaveText('Add a column Sex_was_missing: 1 where Sex is missing, 0 elsewhere.');
  await expect(page.getByTestId('cleaning-features')).toHaveText(`${startFeatures + 1} encoded features`);
  await expect(page.getByTestId('encoding-Sex_was_missing')).toBeVisible();
  await expect.poll(() => encodedFeatures(page)).toBe(startFeatures + 1);

  // Impute: the sentence shows the median fitted on the training rows.
  await addStep(page, 'impute', 'Body Mass (g)');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(1)).toHaveText(/^Fill missing values in Body Mass \(g\) with the training median \(fitted: \d{4}(\.\d+)?\)\.$/);
  await expect(page.getByTestId('prepare-cleaning')).toContainText('After 2 cleaning steps');

  // Drop duplicates: penguins has no repeated rows, and the summary says so.
  await addStep(page, 'drop-duplicates');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(2)).toHaveText('Drop rows that repeat an earlier row, keeping the first (removed 0 rows).');
  await expect(page.getByTestId('cleaning-dropped')).toHaveText('0');
  await expect(page.getByTestId('cleaning-split')).toHaveText(/^\d+ train · \d+ validation · \d+ test$/);
  await expect(page.getByTestId('prepare-cleaning')).toContainText('After 3 cleaning steps');

  // An ordinal encoding turns Island's three one-hot inputs into one.
  await page.getByTestId('encoding-Island').selectOption('ordinal');
  await expect.poll(() => encodedFeatures(page)).toBe(startFeatures - 1);

  // Undo removes the last step only.
  await page.getByTestId('undo-step').click();
  await expect(steps).toHaveCount(2);
  await expect(page.getByTestId('cleaning-steps')).not.toContainText('repeat an earlier row');
  await expect(page.getByTestId('cleaning-last-change')).toContainText('Undone: Drop rows that repeat an earlier row');
  await expect(page.getByTestId('prepare-cleaning')).toContainText('After 2 cleaning steps');

  // The recorded steps and the encoding are stored with the dataset.
  await page.reload();
  await expect(page.getByTestId('dataset-view')).toBeVisible();
  await page.getByTestId('tab-clean').click();
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toContainText('Sex_was_missing');
  await expect(steps.nth(1)).toContainText(/Body Mass \(g\) with the training median \(fitted: \d/);
  await expect(page.getByTestId('encoding-Island')).toHaveValue('ordinal');
  await expect(page.getByTestId('undo-step')).toBeEnabled();
});
