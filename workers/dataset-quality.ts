// The data-quality report of one stored dataset, computed in the data worker: two bounded-memory passes
// over its chunks (statistics, duplicates and conflicts, then outliers), near-duplicate texts and images,
// or a small text report for a corpus. Returns plain cloneable data for the quality screen.
import type { IDBPDatabase } from 'idb';
import type { AppDB } from '../src/engine/storage/db';
import { getCompleteDataset, readDatasetChunks } from '../src/engine/storage/datasets-repo';
import { datasetKind, type DatasetChunkRecord, type DatasetKind, type DatasetRecord } from '../src/engine/storage/records';
import type { ColumnType } from '../src/engine/data/table-types';
import { createQualityAccumulator } from '../src/engine/quality/quality-accumulator';
import { createOutlierCounter } from '../src/engine/quality/outlier-counter';
import { findNearDuplicateTexts } from '../src/engine/quality/near-duplicate-text';
import { groupNearDuplicateHashes } from '../src/engine/quality/near-duplicate-hashes';
import { summarizeQualityIssues, type QualityFinding } from '../src/engine/quality/quality-summary';
import type { QualityReport } from '../src/engine/quality/quality-types';
import { perceptualHash } from '../src/engine/image/perceptual-hash';
import { rankValues } from '../src/engine/quality/column-quality';
import { addCellToHash, hashPairKey, startHashPair } from '../src/engine/quality/string-hash';

export interface DatasetQualityOptions {
  /** Column treated as the target. Default: the stored preparation's target, else `label` for images, else the last column. */
  target?: string;
  /** Non-empty texts per text column checked for near duplicates (the first ones). Default 50 000. */
  maxTexts?: number;
  /** Seed of the reservoir samples and of MinHash. Default 0. */
  seed?: number;
}

/** Progress in chunks read, per pass (the second pass re-reads every chunk). */
export interface QualityProgress {
  phase: 'statistics' | 'outliers';
  chunksDone: number;
  chunkCount: number;
}

/** Near-duplicate texts of one text column (MinHash estimate of shingle Jaccard ≥ 0.8). */
export interface TextNearDuplicates {
  column: string;
  /** Non-empty texts compared. */
  checked: number;
  /** True when the column held more texts than maxTexts; later ones were not compared. */
  capped: boolean;
  /** Groups found (all counted; the first maxGroups listed). */
  groupCount: number;
  /** `texts[i]` is row `rows[i]`'s text, cut to DISPLAY_CHARS; at most maxRowsPerGroup rows listed, `count` all. */
  groups: { rows: number[]; count: number; similarity: number; texts: string[] }[];
}

/** Images whose perceptual hashes differ in at most `maxDistance` of 64 bits. */
export interface ImageNearDuplicates {
  maxDistance: number;
  checked: number;
  groupCount: number;
  /**
   * `files[i]` and `labels[i]` belong to row `rows[i]`; `labelCounts` covers every image of the group,
   * most frequent first (several labels in one group: a labelling mistake, or a chain of look-alikes).
   */
  groups: { rows: number[]; count: number; maxDistance: number; files: string[]; labels: string[]; labelCounts: { label: string; count: number }[] }[];
}

/** A language-modelling corpus: size, character use and repeated lines. */
export interface CorpusQuality {
  /** Unicode code points. */
  characters: number;
  /** Lines, the last one counted even without a final newline. */
  lines: number;
  blankLines: number;
  distinctCharacters: number;
  /** Most frequent characters (at most TOP_CHARACTERS), most frequent first; `\n` and ` ` spelled out as is. */
  topCharacters: { value: string; count: number }[];
  /** Lines of at least MIN_REPEAT_LINE_CHARS characters (trimmed) that repeat an earlier line. */
  duplicateLines: number;
  /** Lines long enough to be checked for repeats. */
  checkedLines: number;
  /** True when more than MAX_DISTINCT_LINES distinct lines were seen: later new lines were not remembered. */
  duplicateLinesCapped: boolean;
}

/** Everything the quality screen shows about one dataset. Row numbers are 0-based data-row indices. */
export interface DatasetQuality {
  datasetId: string;
  kind: DatasetKind;
  /** The stored column names (what the cells below line up with). */
  columns: string[];
  findings: QualityFinding[];
  /** Tables and images (images: one metadata row each; the file name column replaced by a pixel hash). */
  table?: QualityReport;
  /** Cells of each listed duplicate group's first row, in `table.duplicates.groups` order. */
  duplicateCells: string[][];
  /** Cells of each listed conflict group's first row, in `table.conflicts.groups` order. */
  conflictCells: string[][];
  nearDuplicateTexts: TextNearDuplicates[];
  nearDuplicateImages?: ImageNearDuplicates;
  corpus?: CorpusQuality;
}

/** Hamming distance (of 64 bits) up to which two images count as near duplicates. */
export const IMAGE_NEAR_DISTANCE = 2;
export const DEFAULT_MAX_TEXTS = 50_000;
/** Characters of each near-duplicate text sent for display. */
const DISPLAY_CHARS = 1000;
/** Name of the image datasets' pixel-hash column, which stands in for the file name in the statistics. */
export const IMAGE_CONTENT_COLUMN = 'image content';

type Db = IDBPDatabase<AppDB>;

/**
 * Computes the report of complete dataset `datasetId`. Reads one chunk at a time (twice for tables and
 * images); memory is bounded by the accumulator's options plus the compared texts (maxTexts per text
 * column) and one 16-digit hash per image. Throws DatasetNotReadyError for a missing or incomplete dataset,
 * DataInputError('bad-target') for an unknown target column.
 */
export async function computeDatasetQuality(
  db: Db,
  datasetId: string,
  options: DatasetQualityOptions = {},
  onProgress?: (progress: QualityProgress) => void,
): Promise<DatasetQuality> {
  const dataset = await getCompleteDataset(db, datasetId);
  const kind = datasetKind(dataset);
  const columns = dataset.layout?.columns ?? [];
  const empty = { datasetId, kind, columns, duplicateCells: [], conflictCells: [], nearDuplicateTexts: [] };
  if (kind === 'corpus') {
    const { findings, ...corpus } = await computeCorpusQuality(readDatasetChunks(db, datasetId));
    return { ...empty, corpus, findings };
  }
  if (!dataset.layout || !dataset.summaries) throw new Error(`Dataset “${dataset.name}” has no column layout; import it again.`);
  const types: ColumnType[] = dataset.summaries.map((s) => s.type);
  const statColumns = [...columns];
  if (kind === 'images') {
    statColumns[0] = IMAGE_CONTENT_COLUMN;
    types[0] = 'categorical';
  }
  const target = pickTarget(dataset, options.target);
  const accumulator = createQualityAccumulator({
    columns: statColumns,
    types,
    target,
    options: { seed: options.seed ?? 0, targetTask: target === dataset.preparation?.spec.targetColumn ? dataset.preparation?.spec.task : undefined },
  });
  const textColumns = types.flatMap((t, c) => (t === 'text' ? [c] : []));
  const maxTexts = options.maxTexts ?? DEFAULT_MAX_TEXTS;
  const texts = textColumns.map(() => ({ items: [] as { row: number; text: string }[], capped: false }));
  const imageHashes: { row: number; hash: string }[] = [];

  // First pass: statistics, duplicates, conflicts; texts and image hashes for the near-duplicate search.
  let first = 0;
  let done = 0;
  for await (const chunk of readDatasetChunks(db, datasetId)) {
    const rows = kind === 'images' ? withContentHashes(chunk.rows, chunk.pixels, dataset) : chunk.rows;
    accumulator.addRows(rows, first);
    textColumns.forEach((c, t) => collectTexts(chunk.rows, c, first, maxTexts, texts[t]));
    if (kind === 'images') hashImages(chunk.rows.length, chunk.pixels, dataset, first, imageHashes);
    first += chunk.rows.length;
    onProgress?.({ phase: 'statistics', chunksDone: ++done, chunkCount: dataset.chunkCount });
  }
  const firstPass = accumulator.finish();
  const { maxGroups, maxRowsPerGroup } = firstPass.options;
  const nearDuplicateTexts = textColumns.map((c, t): TextNearDuplicates => {
    const { groups } = findNearDuplicateTexts(texts[t].items, { seed: options.seed ?? 0 });
    const byRow = new Map(texts[t].items.map((item) => [item.row, item.text]));
    return {
      column: columns[c], checked: texts[t].items.length, capped: texts[t].capped, groupCount: groups.length,
      groups: groups.slice(0, maxGroups).map((g) => {
        const rows = g.rows.slice(0, maxRowsPerGroup);
        return { rows, count: g.rows.length, similarity: g.similarity, texts: rows.map((r) => (byRow.get(r) ?? '').slice(0, DISPLAY_CHARS)) };
      }),
    };
  });
  texts.length = 0; // the texts are no longer needed during the second pass
  const imageGroups = kind === 'images' ? groupNearDuplicateHashes(imageHashes, IMAGE_NEAR_DISTANCE).groups : [];

  // Second pass: outliers, plus the cells of the rows the screen lists.
  const wanted = new Set<number>();
  firstPass.duplicates.groups.forEach((g) => wanted.add(g.rows[0]));
  firstPass.conflicts?.groups.forEach((g) => wanted.add(g.labels[0].rows[0]));
  imageGroups.slice(0, maxGroups).forEach((g) => g.rows.slice(0, maxRowsPerGroup).forEach((r) => wanted.add(r)));
  const cellsByRow = new Map<number, string[]>();
  // Every image of a listed group -> its group, to count the group's labels.
  const imageGroupOf = new Map<number, number>();
  imageGroups.slice(0, maxGroups).forEach((g, i) => g.rows.forEach((r) => imageGroupOf.set(r, i)));
  const groupLabels = imageGroups.slice(0, maxGroups).map(() => new Map<string, number>());
  const counter = createOutlierCounter(firstPass);
  first = 0;
  done = 0;
  for await (const chunk of readDatasetChunks(db, datasetId)) {
    counter.addRows(chunk.rows, first);
    chunk.rows.forEach((cells, i) => {
      if (wanted.has(first + i)) cellsByRow.set(first + i, cells);
      const group = imageGroupOf.get(first + i);
      if (group !== undefined) groupLabels[group].set(cells[1] ?? '', (groupLabels[group].get(cells[1] ?? '') ?? 0) + 1);
    });
    first += chunk.rows.length;
    onProgress?.({ phase: 'outliers', chunksDone: ++done, chunkCount: dataset.chunkCount });
  }
  const table = counter.finish();
  const cellsOf = (row: number | undefined) => (row === undefined ? [] : cellsByRow.get(row) ?? []);
  const result: DatasetQuality = {
    ...empty,
    table,
    duplicateCells: table.duplicates.groups.map((g) => cellsOf(g.rows[0])),
    conflictCells: (table.conflicts?.groups ?? []).map((g) => cellsOf(g.labels[0]?.rows[0])),
    nearDuplicateTexts,
    findings: [],
  };
  if (kind === 'images') {
    result.nearDuplicateImages = {
      maxDistance: IMAGE_NEAR_DISTANCE, checked: imageHashes.length, groupCount: imageGroups.length,
      groups: imageGroups.slice(0, maxGroups).map((g, i) => {
        const rows = g.rows.slice(0, maxRowsPerGroup);
        return {
          rows, count: g.rows.length, maxDistance: g.maxDistance, files: rows.map((r) => cellsOf(r)[0] ?? ''),
          labels: rows.map((r) => cellsOf(r)[1] ?? ''), labelCounts: rankValues(groupLabels[i], Infinity).map((v) => ({ label: v.value, count: v.count })),
        };
      }),
    };
  }
  result.findings = describeFindings(result);
  return result;
}

/** The requested target, else the stored preparation's, else `label` for images, else the last column. */
function pickTarget(dataset: DatasetRecord, requested: string | undefined): string | undefined {
  const columns = dataset.layout?.columns ?? [];
  if (requested !== undefined) return requested;
  const prepared = dataset.preparation?.spec.targetColumn;
  if (prepared !== undefined && columns.includes(prepared)) return prepared;
  if (datasetKind(dataset) === 'images') return columns.includes('label') ? 'label' : undefined;
  return columns.at(-1);
}

function collectTexts(rows: string[][], column: number, first: number, max: number, into: { items: { row: number; text: string }[]; capped: boolean }) {
  for (let i = 0; i < rows.length; i++) {
    const text = rows[i][column] ?? '';
    if (text.trim() === '') continue;
    if (into.items.length >= max) {
      into.capped = true;
      return;
    }
    into.items.push({ row: first + i, text });
  }
}

/** Bytes per stored image, from the dataset's image shape. */
function imageBytes(dataset: DatasetRecord): number {
  const shape = dataset.imageShape;
  if (!shape) throw new Error(`Image dataset “${dataset.name}” has no stored image shape; import it again.`);
  return shape.width * shape.height * shape.channels;
}

function checkPixels(count: number, pixels: Uint8Array | undefined, dataset: DatasetRecord): Uint8Array {
  if (!pixels || pixels.length !== count * imageBytes(dataset)) {
    throw new Error(`Image dataset “${dataset.name}” has a chunk whose pixels do not match its rows; import it again.`);
  }
  return pixels;
}

/** The rows with the file name replaced by a hash of the image's bytes, so identical pictures count as duplicates. */
function withContentHashes(rows: string[][], pixels: Uint8Array | undefined, dataset: DatasetRecord): string[][] {
  const bytes = checkPixels(rows.length, pixels, dataset);
  const size = imageBytes(dataset);
  // The '#' keeps a hash such as 9e12345678901234 from reading as a (huge) number.
  return rows.map((row, i) => [`#${hashBytes(bytes, i * size, (i + 1) * size)}`, ...row.slice(1)]);
}

function hashImages(count: number, pixels: Uint8Array | undefined, dataset: DatasetRecord, first: number, into: { row: number; hash: string }[]) {
  const bytes = checkPixels(count, pixels, dataset);
  const { width, height, channels } = dataset.imageShape!;
  const size = imageBytes(dataset);
  for (let i = 0; i < count; i++) {
    into.push({ row: first + i, hash: perceptualHash({ width, height, channels, data: bytes.subarray(i * size, (i + 1) * size) }) });
  }
}

/** Two independent 32-bit FNV-style hashes of bytes[start, end) as 16 hex digits. */
function hashBytes(bytes: Uint8Array, start: number, end: number): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = start; i < end; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193);
    b = Math.imul(b ^ bytes[i], 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The engine's findings plus near duplicates. For images, notes about the stored metadata columns (one
 * stored size, a pixel hash in every row) are dropped: those columns are never features.
 */
function describeFindings(quality: DatasetQuality): QualityFinding[] {
  const table = quality.table!;
  const target = table.target;
  const out = summarizeQualityIssues(table).filter((f) => !(quality.kind === 'images' && f.severity === 'info' && f.column !== undefined && f.column !== target?.column));
  if (target && table.columns[target.columnIndex].type === 'text') {
    out.unshift({ severity: 'warning', column: target.column, message: `The target ${target.column} is free text (${table.columns[target.columnIndex].distinct} different values); choose the column to predict under Prepare.` });
  }
  for (const near of quality.nearDuplicateTexts) {
    if (near.groupCount > 0) {
      const rows = near.groups.reduce((n, g) => n + g.count, 0);
      out.push({ severity: 'warning', column: near.column, message: `column ${near.column}: ${plural(near.groupCount, 'group')} of nearly identical texts (${plural(rows, 'row')} in the listed groups).` });
    }
    if (near.capped) out.push({ severity: 'info', column: near.column, message: `column ${near.column}: only the first ${near.checked} texts were compared for near duplicates.` });
  }
  const images = quality.nearDuplicateImages;
  if (images && images.groupCount > 0) {
    const rows = images.groups.reduce((n, g) => n + g.count, 0);
    const mixed = images.groups.filter((g) => g.labelCounts.length > 1).length;
    out.push({
      severity: 'warning',
      message: `${plural(images.groupCount, 'group')} of images look the same or nearly the same (${plural(rows, 'image')} in the listed groups)` +
        `${mixed > 0 ? `; ${mixed} of them mix labels` : ''}.`,
    });
  }
  return out;
}

/** Characters listed in a corpus report. */
const TOP_CHARACTERS = 20;
/**
 * Shorter lines are not checked for repeats: speaker names, headings and short replies ("Yes.")
 * repeat naturally in any text and are not a sign of copied passages.
 */
export const MIN_REPEAT_LINE_CHARS = 20;
/** Distinct line hashes remembered for the duplicate-line count (about 50 bytes each). */
const MAX_DISTINCT_LINES = 1_000_000;

/** One pass over a corpus's text chunks; a line cut by a chunk boundary is joined before it is counted. */
async function computeCorpusQuality(chunks: AsyncIterable<DatasetChunkRecord>): Promise<CorpusQuality & { findings: QualityFinding[] }> {
  const counts = new Map<string, number>();
  const seen = new Set<number>();
  const report: CorpusQuality = { characters: 0, lines: 0, blankLines: 0, distinctCharacters: 0, topCharacters: [], duplicateLines: 0, checkedLines: 0, duplicateLinesCapped: false };
  const countLine = (line: string) => {
    report.lines++;
    const trimmed = line.trim();
    if (trimmed === '') {
      report.blankLines++;
      return;
    }
    if (trimmed.length < MIN_REPEAT_LINE_CHARS) return;
    report.checkedLines++;
    const state = startHashPair();
    addCellToHash(state, trimmed);
    const key = hashPairKey(state);
    if (seen.has(key)) report.duplicateLines++;
    else if (seen.size < MAX_DISTINCT_LINES) seen.add(key);
    else report.duplicateLinesCapped = true;
  };
  let pending = '';
  for await (const chunk of chunks) {
    const text = chunk.text ?? '';
    for (const ch of text) {
      report.characters++;
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    const parts = (pending + text).split('\n');
    pending = parts.pop() ?? '';
    parts.forEach(countLine);
  }
  if (pending !== '') countLine(pending);
  report.distinctCharacters = counts.size;
  report.topCharacters = rankValues(counts, TOP_CHARACTERS);
  const findings: QualityFinding[] = [];
  if (report.characters === 0) findings.push({ severity: 'warning', message: 'The text is empty.' });
  if (report.duplicateLines > 0) {
    const share = report.duplicateLines / report.checkedLines;
    findings.push({
      severity: share >= 0.05 ? 'warning' : 'info',
      message: `${plural(report.duplicateLines, 'line')} (${(share * 100).toFixed(1)}% of lines with ${MIN_REPEAT_LINE_CHARS}+ characters) repeat an earlier line; a model may learn to recite them.`,
    });
  }
  if (report.duplicateLinesCapped) findings.push({ severity: 'info', message: `Only the first ${MAX_DISTINCT_LINES} distinct lines were remembered for the repeated-line count.` });
  return { ...report, findings };
}
