// Shared steps for the browser tests: drop a file on the page, import a sample, wait for training.
import { expect, type Page } from '@playwright/test';

/** Drop a file onto the page the way a person's drag and drop does (DataTransfer with a File). */
export async function dropFile(page: Page, name: string, content: string | number[], type = 'text/csv'): Promise<void> {
  const dataTransfer = await page.evaluateHandle(({ name, content, type }) => {
    const bytes = typeof content === 'string' ? content : new Uint8Array(content);
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type }));
    return transfer;
  }, { name, content, type });
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

/** Open the app and wait until the worker reports its backend. Fails on any CSP violation. */
export async function openApp(page: Page): Promise<void> {
  page.on('pageerror', (error) => {
    throw new Error(`Uncaught error in the page: ${error.message}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
  await page.addInitScript(() => {
    // Main-thread tasks over 50 ms (the Long Tasks API), to prove training never blocks the page.
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration)))
      .observe({ type: 'longtask', buffered: false });
  });
  await page.goto('/');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/, { timeout: 60_000 });
}

/** CSP violations seen by the page so far. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

/** Number of the epoch shown by the progress line ("Epoch 3 / 20" -> 3). */
export async function shownEpoch(page: Page): Promise<number> {
  const text = (await page.getByTestId('epoch-counter').textContent()) ?? '';
  return Number(/Epoch (\d+)/.exec(text)?.[1] ?? NaN);
}

/** Optimizer step shown by the progress line. */
export async function shownStep(page: Page): Promise<number> {
  const text = (await page.getByTestId('optimizer-step').textContent()) ?? '';
  return Number(/step (\d+)/.exec(text)?.[1] ?? NaN);
}

/** Batches per epoch, read from the progress line while a run is training ("batch 3 / 15" -> 15). */
export async function shownBatchesPerEpoch(page: Page): Promise<number> {
  const batch = page.getByTestId('batch-counter');
  await expect(batch).toBeVisible();
  return Number(/\/ (\d+)/.exec((await batch.textContent()) ?? '')?.[1] ?? NaN);
}

/** Set the training options that the tests change. */
export async function setTraining(page: Page, options: { epochs?: number; batch?: number; lr?: number }): Promise<void> {
  if (options.epochs !== undefined) await page.getByTestId('epochs-input').fill(String(options.epochs));
  if (options.batch !== undefined) await page.getByTestId('batch-input').fill(String(options.batch));
  if (options.lr !== undefined) await page.getByTestId('lr-input').fill(String(options.lr));
}

/** Forget the long tasks seen so far (e.g. page start-up) and return a reader for later ones. */
export async function watchLongTasks(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => { (window as unknown as { longTasks: number[] }).longTasks = []; });
  return () => page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.slice());
}

/** Fill the Language model panel's options (labels as shown) that the tests change. */
export async function setLanguageModel(page: Page, options: Partial<Record<'Context length' | 'Layers' | 'Embedding size' | 'Epochs' | 'Steps per epoch' | 'Learning rate', number>>): Promise<void> {
  const panel = page.getByTestId('lm-panel');
  await expect(panel).toBeVisible({ timeout: 60_000 });
  for (const [label, value] of Object.entries(options)) await panel.getByLabel(label, { exact: true }).fill(String(value));
}
