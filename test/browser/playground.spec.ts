// The prediction playground and cross-validation in a real browser: train a penguin classifier on the CPU
// backend, change a cell and predict (probabilities sum to 1, a class is shown), get a message for a bad cell,
// then run 3-fold cross-validation and read mean ± std per metric.
import { expect, test } from '@playwright/test';
import { openApp, setTraining } from './helpers';

test('playground predicts a changed row, names a bad cell, and 3-fold cross-validation gives mean ± std', async ({ page }) => {
  await openApp(page);
  await page.goto('/?backend=cpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  await page.getByTestId('sample-penguins').click();
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 3 classes');
  await setTraining(page, { epochs: 6, batch: 16, lr: 0.01 });
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 180_000 });

  // The form holds one input per raw feature column, prefilled with a test row.
  const playground = page.getByTestId('playground');
  await expect(playground.getByTestId('playground-form')).toBeVisible();
  const beak = playground.getByTestId('playground-cell-Beak Length (mm)');
  await expect(beak).not.toHaveValue('');
  await expect(playground.getByTestId('playground-cell-Island').locator('option')).toHaveCount(3);
  await beak.fill('50.5');
  await playground.getByTestId('playground-cell-Island').selectOption('Biscoe');
  await playground.getByTestId('playground-predict').click();
  const bars = playground.getByTestId('playground-probabilities').locator('li');
  await expect(bars).toHaveCount(3);
  const probabilities = await bars.evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-probability'))));
  expect(probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 4);
  expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
  await expect(playground.getByTestId('playground-label')).toHaveText(/^(Adelie|Chinstrap|Gentoo)$/);

  // A word in a numeric column is named, and the old result is not shown beside the message.
  await beak.fill('long');
  await playground.getByTestId('playground-predict').click();
  await expect(playground.getByTestId('playground-problem')).toContainText('“Beak Length (mm)” must be a number, but “long” is not one');
  await expect(playground.getByTestId('playground-result')).toHaveCount(0);
  await beak.fill('45');

  // 3-fold cross-validation with 2 epochs per fold.
  const cv = page.getByTestId('cross-validation');
  await cv.getByTestId('cv-k').fill('3');
  await cv.getByTestId('cv-epochs').fill('2');
  await cv.getByTestId('cv-start').click();
  await expect(cv.getByTestId('cv-table')).toBeVisible({ timeout: 120_000 });
  await expect(cv.getByTestId('cv-table').locator('thead th')).toHaveCount(2 + 3);
  for (const metric of ['accuracy', 'macroF1', 'balancedAccuracy', 'logLoss', 'rocAuc']) {
    await expect(cv.getByTestId(`cv-mean-${metric}`)).toHaveText(/^\d+(\.\d+)?%? ± \d+(\.\d+)?%?$/);
  }
  expect(await page.locator('body').innerText()).not.toMatch(/NaN/);
  // Predict the corrected row again, then keep a picture of both sections.
  await playground.getByTestId('playground-predict').click();
  await expect(playground.getByTestId('playground-result')).toBeVisible();
  // Page coordinates of both sections (boundingBox is relative to the viewport; a full-page clip is not).
  const area = await page.evaluate(() => {
    const [a, b] = ['playground', 'cross-validation'].map((id) => document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect());
    return { x: a.x + window.scrollX, y: a.y + window.scrollY, width: a.width, height: b.bottom - a.top };
  });
  await page.screenshot({ path: 'test-results/screens/playground.png', fullPage: true, clip: area });
});
