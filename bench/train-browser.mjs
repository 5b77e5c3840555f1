// Browser side of the training benchmark: serves the project with Vite's dev server (the project's
// vite.config.ts, so COOP/COEP make SharedArrayBuffer available and the engine's TypeScript is served as is),
// opens bench/train-page/ in the system Chromium and returns what the page's runTrainBench resolves with.
import { createServer } from 'vite';
import { chromium } from '@playwright/test';

const PORT = 4185;
// As in test/browser/chromium.ts (bench files do not import test code).
const CHROMIUM_ARGS = ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--no-first-run', '--disable-default-apps'];
/** The whole plan takes a few minutes on 2 cores; this only catches a hung page. */
const BENCH_TIMEOUT_MS = 20 * 60_000;

function startDevServer() {
  return createServer({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    clearScreen: false,
    server: { port: PORT, strictPort: true, hmr: false },
    // Pre-bundle every dependency the page and its workers import, so no mid-run re-optimization reloads the page.
    optimizeDeps: { entries: ['bench/train-page/*.ts', 'workers/replica.worker.ts'] },
  }).then((server) => server.listen());
}

/**
 * Runs the benchmark plan in Chromium. `options`: { backends?, workloads?, calibration? } (see bench-run.ts).
 * Returns the page's result plus { chromium: version string }.
 */
export async function benchTrainBrowser(options = {}) {
  const server = await startDevServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let timer;
  try {
    const page = await browser.newPage();
    page.on('console', (m) => console.log(`  [train bench] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`  [train bench] page error: ${e.message}`));
    await page.goto(`http://localhost:${PORT}/bench/train-page/index.html`);
    await page.locator('#status', { hasText: 'ready' }).waitFor({ timeout: 120_000 });
    const result = await Promise.race([
      page.evaluate((o) => window.runTrainBench(o), options),
      // Cleared below: a pending timer would keep Node running after the benchmark.
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('The training benchmark did not finish in time.')), BENCH_TIMEOUT_MS); }),
    ]);
    return { chromium: browser.version(), ...result };
  } finally {
    clearTimeout(timer);
    await browser.close();
    await server.close();
  }
}
