// The run history in a real browser: train two short runs on the penguins sample (CPU backend), find both
// in the history, rename and annotate one, compare them (overlay chart and side-by-side table), export CSV,
// reload and find names and notes kept, open a past run's evaluation, and delete a run after confirming.
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cspViolations, openApp, setTraining } from './helpers';

async function trainRun(page: Page, epochs: number, lr: number): Promise<void> {
  await setTraining(page, { epochs, batch: 16, lr });
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 180_000 });
}

/** The history row of the run whose name is exactly `name`. */
function rowNamed(history: Locator, name: string): Locator {
  return history.getByTestId('run-row').filter({ has: history.page().getByTestId('run-name').getByText(name, { exact: true }) });
}

/** Click an export button and return the downloaded file's name and text (byte-order mark removed). */
async function download(page: Page, testid: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: (await readFile(path, 'utf8')).replace(/^\uFEFF/, '') };
}

test('keep, rename, annotate, compare, export and delete runs', async ({ page }) => {
  await openApp(page);
  await page.goto('/?backend=cpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  await page.getByTestId('sample-penguins').click();
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 3 classes');

  // Two runs that differ in epochs and learning rate.
  await trainRun(page, 3, 0.01);
  await trainRun(page, 5, 0.05);

  const history = page.getByTestId('run-history');
  await expect(history.getByRole('heading', { name: 'Run history' })).toBeVisible();
  const rows = history.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  // Newest first: the 5-epoch run on top.
  await expect(rows.nth(0)).toContainText('5/5 epochs');
  await expect(rows.nth(1)).toContainText('3/3 epochs');
  await expect(rows.nth(0)).toContainText('completed');

  // Rename the older run inline, and annotate it.
  await rows.nth(1).getByTestId('run-name').click();
  await history.getByTestId('rename-input').fill('  slow baseline  ');
  await history.getByTestId('rename-input').press('Enter');
  const slow = rowNamed(history, 'slow baseline');
  await expect(slow).toHaveCount(1);
  await slow.getByTestId('run-note-toggle').click();
  await history.getByTestId('note-input').fill('lr 0.01, only 3 epochs: still learning');
  await history.getByTestId('note-save').click();
  await expect(slow.getByTestId('run-note')).toHaveText('lr 0.01, only 3 epochs: still learning');
  // An empty name is refused with a message, and the old name stays.
  await slow.getByTestId('run-name').click();
  await history.getByTestId('rename-input').fill('   ');
  await history.getByTestId('rename-save').click();
  await expect(history.getByTestId('run-problem')).toContainText('needs a name');
  await history.getByTestId('rename-input').press('Escape');
  await expect(slow).toHaveCount(1);

  // Sort by name, filter by text and by status.
  await history.getByTestId('sort-name').click();
  // Both runs were named "Palmer penguins · Species"; A→Z puts "slow baseline" after it.
  await expect(rows.nth(1).getByTestId('run-name')).toHaveText('slow baseline');
  await history.getByTestId('run-search').fill('still learning');
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0).getByTestId('run-name')).toHaveText('slow baseline');
  await history.getByTestId('run-search').fill('');
  await expect(rows).toHaveCount(2);
  await history.getByTestId('run-status-filter').selectOption('failed');
  await expect(rows).toHaveCount(0);
  await history.getByTestId('run-status-filter').selectOption('');
  await expect(rows).toHaveCount(2);

  // Compare both: overlay charts draw, the table has one column per run and marks a best value.
  for (const checkbox of await history.getByTestId('run-select').all()) await checkbox.check();
  const compare = history.getByTestId('run-compare');
  await expect(compare).toContainText('Comparing 2 runs');
  await expect(compare.getByTestId('overlay-loss')).toHaveAttribute('data-series', '4');
  await expect(compare.getByTestId('overlay-loss')).toHaveAttribute('data-points', '5');
  const canvas = compare.getByTestId('overlay-loss').locator('canvas');
  await expect(canvas).toBeVisible();
  expect(await canvas.evaluate((c: HTMLCanvasElement) => c.width > 100 && c.height > 100)).toBe(true);
  await expect(compare.getByTestId('overlay-accuracy')).toBeVisible();
  const table = compare.getByTestId('compare-table');
  await expect(table.locator('thead th')).toHaveCount(3);
  await expect(table.locator('[data-key="learningRate"] td')).toHaveText(['0.05', '0.01']);
  await expect(table.locator('[data-key="epochs"] td')).toHaveText(['5', '3']);
  await expect(table.locator('td.best').first()).toBeVisible();

  // CSV exports of the two selected runs.
  const metrics = await download(page, 'export-metrics');
  expect(metrics.name).toMatch(/^webtrain-runs-metrics-\d{4}-\d{2}-\d{2}\.csv$/);
  const metricLines = metrics.text.trimEnd().split('\r\n');
  expect(metricLines).toHaveLength(3);
  expect(metricLines[0]).toMatch(/^run_id,run_name,note,dataset,status,/);
  expect(metrics.text).toContain(',slow baseline,"lr 0.01, only 3 epochs: still learning",Palmer penguins,completed,');
  const curves = await download(page, 'export-curves');
  const curveLines = curves.text.trimEnd().split('\r\n');
  expect(curveLines[0]).toBe('run_id,run_name,epoch,train_loss,val_loss,train_accuracy,val_accuracy,optimizer_step,duration_ms');
  expect(curveLines).toHaveLength(1 + 5 + 3);
  expect(curveLines.filter((l) => l.includes(',slow baseline,')).map((l) => l.split(',')[2])).toEqual(['1', '2', '3']);
  // The PNG button produces a PNG of the chart.
  const [png] = await Promise.all([page.waitForEvent('download'), compare.getByTestId('overlay-loss-png').click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect((await readFile(await png.path())).subarray(1, 4).toString('ascii')).toBe('PNG');

  await history.screenshot({ path: 'test-results/screens/run-history.png' });

  // After a reload the runs, the name and the note are still there.
  await page.reload();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  await expect(rows).toHaveCount(2);
  await expect(slow.getByTestId('run-note')).toHaveText('lr 0.01, only 3 epochs: still learning');

  // Open the older run's evaluation: the learning curves show its 3 epochs, not the latest run's 5.
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '5');
  await slow.getByTestId('run-open').click();
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '3');
  await expect(page.getByTestId('evaluation')).toBeVisible();

  // Delete asks first and names the run; Cancel keeps it, Delete removes it.
  await slow.getByTestId('run-delete').click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Delete “slow baseline”?');
  await dialog.getByTestId('delete-cancel').click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(2);
  await slow.getByTestId('run-delete').click();
  await dialog.getByTestId('delete-confirm').click();
  await expect(rows).toHaveCount(1);
  await expect(slow).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('run-history').getByTestId('run-row')).toHaveCount(1);
  expect(await cspViolations(page)).toEqual([]);
});
