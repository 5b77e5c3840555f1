// The small GPT in the browser on WebGPU: a dropped text corpus trains for a few steps to a validation
// loss below the unigram baseline (bits per character), shows a generated sample, and continues a prompt.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { openApp, setLanguageModel } from './helpers';
import { dropPaths, writeTree } from './image-fixtures';

test('a tiny GPT learns a dropped corpus below the unigram baseline and generates from a prompt', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgpu');
  const verse = 'the cat sat on the mat. the dog sat on the log.\n';
  const root = writeTree({ 'rhymes.txt': verse.repeat(120) });
  await dropPaths(page, [join(root, 'rhymes.txt')]);
  await setLanguageModel(page, { 'Context length': 16, Layers: 1, 'Embedding size': 16, Epochs: 2, 'Steps per epoch': 40, 'Learning rate': 0.01 });
  await page.getByTestId('lm-start').click();
  await expect(page.getByTestId('lm-sample')).not.toBeEmpty({ timeout: 180_000 });
  await expect(page.getByTestId('lm-stop')).toBeDisabled({ timeout: 180_000 });
  const bpc = Number(await page.getByTestId('lm-bpc').textContent());
  const baseline = Number(await page.getByTestId('lm-baseline').textContent());
  console.log(`validation ${bpc} bits/char, unigram baseline ${baseline} bits/char`);
  expect(bpc).toBeLessThan(0.8 * baseline);
  await page.getByTestId('lm-prompt').fill('the cat ');
  await page.getByTestId('lm-generate').click();
  await expect(page.getByTestId('lm-output')).toContainText(/the cat .+/, { timeout: 60_000 });
});
