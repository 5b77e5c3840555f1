// Browser side of the ingest benchmark: serves the built app with `vite preview`, opens the bench page
// on the app's origin in system Chromium, runs the app's own data worker bundle on generated files and
// samples the JS heap of the page and its workers over the DevTools protocol.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const PORT = 4184;
const ORIGIN = `http://localhost:${PORT}`;
const PAGE_URL = `${ORIGIN}/__ingest-bench`;
const SAMPLE_MS = 100;
// As in test/browser/chromium.ts (bench files do not import test code).
const CHROMIUM_ARGS = ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--no-first-run', '--disable-default-apps'];

function startPreview() {
  // Its own process group, so that stopping it also stops vite (not just the npx wrapper).
  const server = spawn('npx', ['vite', 'preview', '--host', 'localhost', '--port', String(PORT), '--strictPort'], { stdio: 'pipe', detached: true });
  return new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => { if (String(chunk).includes(String(PORT))) resolve(server); });
    server.on('exit', (code) => reject(new Error(`vite preview exited with ${code}`)));
  });
}

/**
 * Polls Runtime.getHeapUsage every SAMPLE_MS on the page and on every worker it starts. Workers are
 * reached through Target.setAutoAttach in non-flat mode (Playwright's CDPSession cannot address flat
 * child sessions), so their messages travel through Target.sendMessageToTarget.
 */
class HeapSampler {
  constructor(cdp) {
    this.cdp = cdp;
    this.workers = new Set();
    this.pending = new Map();
    this.nextId = 0;
    cdp.on('Target.attachedToTarget', (e) => { if (e.targetInfo.type === 'worker') this.workers.add(e.sessionId); });
    cdp.on('Target.detachedFromTarget', (e) => this.workers.delete(e.sessionId));
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const message = JSON.parse(e.message);
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
  }

  async attach() {
    await this.cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  }

  workerHeap(sessionId) {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) })
        .catch(() => { this.pending.delete(id); resolve(undefined); });
    });
  }

  /** One sample: used bytes of the page's heap and the largest worker heap. */
  async sample() {
    const page = await this.cdp.send('Runtime.getHeapUsage');
    const workers = await Promise.all([...this.workers].map((s) => this.workerHeap(s)));
    const worker = Math.max(0, ...workers.map((w) => w?.usedSize ?? 0));
    return { page: page.usedSize, worker };
  }

  /** Starts polling; `stop()` resolves to { pagePeak, workerPeak, samples } in bytes since start. */
  start() {
    const peaks = { pagePeak: 0, workerPeak: 0, samples: 0 };
    let busy = false;
    const take = async () => {
      if (busy) return;
      busy = true;
      try {
        const s = await this.sample();
        peaks.pagePeak = Math.max(peaks.pagePeak, s.page);
        peaks.workerPeak = Math.max(peaks.workerPeak, s.worker);
        peaks.samples += 1;
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(take, SAMPLE_MS);
    return {
      stop: async () => {
        clearInterval(timer);
        while (busy) await new Promise((r) => setTimeout(r, 10));
        await take();
        return peaks;
      },
    };
  }
}

/** Import the file now in the page's input through the worker with `options`, sampling heaps; deletes the dataset after. */
async function measureImport(page, sampler, workerUrl, options) {
  await page.evaluate((url) => window.startDataWorker(url), workerUrl);
  await new Promise((r) => setTimeout(r, 300)); // let auto-attach reach the new worker
  await sampler.cdp.send('HeapProfiler.collectGarbage'); // the page's peak then shows this phase only
  const before = await sampler.sample();
  const run = sampler.start();
  const result = await page.evaluate((o) => window.timeImport(o), options);
  const heap = await run.stop();
  if (!result.ok) throw new Error(`WebTrain import failed: ${result.problem}`);
  await page.evaluate((id) => window.callWorker('deleteDataset', id), result.id);
  await page.evaluate(() => window.dataWorker.terminate());
  return { ...result, idleWorkerHeap: before.worker, ...heap };
}

async function measureBaseline(page, sampler) {
  await page.evaluate(() => { delete window.baselineData; });
  await sampler.cdp.send('HeapProfiler.collectGarbage');
  const run = sampler.start();
  const result = await page.evaluate(() => window.timeBaseline());
  const heap = await run.stop(); // the last sample is taken with the parsed data still held
  await page.evaluate(() => { delete window.baselineData; });
  return { ...result, ...heap };
}

/**
 * Runs the browser measurements on `csvPath` and `zipPath` (needs `vite build` first). `imageSizes`:
 * stored sides to import the zip at. Returns { chromium, csv, baseline, images: [...] }.
 */
export async function benchIngestBrowser({ csvPath, zipPath, imageSizes }) {
  const workerFile = readdirSync('dist/assets').find((name) => /^data\.worker-.*\.js$/.test(name));
  if (!workerFile) throw new Error('No data worker in dist/assets; run `vite build` before the ingest benchmark.');
  const workerUrl = `${ORIGIN}/assets/${workerFile}`;
  const server = await startPreview();
  // A persistent profile on disk: IndexedDB is written to disk as for a user (incognito keeps it in memory).
  const profile = mkdtempSync(join(tmpdir(), 'webtrain-ingest-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    const html = readFileSync(new URL('./ingest-page/index.html', import.meta.url), 'utf8');
    await page.route(PAGE_URL, (route) => route.fulfill({
      contentType: 'text/html', body: html,
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    }));
    await page.goto(PAGE_URL);
    const cdp = await context.newCDPSession(page);
    const sampler = new HeapSampler(cdp);
    await sampler.attach();
    const { product } = await cdp.send('Browser.getVersion');

    await page.setInputFiles('#file', csvPath);
    const csv = await measureImport(page, sampler, workerUrl, {});
    const baseline = await measureBaseline(page, sampler);
    await page.setInputFiles('#file', zipPath);
    const images = [];
    for (const size of imageSizes) images.push({ size, ...(await measureImport(page, sampler, workerUrl, { imageSize: size })) });
    return { chromium: product, csv, baseline, images };
  } finally {
    await context.close();
    process.kill(-server.pid, 'SIGTERM');
    rmSync(profile, { recursive: true, force: true });
  }
}
