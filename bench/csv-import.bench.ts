// CSV import throughput: the streaming importer (decode, parse, profile, chunk) against a naive
// baseline that holds the whole text and splits on newlines and commas (no quotes, no checks).
import { bench, describe } from 'vitest';
import { importCsv } from '../src/engine/data/csv-import';

const ROWS = 100_000;
const text = (() => {
  const lines = ['id,x1,x2,colour,label'];
  for (let i = 0; i < ROWS; i += 1) lines.push(`${i},${(i % 97) / 7},${(i % 13) * 1.5},${['red', 'green', 'blue'][i % 3]},${i % 2 ? 'yes' : 'no'}`);
  return `${lines.join('\n')}\n`;
})();
const bytes = new TextEncoder().encode(text);
console.log(`CSV benchmark input: ${ROWS} rows, ${(bytes.length / 1e6).toFixed(1)} MB`);

describe(`import ${ROWS} rows (${(bytes.length / 1e6).toFixed(1)} MB)`, () => {
  bench('streaming importCsv (decode + parse + profile + 2000-row chunks)', async () => {
    let rows = 0;
    await importCsv(new Blob([bytes]).stream(), { writeChunk: async (chunk) => { rows += chunk.length; } });
    if (rows !== ROWS) throw new Error(`expected ${ROWS} rows, got ${rows}`);
  }, { iterations: 5, warmupIterations: 1 });

  bench('baseline: TextDecoder + split(\\n) + split(,)', () => {
    const rows = new TextDecoder().decode(bytes).trim().split('\n').slice(1).map((line) => line.split(','));
    if (rows.length !== ROWS) throw new Error('row count');
  }, { iterations: 5, warmupIterations: 1 });
});
