// Issue 4 in the browser on WebGPU: a LeNet-like CNN on a dropped image zip and an LSTM on a dropped
// folder of texts (encoded as token sequences) each train from the UI to a high test accuracy (the LSTM on
// WebGL where the start-up check found this adapter's masked recurrent gradients wrong).
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { dropFile, openApp, setTraining } from './helpers';
import { barsZip, dropPaths, writeTree } from './image-fixtures';

async function testAccuracy(page: Page): Promise<number> {
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 200_000 });
  return Number(((await page.getByTestId('test-accuracy').textContent()) ?? '').replace('%', ''));
}

test('a LeNet-like CNN trains on a dropped image zip', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  await page.getByTestId('image-options').locator('summary').click();
  await page.getByTestId('image-size').selectOption('28');
  await dropFile(page, 'bars.zip', barsZip(40), 'application/zip');
  await expect(page.getByTestId('dataset-facts')).toContainText('40 images · 2 classes · 28×28', { timeout: 60_000 });
  await page.getByTestId('model-select').selectOption('lenet-cnn');
  await expect(page.getByTestId('model-size')).toContainText('parameters');
  await setTraining(page, { epochs: 12, batch: 8, lr: 0.003 });
  await page.getByTestId('start-training').click();
  expect(await testAccuracy(page)).toBeGreaterThanOrEqual(80);
});

test('an LSTM trains on a dropped folder of texts encoded as token sequences', async ({ page }) => {
  await openApp(page);
  const line = (i: number, good: boolean) => `${good ? 'sunny' : 'rainy'} day number ${i} ${good ? 'warm' : 'cold'}`;
  const root = writeTree({
    'weather/good.txt': Array.from({ length: 30 }, (_, i) => line(i, true)).join('\n'),
    'weather/bad.txt': Array.from({ length: 30 }, (_, i) => line(i, false)).join('\n'),
  });
  await dropPaths(page, [join(root, 'weather')]);
  await expect(page.getByTestId('dataset-facts')).toContainText('60 rows', { timeout: 60_000 });
  await page.getByTestId('encoding-text').selectOption('token-sequence');
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 2 classes');
  await page.getByTestId('model-select').selectOption('lstm-text');
  await setTraining(page, { epochs: 8, batch: 8, lr: 0.01 });
  await page.getByTestId('start-training').click();
  expect(await testAccuracy(page)).toBeGreaterThanOrEqual(80);
});
