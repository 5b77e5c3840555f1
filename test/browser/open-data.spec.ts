// The other ways in: the visible "Open files…" and "Open folder…" buttons and a bundled sample dataset.
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';
import { classificationCsv } from './synthetic-csv';
import { writeTree } from './image-fixtures';
import { join } from 'node:path';

test('a bundled sample imports with its licence shown and is ready to train', async ({ page }) => {
  await openApp(page);
  await expect(page.getByText(/Licence: CC BY 4.0 \(UCI Machine Learning Repository; R\. A\. Fisher/)).toBeVisible();
  await page.getByTestId('sample-iris').click();
  await expect(page.getByTestId('dataset-view')).toContainText('150 rows');
  await expect(page.getByTestId('target-select')).toHaveValue('species');
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 3 classes (setosa, versicolor, virginica)');
  await expect(page.getByTestId('start-training')).toBeEnabled();
});

test('the Open files button imports the picked file', async ({ page }) => {
  await openApp(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open files…' }).click();
  await (await chooser).setFiles({ name: 'picked.csv', mimeType: 'text/csv', buffer: Buffer.from(classificationCsv(30, 0, 4)) });
  await expect(page.getByTestId('dataset-view').getByRole('heading', { name: 'picked.csv' })).toBeVisible();
  await expect(page.getByTestId('dataset-view')).toContainText('30 rows');
});

test('the Open folder button imports a folder of texts, one sub-folder per class', async ({ page }) => {
  await openApp(page);
  const root = writeTree({ 'notes/good/1.txt': 'lovely weather today', 'notes/good/2.txt': 'what a sunny morning', 'notes/bad/1.txt': 'cold rain again' });
  await page.getByTestId('folder-input').setInputFiles(join(root, 'notes'));
  await expect(page.getByTestId('dataset-facts')).toContainText('3 rows · 2 columns');
  await expect(page.getByTestId('preview')).toContainText('what a sunny morning');
});
