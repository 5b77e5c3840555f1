// Issue 4, "save and reload from a checkpoint": a CNN, an LSTM and a Transformer text classifier, and the GPT,
// each trained from a dropped dataset, survive a reload mid-run and resume from their last checkpoint.
// The CPU backend keeps this quick; model-kinds.spec.ts trains the kinds on WebGPU.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { dropFile, setLanguageModel, setTraining, shownEpoch } from './helpers';
import { barsZip, dropPaths, writeTree } from './image-fixtures';

async function openOnCpu(page: Page): Promise<void> {
  page.on('pageerror', (error) => { throw new Error(`Uncaught error in the page: ${error.message}`); });
  await page.goto('/?backend=cpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
}

/** Class-per-folder texts that a sequence model separates by word. */
async function dropWeatherTexts(page: Page): Promise<void> {
  const line = (i: number, good: boolean) => `${good ? 'sunny' : 'rainy'} day number ${i} ${good ? 'warm' : 'cold'}`;
  const root = writeTree({
    'weather/good.txt': Array.from({ length: 40 }, (_, i) => line(i, true)).join('\n'),
    'weather/bad.txt': Array.from({ length: 40 }, (_, i) => line(i, false)).join('\n'),
  });
  await dropPaths(page, [join(root, 'weather')]);
  await expect(page.getByTestId('dataset-facts')).toContainText('80 rows', { timeout: 60_000 });
  await page.getByTestId('encoding-text').selectOption('token-sequence');
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 2 classes');
}

/** Horizontal against vertical bars, as a zip of PNGs. */
async function dropBars(page: Page): Promise<void> {
  await page.getByTestId('image-options').locator('summary').click();
  await page.getByTestId('image-size').selectOption('16');
  await dropFile(page, 'bars.zip', barsZip(40), 'application/zip');
  await expect(page.getByTestId('dataset-facts')).toContainText('40 images · 2 classes', { timeout: 60_000 });
}

/** Start `preset` for `epochs`, reload after two epochs, resume and finish; the epoch counter continues. */
async function trainReloadResume(page: Page, preset: string, epochs: number): Promise<void> {
  await page.getByTestId('model-select').selectOption(preset);
  await expect(page.getByTestId('model-size')).toContainText('parameters');
  await setTraining(page, { epochs, batch: 8, lr: 0.005 });
  await page.getByTestId('placement').locator('summary').click();
  await page.getByTestId('placement-select').selectOption('cpu:1');
  await page.getByTestId('start-training').click();
  await expect.poll(() => shownEpoch(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await page.reload();
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toContainText('interrupted', { timeout: 30_000 });
  const saved = Number(/epoch (\d+) of/.exec((await banner.textContent()) ?? '')?.[1]);
  expect(saved).toBeGreaterThanOrEqual(1);
  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('resumed-from')).toContainText(`after epoch ${saved}`);
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 180_000 });
  expect(await shownEpoch(page)).toBe(epochs);
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', String(epochs));
}

test('a LeNet-like CNN resumes after a reload', async ({ page }) => {
  await openOnCpu(page);
  await dropBars(page);
  await trainReloadResume(page, 'lenet-cnn', 6);
});

test('an LSTM text classifier resumes after a reload', async ({ page }) => {
  await openOnCpu(page);
  await dropWeatherTexts(page);
  await trainReloadResume(page, 'lstm-text', 6);
});

test('a Transformer text classifier resumes after a reload and classifies the texts', async ({ page }) => {
  await openOnCpu(page);
  await dropWeatherTexts(page);
  await trainReloadResume(page, 'transformer-text', 8);
  const accuracy = Number(((await page.getByTestId('test-accuracy').textContent()) ?? '').replace('%', ''));
  expect(accuracy).toBeGreaterThanOrEqual(80);
});

test('a GPT language model continues from its checkpoint after a reload', async ({ page }) => {
  await openOnCpu(page);
  const root = writeTree({ 'rhymes.txt': 'the cat sat on the mat. the dog sat on the log.\n'.repeat(100) });
  await dropPaths(page, [join(root, 'rhymes.txt')]);
  await setLanguageModel(page, { 'Context length': 16, Layers: 1, 'Embedding size': 16, Epochs: 4, 'Steps per epoch': 15 });
  await page.getByTestId('lm-start').click();
  await expect(page.getByTestId('lm-sample')).not.toBeEmpty({ timeout: 120_000 });
  await page.reload();
  const resume = page.getByTestId('lm-continue');
  await expect(resume).toBeVisible({ timeout: 30_000 });
  const from = Number(/epoch (\d+) of/.exec((await resume.textContent()) ?? '')?.[1]);
  expect(from).toBeGreaterThanOrEqual(1);
  await resume.click();
  await expect(page.getByTestId('resumed-from')).toContainText(`after epoch ${from}`);
  await expect(page.getByTestId('lm-stop')).toBeDisabled({ timeout: 180_000 });
  await expect(page.getByTestId('lm-chart')).toHaveAttribute('data-points', '4');
});
