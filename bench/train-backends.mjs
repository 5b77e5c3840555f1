// Browser benchmark: trains the MLP on a bundled sample in the built app once per tfjs backend
// (webgpu, webgl, cpu) in the system Chromium and reports training samples/s per backend.
// Needs `vite build` first (bench/run.mjs does it). Prints a table; returns rows for the JSON.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const PORT = 4183;
const BACKENDS = ['webgpu', 'webgl', 'cpu'];
const EPOCHS = 8;
const BATCH = 32;

function startPreview() {
  // Its own process group, so that stopping it also stops vite (not just the npx wrapper).
  const server = spawn('npx', ['vite', 'preview', '--host', 'localhost', '--port', String(PORT), '--strictPort'], { stdio: 'pipe', detached: true });
  return new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => { if (String(chunk).includes(String(PORT))) resolve(server); });
    server.on('exit', (code) => reject(new Error(`vite preview exited with ${code}`)));
  });
}

/** Train the penguins sample on one backend; samples/s from the epochs after the first (warm-up). */
async function measure(browser, backend) {
  const page = await browser.newPage();
  await page.goto(`http://localhost:${PORT}/?backend=${backend}`);
  await page.getByTestId('backend').and(page.locator('[data-backend]:not([data-backend=""])')).waitFor({ timeout: 60_000 });
  const actual = await page.getByTestId('backend').getAttribute('data-backend');
  await page.getByTestId('sample-penguins').click();
  await page.getByTestId('prepare-summary').waitFor({ timeout: 60_000 });
  await page.getByTestId('epochs-input').fill(String(EPOCHS));
  await page.getByTestId('batch-input').fill(String(BATCH));
  await page.getByTestId('start-training').click();
  await page.getByTestId('run-status').filter({ hasText: 'finished' }).waitFor({ timeout: 300_000 });
  const result = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('webtrain');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('runs').objectStore('runs').getAll();
      request.onsuccess = () => {
        const run = request.result.sort((a, b) => b.createdAt - a.createdAt)[0];
        resolve({ history: run.history, trainRows: run.pipeline.counts.train, accuracy: run.evaluation?.accuracy });
      };
    };
  }));
  await page.close();
  const warm = result.history.slice(1);
  const ms = warm.reduce((sum, m) => sum + m.durationMs, 0);
  const samplesPerSecond = (warm.length * result.trainRows) / (ms / 1000);
  return { backend, actual, samplesPerSecond, epochMs: ms / warm.length, testAccuracy: result.accuracy };
}

export async function benchTrainBackends() {
  if (!existsSync('dist/index.html')) throw new Error('Run `vite build` before the browser benchmark.');
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  const server = await startPreview();
  const browser = await chromium.launch({
    executablePath,
    args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  const rows = [];
  try {
    for (const backend of BACKENDS) rows.push(await measure(browser, backend));
  } finally {
    await browser.close();
    process.kill(-server.pid, 'SIGTERM');
  }
  console.log(`\nMLP [32,16] on penguins (train split), batch ${BATCH}, ${EPOCHS} epochs, epochs 2..${EPOCHS} timed`);
  console.table(rows.map((r) => ({
    backend: r.backend, 'ran on': r.actual, 'samples/s': Math.round(r.samplesPerSecond),
    'ms/epoch': Math.round(r.epochMs), 'test accuracy': r.testAccuracy?.toFixed(3),
  })));
  return rows;
}
