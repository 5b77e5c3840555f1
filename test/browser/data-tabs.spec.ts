// The data screens of issue 3 in the browser: the quality report finds duplicates, a label conflict and
// missing cells in a dropped table; the Tokenize tab fits byte-pair encoding and shows the vocabulary.
import { expect, test } from '@playwright/test';
import { dropFile, openApp } from './helpers';

test('the Quality tab reports duplicates, label conflicts and missing values of a dropped table', async ({ page }) => {
  await openApp(page);
  const rows = ['size,colour,label', '1,red,a', '2,blue,b', '1,red,a', '3,,b', '4,green,a', '4,green,b', '5,red,a', '6,blue,b'];
  await dropFile(page, 'dupes.csv', rows.join('\n'));
  await expect(page.getByTestId('dataset-view').locator('h2')).toHaveText('dupes.csv');
  await page.getByTestId('tab-quality').click();
  const findings = page.getByTestId('quality-findings');
  await expect(findings).toContainText(/1 row.*exact duplicate/i);
  await expect(findings).toContainText(/identical features but different/i);
  await expect(findings).toContainText(/colour.*1 missing|missing.*colour/i);
  await expect(page.getByTestId('quality-duplicates')).toContainText('red');
  await expect(page.getByTestId('quality-balance')).toBeVisible();
  // One click records a cleaning step that the Clean tab shows and the preparation applies.
  await page.getByTestId('drop-duplicates').click();
  await expect(page.getByTestId('duplicates-dropped')).toBeVisible();
  await page.getByTestId('tab-clean').click();
  await expect(page.getByTestId('cleaning-steps')).toContainText(/repeat an earlier row.*removed 1 row/);
  await expect(page.getByTestId('prepare-summary')).toContainText(/removed\s+1 row/);
});

test('the Tokenize tab fits a byte-pair tokenizer on the training text and shows its vocabulary', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('sample-sms-spam').click();
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 2 classes (ham, spam)', { timeout: 60_000 });
  await page.getByTestId('tab-tokenize').click();
  await page.getByTestId('tokenizer-kind').selectOption('bpe');
  await page.getByTestId('tokenize-button').click();
  await expect(page.getByTestId('tokenize-coverage')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('vocabulary-table').locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('token-examples')).toContainText(/\S/);
});
