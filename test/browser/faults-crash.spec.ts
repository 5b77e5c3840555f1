// Fault S3 (reference/reliability.md): the renderer crashes while a checkpoint is being written.
// The training worker is frozen at a known point of its commit and the renderer crashed there:
// twice with the shards transaction open, once after it committed but before the head flip. Each
// time a fresh page must find the previous checkpoint as head, every hash intact, the interrupted
// write removed, and resume from exactly that epoch.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
  dropTrainableCsv, epochsOnChart, expectInterruptedCommit, expectResumeFrom, freezeCheckpointWrite, openAppWith,
  readCheckpointsWithoutApp, startRun, type CheckpointState,
} from './fault-helpers';

async function crashRenderer(page: Page): Promise<void> {
  const crashed = page.waitForEvent('crash');
  const cdp = await page.context().newCDPSession(page);
  // Page.crash never answers: the renderer (and the workers inside it) is gone.
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  await page.close();
}

/** What the crash left on disk, read before the app's start-up clean-up runs. */
async function leftBehind(context: BrowserContext): Promise<CheckpointState> {
  const raw = await context.newPage();
  const state = await readCheckpointsWithoutApp(raw);
  await raw.close();
  return state;
}

/** Open a fresh page, check the stored state, resume, and see the next epoch start. Returns the new page. */
async function reopenAndResume(context: BrowserContext, expectedHead: number): Promise<Page> {
  const page = await context.newPage();
  await openAppWith(page);
  await expectResumeFrom(page, expectedHead);
  return page;
}

test('S3: a renderer crash during checkpoint writes leaves the previous checkpoint as head', async ({ context }) => {
  test.setTimeout(120_000);
  let page = await context.newPage();
  await openAppWith(page);
  await dropTrainableCsv(page, 'crash.csv');
  // A wide MLP on a few rows: each epoch is one step and a 12 MB checkpoint (weights plus Adam moments).
  await startRun(page, { epochs: 400, layers: '1024, 1024' });

  for (const where of ['shards', 'shards', 'flip'] as const) {
    // Let at least one epoch of this page land, then freeze inside the next checkpoint commit.
    await expect.poll(() => epochsOnChart(page), { timeout: 60_000 }).toBeGreaterThan(0);
    await freezeCheckpointWrite(page, where);
    // Every epoch before the frozen one has reached the page (its event precedes the next epoch).
    const landed = await epochsOnChart(page);
    await crashRenderer(page);
    const disk = await leftBehind(context);
    expectInterruptedCommit(disk, where, landed);
    page = await reopenAndResume(context, landed);
  }

  await page.getByTestId('stop-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('stopped', { timeout: 30_000 });
});
