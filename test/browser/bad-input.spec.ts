// Every bad input of the foundation issue gets a clear message naming the problem (and the row
// where there is one), stored datasets stay untouched, and the app stays usable.
import { expect, test, type Page } from '@playwright/test';
import { dropFile, openApp, setTraining } from './helpers';
import { classificationCsv } from './synthetic-csv';

const enc = (text: string) => Array.from(new TextEncoder().encode(text));

const badFiles: { name: string; content: string | number[]; code: string; message: RegExp }[] = [
  { name: 'empty.csv', content: '', code: 'empty-file', message: /empty/i },
  { name: 'header-only.csv', content: 'a,b,c\n', code: 'header-only', message: /header row .*no data rows/i },
  {
    name: 'picture.csv',
    content: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0],
    code: 'binary-file', message: /PNG/,
  },
  { name: 'ragged.csv', content: 'a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n', code: 'ragged-rows', message: /rows? 3.*5|3, 5/ },
  { name: 'quote.csv', content: 'a,b\n1,2\n3,"never closed\n5,6\n7,8\n', code: 'unterminated-quote', message: /Row 3/ },
  // "café" in Windows-1252: é is the single byte 0xE9, invalid in UTF-8.
  { name: 'latin1.csv', content: [...enc('name,city\n1,caf'), 0xe9, ...enc('\n2,bar\n')], code: 'not-utf8', message: /UTF-8/ },
];

async function storedNames(page: Page): Promise<string[]> {
  return page.getByTestId('dataset-list').locator('li button.link').allTextContents();
}

test('bad files are refused with a clear message and stored data is untouched', async ({ page }) => {
  await openApp(page);
  await dropFile(page, 'good.csv', classificationCsv(60, 0, 3));
  await expect(page.getByTestId('prepare-summary')).toBeVisible();
  const before = await storedNames(page);
  expect(before.map((n) => n.trim())).toEqual(['good.csv']);
  // A finished run whose results must survive everything below.
  await setTraining(page, { epochs: 2, batch: 16 });
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 120_000 });
  const accuracy = await page.getByTestId('test-accuracy').textContent();

  for (const bad of badFiles) {
    await dropFile(page, bad.name, bad.content);
    const problem = page.getByTestId('problem');
    await expect(problem, bad.name).toHaveAttribute('data-code', bad.code);
    await expect(problem, bad.name).toContainText(bad.message);
    expect((await storedNames(page)).map((n) => n.trim()), `${bad.name} left the stored datasets unchanged`).toEqual(['good.csv']);
    await page.getByRole('button', { name: 'Dismiss' }).click();
  }

  // The app is still usable: the good dataset is selected and can be prepared.
  await expect(page.getByTestId('dataset-view').getByRole('heading', { name: 'good.csv' })).toBeVisible();
  await page.reload();
  await expect.poll(async () => (await storedNames(page)).map((n) => n.trim())).toEqual(['good.csv']);
  await expect(page.getByTestId('test-accuracy')).toHaveText(accuracy ?? 'missing');
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', '2');
});

test('ragged rows can be skipped on request, and the skipped rows are named', async ({ page }) => {
  await openApp(page);
  await dropFile(page, 'ragged.csv', 'a,b,label\n1,2,x\n3,y\n5,6,y\n7,8,x\n9,10,y\n11,12,x\n');
  await expect(page.getByTestId('problem')).toHaveAttribute('data-code', 'ragged-rows');
  await page.screenshot({ path: 'test-results/screens/ragged-rows.png' });
  await page.getByRole('button', { name: 'Import again, skipping those rows' }).click();
  await expect(page.getByTestId('dataset-view')).toContainText('5 rows');
  await expect(page.getByTestId('dataset-view')).toContainText(/row 3/i);
});

test('a target column with a single class is explained, and another target can be chosen', async ({ page }) => {
  await openApp(page);
  const rows = ['f1,f2,group,constant'];
  for (let i = 0; i < 30; i += 1) rows.push(`${i},${i % 7},${i % 2 ? 'odd' : 'even'},same`);
  await dropFile(page, 'one-class.csv', `${rows.join('\n')}\n`);
  const problem = page.getByTestId('problem');
  await expect(problem).toHaveAttribute('data-code', 'single-class');
  await expect(problem).toContainText("'constant'");
  await expect(page.getByTestId('start-training')).toBeDisabled();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByTestId('target-select').selectOption('group');
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 2 classes');
  await expect(page.getByTestId('start-training')).toBeEnabled();
});
