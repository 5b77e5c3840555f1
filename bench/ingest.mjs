// Ingest benchmark (issue 3): CSV import MB/s with peak JS heap against a naive main-thread parse of
// the same file, image-zip import images/s, and dedup time for 100k rows. Prints tables and writes
// bench/results/ingest-<stamp>.json. Run alone with `node bench/ingest.mjs` (builds first) or from bench/run.mjs.
// Sizes: INGEST_CSV_MB (default 200), INGEST_IMAGES (2000), INGEST_DEDUP_ROWS (100000) for quick runs.
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchIngestBrowser } from './ingest-browser.mjs';
import { benchDedup } from './ingest-dedup.mjs';
import { buildImageZip, writeCsv } from './ingest-inputs.mjs';

const TARGETS = { csvMBps: 30, csvHeapMB: 300, imagesPerSecond: 300, imageSide: 64 };
const IMAGE_CLASSES = 10;
const GENERATED_SIDE = 64;

const mb = (bytes) => bytes / 1e6;
const round = (x, digits = 1) => Number(x.toFixed(digits));

function envNumber(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${process.env[name]}.`);
  return value;
}

function printTables(r) {
  const { csv, baseline } = r.browser;
  const csvRate = mb(csv.bytes) / (csv.ms / 1000);
  const baseRate = mb(baseline.bytes) / (baseline.ms / 1000);
  console.log(`\nCSV ingest: ${round(mb(csv.bytes))} MB, ${csv.rowCount} rows × ${csv.columns} columns (MB = 10^6 bytes; heap = V8 used heap, sampled every 100 ms)`);
  console.table([
    { path: 'WebTrain (worker: parse, infer, profile, store)', 's': round(csv.ms / 1000, 2),
      'MB/s': round(csvRate), 'peak worker heap MB': round(mb(csv.workerPeak)), 'peak page heap MB': round(mb(csv.pagePeak)),
      target: `≥${TARGETS.csvMBps} MB/s, <${TARGETS.csvHeapMB} MB: ${csvRate >= TARGETS.csvMBps && mb(csv.workerPeak) < TARGETS.csvHeapMB ? 'met' : 'NOT met'}` },
    { path: 'baseline (main thread: text, split, Number)', 's': round(baseline.ms / 1000, 2),
      'MB/s': round(baseRate), 'peak worker heap MB': '-', 'peak page heap MB': round(mb(baseline.pagePeak)), target: '-' },
  ]);
  console.log(`WebTrain / baseline throughput ratio: ${round(csvRate / baseRate, 2)}. WebTrain stores every row into IndexedDB, handles quotes and`
    + ' infers types; the baseline stores nothing, ignores quotes and only tries Number(). Times run from the call in the page to its'
    + ' answer. Heap = V8 used heap (typed-array contents are outside it); the baseline\'s last sample still holds its parsed data.');
  console.log(`\nImage ingest: ${r.inputs.images} PNGs ${GENERATED_SIDE}×${GENERATED_SIDE} in ${IMAGE_CLASSES} class folders, zip ${round(mb(r.inputs.zipBytes))} MB (imageSize passed to importFiles, as the sidebar's Image import settings do)`);
  console.table(r.browser.images.map((i) => ({
    'stored side': i.size, s: round(i.ms / 1000, 2), 'images/s': Math.round(i.rowCount / (i.ms / 1000)), images: i.rowCount,
    'peak worker heap MB': round(mb(i.workerPeak)),
    target: i.size === TARGETS.imageSide ? `≥ ${TARGETS.imagesPerSecond}/s: ${i.rowCount / (i.ms / 1000) >= TARGETS.imagesPerSecond ? 'met' : 'NOT met'}` : '-',
  })));
  const d = r.dedup;
  console.log(`\nDedup in Node (${d.rows} generated rows, 17 columns; median of 3 after a warm-up)`);
  console.table([
    { pass: 'quality pass: exact dups, conflicts, stats', ms: Math.round(d.quality.ms),
      'rows/s': Math.round(d.quality.rowsPerSecond), found: `${d.quality.duplicateRows} duplicate rows, ${d.quality.conflictingRows} conflicting` },
    { pass: 'near-duplicate texts (MinHash + LSH, note)', ms: Math.round(d.nearText.ms),
      'rows/s': Math.round(d.nearText.rowsPerSecond), found: `${d.nearText.groups} groups, ${d.nearText.comparedPairs} pairs compared` },
  ]);
  console.log(`Machine: ${r.machine.cores} cores (${r.machine.cpu}), ${round(r.machine.memoryGB)} GB, ${r.machine.chromium}, Node ${r.machine.node}`);
}

/** Generates the inputs, runs the browser and Node measurements, prints tables, writes the JSON. Needs `vite build` first. */
export async function benchIngest(stamp = new Date().toISOString().replace(/[:.]/g, '-')) {
  const csvMB = envNumber('INGEST_CSV_MB', 200);
  const imageCount = Math.round(envNumber('INGEST_IMAGES', 2000));
  const dedupRows = Math.round(envNumber('INGEST_DEDUP_ROWS', 100_000));
  const dir = mkdtempSync(join(tmpdir(), 'webtrain-ingest-'));
  try {
    const csvPath = join(dir, 'ingest-bench.csv');
    const zipPath = join(dir, 'ingest-bench-images.zip');
    console.log(`Generating ${csvMB} MB CSV and ${imageCount} PNGs in ${dir} …`);
    const csvInput = writeCsv(csvPath, csvMB * 1e6);
    const zip = buildImageZip(imageCount, GENERATED_SIDE, IMAGE_CLASSES);
    writeFileSync(zipPath, zip);
    const browser = await benchIngestBrowser({ csvPath, zipPath, imageSizes: [TARGETS.imageSide, 32] });
    const dedup = await benchDedup(dedupRows);
    const machine = { cpu: cpus()[0]?.model, cores: cpus().length, memoryGB: totalmem() / 2 ** 30, node: process.version, chromium: browser.chromium };
    const result = { stamp, machine, targets: TARGETS, inputs: { csvBytes: csvInput.bytes, csvRows: csvInput.rows, images: imageCount, zipBytes: zip.length }, browser, dedup };
    printTables(result);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync(`bench/results/ingest-${stamp}.json`, JSON.stringify(result, null, 2));
    console.log(`Ingest results written to bench/results/ingest-${stamp}.json`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  execSync('npx vite build', { stdio: 'inherit' });
  await benchIngest();
}
