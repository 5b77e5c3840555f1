// Runs one browser benchmark page: serves the project with Vite's dev server (the project's vite.config.ts,
// so COOP/COEP make SharedArrayBuffer available and the engine's TypeScript is served as is), opens the page
// in the system Chromium, waits for it to say 'ready', and returns what its global entry function resolves with.
import { createServer } from 'vite';
import { chromium } from '@playwright/test';

// As in test/browser/chromium.ts (bench files do not import test code).
const CHROMIUM_ARGS = ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--no-first-run', '--disable-default-apps'];
/** A whole plan takes a few minutes on 2 cores; this only catches a hung page. */
const BENCH_TIMEOUT_MS = 20 * 60_000;

/**
 * `port`: a port of its own per benchmark; `dir`: the page's folder (index.html inside); `entries`: every file
 * whose imports Vite must pre-bundle (the page's and its workers'), so no mid-run re-optimization reloads the
 * page; `entry`: the name of the window function to call with `options`; `label`: prefix of the page's log lines.
 * Returns the page's result plus { chromium: version string }.
 */
export async function runBenchPage({ port, dir, entries, entry, label, options }) {
  const server = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    clearScreen: false,
    server: { port, strictPort: true, hmr: false },
    optimizeDeps: { entries },
  }).then((s) => s.listen());
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let timer;
  try {
    const page = await browser.newPage();
    page.on('console', (m) => console.log(`  [${label}] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`  [${label}] page error: ${e.message}`));
    await page.goto(`http://localhost:${port}/${dir}/index.html`);
    await page.locator('#status', { hasText: 'ready' }).waitFor({ timeout: 120_000 });
    const result = await Promise.race([
      page.evaluate(({ name, o }) => window[name](o), { name: entry, o: options }),
      // Cleared below: a pending timer would keep Node running after the benchmark.
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`The ${label} did not finish in time.`)), BENCH_TIMEOUT_MS); }),
    ]);
    return { chromium: browser.version(), ...result };
  } finally {
    clearTimeout(timer);
    await browser.close();
    await server.close();
  }
}
