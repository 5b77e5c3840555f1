// Dedup timing in Node: the engine's quality first pass (exact duplicates, label conflicts, column
// stats) and the near-duplicate text search over generated rows. Engine TS is loaded through Vite's SSR loader.
import { createServer } from 'vite';
import { CSV_COLUMNS, CSV_NUMERIC_COLUMNS, generateRows } from './ingest-inputs.mjs';

const CHUNK_ROWS = 2000;
const RUNS = 3;

/** Median wall time in ms of `RUNS` calls of `fn` after one warm-up call, and the last result. */
function timeMedian(fn) {
  let result = fn();
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)], result };
}

/**
 * Times the dedup work on `rowCount` generated rows (10% exact repeats, 2% label conflicts). Returns
 * { rows, quality: { ms, rowsPerSecond, duplicateRows, conflictingRows }, nearText: { ms, rowsPerSecond, groups, comparedPairs } }.
 */
export async function benchDedup(rowCount) {
  // Vite transpiles the engine's TypeScript the way Vitest does; no config file (no Svelte plugin needed).
  const server = await createServer({
    configFile: false, logLevel: 'error', appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true },
  });
  try {
    const { createQualityAccumulator } = await server.ssrLoadModule('/src/engine/quality/quality-accumulator.ts');
    const { findNearDuplicateTexts } = await server.ssrLoadModule('/src/engine/quality/near-duplicate-text.ts');
    const rows = generateRows(rowCount);
    const types = CSV_COLUMNS.map((_, c) => (c < CSV_NUMERIC_COLUMNS ? 'numeric' : c === CSV_COLUMNS.length - 1 ? 'text' : 'categorical'));

    const quality = timeMedian(() => {
      const accumulator = createQualityAccumulator({ columns: CSV_COLUMNS, types, target: 'label' });
      for (let first = 0; first < rows.length; first += CHUNK_ROWS) accumulator.addRows(rows.slice(first, first + CHUNK_ROWS), first);
      return accumulator.finish();
    });
    const noteColumn = CSV_COLUMNS.indexOf('note');
    const texts = rows.map((cells, row) => ({ row, text: cells[noteColumn] }));
    const nearText = timeMedian(() => findNearDuplicateTexts(texts));
    return {
      rows: rowCount,
      quality: {
        ms: quality.ms, rowsPerSecond: rowCount / (quality.ms / 1000),
        duplicateRows: quality.result.duplicates.duplicateRows, conflictingRows: quality.result.conflicts?.conflictingRows ?? 0,
      },
      nearText: {
        ms: nearText.ms, rowsPerSecond: rowCount / (nearText.ms / 1000),
        groups: nearText.result.groups.length, comparedPairs: nearText.result.comparedPairs,
      },
    };
  } finally {
    await server.close();
  }
}
