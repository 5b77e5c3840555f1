// The dataset quality report over stored chunks: duplicates, a label conflict, near-duplicate texts,
// outliers found in the second pass, identical images among different ones, a corpus, and the data API.
import { afterEach, describe, expect, it } from 'vitest';
import { computeDatasetQuality, IMAGE_NEAR_DISTANCE, type QualityProgress } from '../../workers/dataset-quality';
import { createDataApi } from '../../workers/data-api';
import { createDbOpener } from '../../workers/open-db';
import { completeDataset, createDataset, putDatasetChunk } from '../../src/engine/storage/datasets-repo';
import type { ColumnSummary, ColumnType } from '../../src/engine/data/table-types';
import type { DatasetChunkPayload } from '../../src/engine/storage/records';
import { createRandom } from '../../src/engine/random';
import { openTestDb, type Db } from '../engine/storage/storage-helpers';
import { exposeOverChannel } from './expose';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

const summary = (name: string, type: ColumnType): ColumnSummary => ({ name, type, missing: 0, distinct: 0, distinctCapped: false });

/** Stores a complete dataset from `chunks` and returns its id. */
async function storeDataset(db: Db, columns: string[], types: ColumnType[], chunks: DatasetChunkPayload[], extra: object = {}): Promise<string> {
  const dataset = await createDataset(db, { name: 'test', byteSize: 100 });
  for (const [i, chunk] of chunks.entries()) await putDatasetChunk(db, dataset.id, i, chunk);
  await completeDataset(db, dataset.id, {
    layout: { delimiter: ',', hasHeader: true, columns, notes: [] },
    summaries: columns.map((c, i) => summary(c, types[i])),
    preview: [], rowCount: chunks.reduce((n, c) => n + c.rows.length, 0), chunkCount: chunks.length, skippedRows: [], ...extra,
  });
  return dataset.id;
}

/** 30 random lowercase letters: no 5-letter shingles in common with anything else, in practice. */
function randomText(random: () => number): string {
  return Array.from({ length: 30 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
}

// Rows 0-5 hold the planted problems; rows 6-25 are filler with x = 10..29; row 26 has x = 1000.
const FOX = 'the quick brown fox jumps over the lazy dog';
function tableChunks(): DatasetChunkPayload[] {
  const random = createRandom(7);
  const planted = [
    [FOX, '1', 'a'],
    ['completely different sentence about cats', '2', 'b'],
    [`${FOX}!`, '3', 'a'], // near duplicate of row 0 (39 of 40 shingles shared)
    ['completely different sentence about cats', '2', 'b'], // exact duplicate of row 1
    ['something else entirely here', '4', 'a'],
    ['something else entirely here', '4', 'b'], // same features as row 4, other label
  ];
  const filler = Array.from({ length: 20 }, (_, i) => [randomText(random), String(10 + i), i % 2 ? 'a' : 'b']);
  const rows = [...planted, ...filler, [randomText(random), '1000', 'b']];
  return [{ rows: rows.slice(0, 4) }, { rows: rows.slice(4, 15) }, { rows: rows.slice(15) }];
}

/** Independent IQR count: quartiles by linear interpolation on the sorted values. */
function countIqrOutliers(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    const pos = p * (s.length - 1);
    const lo = Math.floor(pos);
    return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
  };
  const [q1, q3] = [q(0.25), q(0.75)];
  return s.filter((x) => x < q1 - 1.5 * (q3 - q1) || x > q3 + 1.5 * (q3 - q1)).length;
}

describe('computeDatasetQuality on a table', () => {
  it('finds duplicates, the conflict, near-duplicate texts and outliers, with the listed rows’ cells', async () => {
    const db = await openTestDb();
    const chunks = tableChunks();
    const id = await storeDataset(db, ['text', 'x', 'label'], ['text', 'numeric', 'categorical'], chunks);
    const progress: QualityProgress[] = [];
    const q = await computeDatasetQuality(db, id, {}, (p) => progress.push(p));
    const rows = chunks.flatMap((c) => c.rows);

    expect(q.kind).toBe('table');
    expect(q.table?.rowCount).toBe(27);
    expect(q.table?.target).toMatchObject({ column: 'label', task: 'classification' });
    expect(q.table?.duplicates).toMatchObject({ duplicateRows: 1, groupCount: 1, groups: [{ count: 2, rows: [1, 3] }] });
    expect(q.duplicateCells).toEqual([rows[1]]);
    expect(q.table?.conflicts?.groupCount).toBe(1);
    expect(q.table?.conflicts?.groups[0].labels.map((l) => [l.label, l.rows])).toEqual([['a', [4]], ['b', [5]]]);
    expect(q.conflictCells).toEqual([rows[4]]);

    const near = q.nearDuplicateTexts;
    expect(near.map((n) => [n.column, n.checked, n.capped])).toEqual([['text', 27, false]]);
    expect(near[0].groups.map((g) => g.rows)).toEqual([[0, 2], [1, 3], [4, 5]]);
    expect(near[0].groups[0].texts).toEqual([FOX, `${FOX}!`]);
    expect(near[0].groups[0].similarity).toBeGreaterThanOrEqual(0.8);

    const x = q.table?.columns[1].numeric;
    const xs = rows.map((r) => Number(r[1]));
    expect(q.table?.outliersCounted).toBe(true);
    expect(x?.outliers?.iqr.count).toBe(countIqrOutliers(xs));
    expect(x?.outliers?.iqr.rows).toContain(26);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const std = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(x?.outliers?.zScore.rows).toEqual(xs.flatMap((v, i) => (Math.abs(v - mean) / std > 3 ? [i] : [])));
    expect(x?.histogram.counts.reduce((a, b) => a + b, 0)).toBe(27);

    const messages = q.findings.map((f) => f.message).join('\n');
    expect(messages).toMatch(/1 row .* exact duplicate/);
    expect(messages).toMatch(/different values of the target 'label'/);
    expect(messages).toMatch(/column text: 3 groups of nearly identical texts/);
    expect(progress.map((p) => `${p.phase}:${p.chunksDone}/${p.chunkCount}`)).toEqual(
      ['statistics:1/3', 'statistics:2/3', 'statistics:3/3', 'outliers:1/3', 'outliers:2/3', 'outliers:3/3']);
  });

  it('takes a requested target and caps the texts compared', async () => {
    const db = await openTestDb();
    const id = await storeDataset(db, ['text', 'x', 'label'], ['text', 'numeric', 'categorical'], tableChunks());
    const q = await computeDatasetQuality(db, id, { target: 'x', maxTexts: 3 });
    expect(q.table?.target).toMatchObject({ column: 'x', task: 'regression' });
    expect(q.table?.target?.distribution?.outliers).toBeDefined();
    expect(q.nearDuplicateTexts[0]).toMatchObject({ checked: 3, capped: true, groupCount: 1 });
    expect(q.findings.some((f) => f.severity === 'info' && /only the first 3 texts/.test(f.message))).toBe(true);
    await expect(computeDatasetQuality(db, id, { target: 'price' })).rejects.toMatchObject({ code: 'bad-target' });
    const textTarget = await computeDatasetQuality(db, id, { target: 'text' });
    expect(textTarget.findings[0]).toMatchObject({ severity: 'warning', column: 'text', message: expect.stringMatching(/free text \(25 different values\)/) });
  });
});

/** An 8x8 grayscale image from f(x, y). */
const image = (f: (x: number, y: number) => number) => Uint8Array.from({ length: 64 }, (_, i) => f(i % 8, Math.floor(i / 8)));
const join = (...images: Uint8Array[]) => Uint8Array.from(images.flatMap((img) => [...img]));

describe('computeDatasetQuality on images', () => {
  it('groups identical images (duplicates, or conflicts when labelled differently) and lists their file names', async () => {
    const db = await openTestDb();
    const noise = createRandom(3);
    const rising = image((x) => x * 30); // dHash: every bit 0
    const falling = image((x) => 255 - x * 30); // every bit 1
    const random = image(() => Math.floor(noise() * 256));
    const cells = (file: string, label: string) => [file, label, '8', '8', 'png'];
    const chunks = [
      { rows: [cells('a.png', 'cat'), cells('c.png', 'dog')], pixels: join(rising, falling) },
      { rows: [cells('b.png', 'cat'), cells('d.png', 'dog'), cells('e.png', 'cat')], pixels: join(rising, random, falling) },
    ];
    const id = await storeDataset(db, ['file', 'label', 'width', 'height', 'format'], ['text', 'categorical', 'numeric', 'numeric', 'categorical'], chunks,
      { kind: 'images', imageShape: { width: 8, height: 8, channels: 1, fit: 'pad' } });
    const q = await computeDatasetQuality(db, id);
    expect(q.kind).toBe('images');
    expect(q.table?.target?.column).toBe('label');
    expect(q.table?.columns[0]).toMatchObject({ name: 'image content', distinct: 3, nonFinite: 0 });
    expect(q.table?.duplicates.groups.map((g) => g.rows)).toEqual([[0, 2]]);
    expect(q.duplicateCells).toEqual([cells('a.png', 'cat')]);
    expect(q.table?.conflicts?.groups.map((g) => g.labels.map((l) => [l.label, l.rows]))).toEqual([[['dog', [1]], ['cat', [4]]]]);
    expect(q.conflictCells).toEqual([cells('c.png', 'dog')]);
    expect(q.nearDuplicateTexts).toEqual([]); // the file column is not compared as text
    expect(q.nearDuplicateImages).toEqual({
      maxDistance: IMAGE_NEAR_DISTANCE, checked: 5, groupCount: 2,
      groups: [
        { rows: [0, 2], count: 2, maxDistance: 0, files: ['a.png', 'b.png'], labels: ['cat', 'cat'], labelCounts: [{ label: 'cat', count: 2 }] },
        { rows: [1, 4], count: 2, maxDistance: 0, files: ['c.png', 'e.png'], labels: ['dog', 'cat'], labelCounts: [{ label: 'dog', count: 1 }, { label: 'cat', count: 1 }] },
      ],
    });
    expect(q.findings.map((f) => f.message)).toContain('2 groups of images look the same or nearly the same (4 images in the listed groups); 1 of them mix labels.');
    // 'width' holds one value, but stored metadata is never a feature: no note about it.
    expect(q.findings.some((f) => f.column === 'width')).toBe(false);
  });
});

describe('computeDatasetQuality on a corpus', () => {
  it('counts characters, lines and repeated lines across chunk boundaries', async () => {
    const db = await openTestDb();
    // Lines of 20+ characters are checked for repeats; 'to be' (short) repeats without counting.
    const parts = ['to be or not to be, that is\nto be\nhello there, my good', ' world\nto be\n\nhello there, my good world\nto be or not to be, that is'];
    const text = parts.join('');
    const id = await storeDataset(db, ['text'], [], parts.map((p) => ({ rows: [], text: p })),
      { kind: 'corpus', corpus: { characters: text.length, lines: 7, distinctCharacters: 0 } });
    const q = await computeDatasetQuality(db, id);
    expect(q.table).toBeUndefined();
    expect(q.corpus).toMatchObject({
      characters: text.length, lines: 7, blankLines: 1, checkedLines: 4, duplicateLines: 2, duplicateLinesCapped: false,
      distinctCharacters: new Set(text).size,
    });
    const counts = [...text].reduce((m, c) => m.set(c, (m.get(c) ?? 0) + 1), new Map<string, number>());
    const most = Math.max(...counts.values());
    expect(q.corpus?.topCharacters[0].count).toBe(most);
    expect(q.findings).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/^2 lines \(50\.0% of lines with 20\+ characters\)/) })]);
  });
});

describe('DataApi.qualityReport', () => {
  it('returns the report through structured cloning, and a problem for a missing dataset', async () => {
    const db = createDbOpener(`webtrain-test-${crypto.randomUUID()}`);
    const id = await storeDataset(await db(), ['text', 'x', 'label'], ['text', 'numeric', 'categorical'], tableChunks());
    const { remote, close } = exposeOverChannel(createDataApi({ db }));
    closers.push(close);
    const outcome = await remote.qualityReport(id);
    expect(outcome.ok && outcome.value.table?.duplicates.duplicateRows).toBe(1);
    const missing = await remote.qualityReport('nope');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problem.message).toMatch(/not stored/);
  });
});
