// Without WebGPU (Chromium started without --enable-unsafe-webgpu on a GPU-less Linux host) the
// app falls back to WebGL or the CPU, says why in the header, and still trains.
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { dropFile, openApp, setTraining } from './helpers';
import { classificationCsv } from './synthetic-csv';

test.use({ launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') } });

test('falls back from WebGPU with a reason and trains anyway', async ({ page }) => {
  await openApp(page);
  const backend = page.getByTestId('backend');
  await expect(backend).toHaveAttribute('data-backend', /^(webgl|cpu)$/);
  await expect(backend).toContainText(/WebGPU/);
  await dropFile(page, 'fallback.csv', classificationCsv(60, 0, 8));
  await setTraining(page, { epochs: 2, batch: 16 });
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 120_000 });
  await expect(page.getByTestId('test-accuracy')).toBeVisible();
});
