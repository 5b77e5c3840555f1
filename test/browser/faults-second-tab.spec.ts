// Fault S12 (reference/reliability.md): a second tab tries to train while the first one trains.
// It is refused with the app's "Training is running in another tab" message, and the first tab's
// run goes on undisturbed.
import { expect, test } from '@playwright/test';
import { dropTrainableCsv, epochsOnChart, openAppWith, startRun } from './fault-helpers';

test('S12: a second tab is refused while another tab trains', async ({ context }) => {
  test.setTimeout(90_000);
  const first = await context.newPage();
  await openAppWith(first);
  await dropTrainableCsv(first, 'tabs.csv', 120);
  await startRun(first, { epochs: 2000, batch: 8 });
  await expect.poll(() => epochsOnChart(first), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);

  const second = await context.newPage();
  await openAppWith(second);
  await expect(second.getByTestId('other-tab')).toContainText('Training is running in another tab');
  // An interrupted-run banner would invite the user to resume a run that is alive elsewhere.
  await expect(second.getByTestId('resume-banner')).toHaveCount(0);
  await second.getByTestId('dataset-list').getByRole('button', { name: 'tabs.csv', exact: true }).click();
  await expect(second.getByTestId('prepare-summary')).toContainText('Classification');
  await second.getByTestId('start-training').click();
  await expect(second.getByTestId('train-error')).toContainText('Training is running in another tab');
  await expect(second.getByTestId('run-status')).toHaveCount(0);

  // The first tab still trains and keeps adding epochs.
  const before = await epochsOnChart(first);
  await expect(first.getByTestId('run-status')).toHaveText('training');
  await expect.poll(() => epochsOnChart(first), { timeout: 30_000 }).toBeGreaterThan(before);
  await first.getByTestId('stop-training').click();
  await expect(first.getByTestId('run-status')).toHaveText('stopped', { timeout: 15_000 });
});
