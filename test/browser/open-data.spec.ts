// The other two ways in: the visible "Open file…" button and a bundled sample dataset.
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';
import { classificationCsv } from './synthetic-csv';

test('a bundled sample imports with its licence shown and is ready to train', async ({ page }) => {
  await openApp(page);
  await expect(page.getByText(/Licence: CC BY 4.0/)).toBeVisible();
  await page.getByTestId('sample-iris').click();
  await expect(page.getByTestId('dataset-view')).toContainText('150 rows');
  await expect(page.getByTestId('target-select')).toHaveValue('species');
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 3 classes (setosa, versicolor, virginica)');
  await expect(page.getByTestId('start-training')).toBeEnabled();
});

test('the Open file button imports the picked file', async ({ page }) => {
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open file…' }).click();
  await (await chooser).setFiles({ name: 'picked.csv', mimeType: 'text/csv', buffer: Buffer.from(classificationCsv(30, 0, 4)) });
  await expect(page.getByTestId('dataset-view').getByRole('heading', { name: 'picked.csv' })).toBeVisible();
  await expect(page.getByTestId('dataset-view')).toContainText('30 rows');
});
