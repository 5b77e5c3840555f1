// Fault S4 (reference/reliability.md): the whole browser process is killed (SIGKILL) while a
// checkpoint is being written. Chromium runs on a persistent profile so IndexedDB outlives it; the
// training worker is frozen inside its commit (once with the shards transaction open, once between
// its commit and the head flip), the browser killed there, and relaunched on the same profile:
// the previous checkpoint must be head, every hash intact, the leftover removed, and resume work.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import {
  dropTrainableCsv, epochsOnChart, expectInterruptedCommit, expectResumeFrom, freezeCheckpointWrite, openAppWith,
  readCheckpointsWithoutApp, startRun,
} from './fault-helpers';

/** Launch Chromium on the profile in `profile` (kept on disk between launches). */
function launchOn(profile: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, baseURL, viewport: { width: 1280, height: 900 },
  });
}

/** Pids of the processes whose command line names `profile` as user data dir; `browserOnly` skips child processes (--type=). */
function profileProcesses(profile: string, browserOnly: boolean): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table.split('\n')
    .filter((line) => line.includes(`--user-data-dir=${profile}`) && !(browserOnly && line.includes('--type=')))
    .map((line) => Number.parseInt(line.trim(), 10));
}

/**
 * SIGKILL the browser process of `profile`: no shutdown, no flush, the way a crash or the OOM
 * killer ends it. Resolves once Playwright saw it go and no process of the profile is left.
 */
async function killBrowser(context: BrowserContext, profile: string): Promise<void> {
  const browsers = profileProcesses(profile, true);
  expect(browsers, 'exactly one browser process runs on the profile').toHaveLength(1);
  const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
  process.kill(browsers[0], 'SIGKILL');
  await closed;
  await expect.poll(() => profileProcesses(profile, false), { timeout: 15_000 }).toEqual([]);
}

test('S4: killing the browser process during checkpoint writes leaves the previous checkpoint as head', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(join(tmpdir(), 'webtrain-s4-'));
  let context: BrowserContext | undefined;
  try {
    context = await launchOn(profile, baseURL!);
    let page: Page = context.pages()[0] ?? await context.newPage();
    await openAppWith(page);
    await dropTrainableCsv(page, 'kill.csv');
    // A wide MLP on a few rows: each epoch is one step and a 12 MB checkpoint (weights plus Adam moments).
    await startRun(page, { epochs: 400, layers: '1024, 1024' });

    for (const where of ['shards', 'flip'] as const) {
      await expect.poll(() => epochsOnChart(page), { timeout: 60_000 }).toBeGreaterThan(0);
      await freezeCheckpointWrite(page, where);
      // Every epoch before the frozen one has reached the page (its event precedes the next epoch).
      const landed = await epochsOnChart(page);
      await killBrowser(context, profile);

      context = await launchOn(profile, baseURL!);
      // Read the disk before any page runs the app (its start-up clean-up would hide the leftovers).
      const raw = context.pages()[0] ?? await context.newPage();
      const disk = await readCheckpointsWithoutApp(raw);
      expectInterruptedCommit(disk, where, landed);
      page = raw;
      await openAppWith(page);
      await expectResumeFrom(page, landed);
    }

    await page.getByTestId('stop-training').click();
    await expect(page.getByTestId('run-status')).toHaveText('stopped', { timeout: 30_000 });
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});
