// The Tokenize tab's work in the data worker: fit a tokenizer on a stored dataset's TRAINING text (a table's
// text column or a corpus), then measure it: vocabulary with counts, coverage, examples, sequence lengths.
import type { IDBPDatabase } from 'idb';
import { fitPipeline } from '../src/engine/data/prepare';
import { isMissingCell } from '../src/engine/data/missing-cells';
import { SPLIT_TRAIN } from '../src/engine/data/split';
import type { AppDB } from '../src/engine/storage/db';
import { getCompleteDataset, loadDatasetRows, readDatasetChunks } from '../src/engine/storage/datasets-repo';
import type { DatasetRecord } from '../src/engine/storage/records';
import { padSequences } from '../src/engine/text/sequences';
import { normalizeText, type TextNormalization } from '../src/engine/text/text-normalize';
import { createTokenizerTrainer, encode, vocabularySize } from '../src/engine/text/tokenizer';
import { UNK_ID, checkIntegerOption, type FittedTokenizer, type TokenizerKind } from '../src/engine/text/tokenizer-types';
import { displayToken, vocabularyTable, type CoverageStats, type TokenCounts, type VocabularyRow } from '../src/engine/text/vocabulary-table';
import { encodeWtf8 } from '../src/engine/text/wtf8';

type Db = IDBPDatabase<AppDB>;

/** What to tokenize and how. Sides default to 'post'; sequenceLength defaults to the p95 of training lengths. */
export interface TokenizeTextRequest {
  /** A column of a table dataset, or the text of a corpus dataset. */
  source: { column: string } | 'corpus';
  kind: TokenizerKind;
  /** char/word: largest vocabulary (specials included); bpe: target vocabulary size (at least 261). */
  vocabSize: number;
  /** char/word: a token needs this many training occurrences (default 1); ignored by BPE. */
  minCount?: number;
  /** word: BCP 47 locale for Intl.Segmenter (default 'en'; Chinese and Japanese segment with any locale). */
  locale?: string;
  normalization?: Partial<TextNormalization>;
  sequenceLength?: number;
  padding?: 'pre' | 'post';
  truncation?: 'pre' | 'post';
}

/** One example text with its ids and their printable tokens, plus the fixed-length row it becomes. */
export interface TokenizedExample {
  /** The text (cut to EXAMPLE_CHARS characters when longer, see `cut`); ids/tokens are of this text. */
  text: string;
  cut: boolean;
  ids: number[];
  tokens: string[];
  /** The whole text as a row of `sequence.length` ids (pad id 0), and those ids printable. */
  padded: number[];
  paddedTokens: string[];
}

/** Tokens per text: mean, nearest-rank percentiles, and a histogram over 0..max (bin b: [b*binWidth, (b+1)*binWidth)). */
export interface LengthStats {
  texts: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
  binWidth: number;
  bins: number[];
}

export interface TokenizeTextResult {
  tokenizer: FittedTokenizer;
  vocabularySize: number;
  /** The first VOCABULARY_ROWS ids with their training counts. */
  vocabulary: VocabularyRow[];
  /**
   * Which text trained the tokenizer: 'train-split' (the stored preparation's training rows), 'all-rows' (no
   * preparation yet) or 'corpus-head' (the lines of a corpus that start in its first 90%).
   */
  scope: 'train-split' | 'all-rows' | 'corpus-head';
  /** What the training text held: texts (rows or lines), tokens, UTF-8 bytes after normalization. */
  training: { texts: number; tokens: number; bytes: number };
  coverage: CoverageStats;
  /** The same measures on text the tokenizer did not see (validation + test rows, or the corpus tail). */
  heldOut?: { texts: number; unknownShare: number; tokensPerText: number };
  examples: TokenizedExample[];
  lengths: LengthStats;
  sequence: { length: number; padding: 'pre' | 'post'; truncation: 'pre' | 'post'; truncatedShare: number };
}

export const VOCABULARY_ROWS = 2000;
const EXAMPLE_COUNT = 5;
const EXAMPLE_CHARS = 400;
/** Longer texts are tokenized in pieces of about this many UTF-16 units (word segmentation of one huge string is slow). */
const PIECE_CHARS = 2000;
const HISTOGRAM_BINS = 30;
/** Texts with something other than whitespace; blank lines count for coverage but not as examples or lengths. */
const VISIBLE = /\S/u;

/**
 * Cuts `text` into pieces of at most ~PIECE_CHARS units, each cut made just before the last whitespace
 * character of a whitespace run (so a word keeps its leading space, as BPE pre-splitting does). Tokenizing
 * the pieces gives the same tokens as the whole text for every kind, unless normalization trims whitespace.
 */
export function splitLongText(text: string): string[] {
  if (text.length <= PIECE_CHARS) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > PIECE_CHARS) {
    // The last cut in the window where text[cut] is whitespace and text[cut + 1] is not.
    let cut = start + PIECE_CHARS;
    while (cut > start && !(/\s/u.test(text[cut]) && !/\s/u.test(text[cut + 1] ?? ''))) cut--;
    if (cut <= start) {
      // No whitespace (e.g. Chinese): cut anywhere, but never inside a surrogate pair.
      cut = start + PIECE_CHARS;
      if (/[\ud800-\udbff]/u.test(text[cut - 1])) cut -= 1;
    }
    pieces.push(text.slice(start, cut));
    start = cut;
  }
  pieces.push(text.slice(start));
  return pieces;
}

function encodeLong(fitted: FittedTokenizer, text: string): number[] {
  return text.length <= PIECE_CHARS ? encode(fitted, text) : splitLongText(text).flatMap((piece) => encode(fitted, piece));
}

/** Token counts, bytes and per-text lengths (texts with visible content only) accumulated one text at a time. */
class Tally {
  readonly counts: number[];
  texts = 0;
  tokens = 0;
  bytes = 0;
  readonly lengths: number[] = [];

  constructor(private readonly fitted: FittedTokenizer) {
    this.counts = new Array<number>(vocabularySize(fitted)).fill(0);
  }

  add(text: string): number[] {
    const ids = encodeLong(this.fitted, text);
    for (const id of ids) this.counts[id] += 1;
    this.texts += 1;
    this.tokens += ids.length;
    this.bytes += encodeWtf8(normalizeText(text, this.fitted.normalization)).length;
    if (VISIBLE.test(text)) this.lengths.push(ids.length);
    return ids;
  }

  tokenCounts(): TokenCounts {
    return { counts: this.counts, texts: this.texts, tokens: this.tokens, bytes: this.bytes };
  }
}

/** A source of texts that can be read more than once (fit, then measure): training and held-out. */
interface TextSource {
  scope: TokenizeTextResult['scope'];
  train: () => AsyncIterable<string>;
  heldOut: () => AsyncIterable<string>;
}

async function* fromArray(texts: string[]): AsyncIterable<string> {
  yield* texts;
}

/** A table column's non-missing cells, split by the stored preparation (re-fitted, so its split is exact). */
async function tableSource(db: Db, dataset: DatasetRecord, column: string): Promise<TextSource> {
  const columns = dataset.layout?.columns ?? [];
  const col = columns.indexOf(column);
  if (col < 0 || !dataset.summaries) throw new Error(`The dataset “${dataset.name}” has no column '${column}'; pick one of its text columns.`);
  const rows = await loadDatasetRows(db, dataset.id);
  const spec = dataset.preparation?.spec;
  const assignment = spec ? fitPipeline(rows, columns, dataset.summaries, spec).assignment : undefined;
  const train: string[] = [];
  const heldOut: string[] = [];
  rows.forEach((row, i) => {
    const cell = row[col];
    if (cell === undefined || isMissingCell(cell)) return;
    if (assignment === undefined || assignment[i] === SPLIT_TRAIN) train.push(cell);
    else if (assignment[i] !== 255) heldOut.push(cell);
  });
  return { scope: assignment ? 'train-split' : 'all-rows', train: () => fromArray(train), heldOut: () => fromArray(heldOut) };
}

/** Lines (each with its '\n') of a corpus, read chunk by chunk; `keep(offset)` picks lines by their start offset. */
async function* corpusLines(db: Db, datasetId: string, keep: (start: number) => boolean): AsyncIterable<string> {
  let carry = '';
  let carryStart = 0;
  for await (const chunk of readDatasetChunks(db, datasetId)) {
    const text = carry + (chunk.text ?? '');
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      if (keep(carryStart + from)) yield text.slice(from, nl + 1);
      from = nl + 1;
    }
    carryStart += from;
    carry = text.slice(from);
  }
  if (carry !== '' && keep(carryStart)) yield carry;
}

/** A corpus: the lines starting in the first 90% of the text (UTF-16 units) train; the rest is held out. */
async function corpusSource(db: Db, dataset: DatasetRecord): Promise<TextSource> {
  let total = 0;
  for await (const chunk of readDatasetChunks(db, dataset.id)) total += (chunk.text ?? '').length;
  const cut = Math.floor(total * 0.9);
  return {
    scope: 'corpus-head',
    train: () => corpusLines(db, dataset.id, (start) => start < cut),
    heldOut: () => corpusLines(db, dataset.id, (start) => start >= cut),
  };
}

/** The trainer options of the request's kind. */
function trainerFor(request: TokenizeTextRequest) {
  const { kind, vocabSize, minCount, locale, normalization } = request;
  if (kind === 'bpe') return createTokenizerTrainer('bpe', { vocabSize, normalization });
  if (kind === 'word') return createTokenizerTrainer('word', { maxVocab: vocabSize, minCount, locale, normalization });
  return createTokenizerTrainer(kind, { maxVocab: vocabSize, minCount, normalization });
}

/** Nearest-rank percentile of ascending `sorted` (0 for none). */
function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Mean, p50, p95, max and a histogram of `lengths`. */
export function lengthStats(lengths: number[]): LengthStats {
  const sorted = [...lengths].sort((a, b) => a - b);
  const max = sorted.at(-1) ?? 0;
  const binWidth = Math.max(1, Math.ceil((max + 1) / HISTOGRAM_BINS));
  const bins = new Array<number>(Math.floor(max / binWidth) + 1).fill(0);
  for (const n of sorted) bins[Math.floor(n / binWidth)] += 1;
  const mean = sorted.length === 0 ? 0 : sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { texts: sorted.length, mean, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max, binWidth, bins };
}

/** The text shown for an example: at most EXAMPLE_CHARS characters, never splitting a surrogate pair. */
function exampleText(text: string): { text: string; cut: boolean } {
  if (text.length <= EXAMPLE_CHARS) return { text, cut: false };
  const end = /[\ud800-\udbff]/.test(text[EXAMPLE_CHARS - 1]) ? EXAMPLE_CHARS - 1 : EXAMPLE_CHARS;
  return { text: text.slice(0, end), cut: true };
}

/**
 * Fits the requested tokenizer on the training text of dataset `datasetId` and measures it (see
 * TokenizeTextResult). Reads the dataset (a corpus three times, chunk by chunk); writes nothing. Throws
 * DatasetNotReadyError for a missing or incomplete dataset, RangeError for a bad option, DataInputError
 * ('empty-file') when the training text has nothing to learn from, and Error for a source the dataset lacks.
 */
export async function tokenizeText(db: Db, datasetId: string, request: TokenizeTextRequest): Promise<TokenizeTextResult> {
  const dataset = await getCompleteDataset(db, datasetId);
  const isCorpus = (dataset.kind ?? 'table') === 'corpus';
  if ((request.source === 'corpus') !== isCorpus) {
    throw new Error(isCorpus ? 'This dataset is a text corpus: tokenize the corpus, not a column.' : `“${dataset.name}” is a table: pick one of its text columns.`);
  }
  const padding = request.padding ?? 'post';
  const truncation = request.truncation ?? 'post';
  const source = request.source === 'corpus' ? await corpusSource(db, dataset) : await tableSource(db, dataset, request.source.column);

  const trainer = trainerFor(request);
  let visibleTexts = 0;
  for await (const text of source.train()) {
    for (const piece of splitLongText(text)) trainer.addText(piece);
    if (VISIBLE.test(text)) visibleTexts += 1;
  }
  const fitted = trainer.finish();

  // Examples spread evenly over the training texts with visible content (the first is the first such text).
  const exampleCount = Math.min(EXAMPLE_COUNT, visibleTexts);
  const exampleAt = new Set(Array.from({ length: exampleCount }, (_, k) => Math.floor((k * visibleTexts) / exampleCount)));
  const picked: { text: string; ids: number[] }[] = [];
  const tally = new Tally(fitted);
  let index = 0;
  for await (const text of source.train()) {
    const ids = tally.add(text);
    if (VISIBLE.test(text) && exampleAt.has(index++)) picked.push({ text, ids });
  }
  const lengths = lengthStats(tally.lengths);
  const length = request.sequenceLength ?? Math.max(1, lengths.p95);
  checkIntegerOption('Sequence length', length, 1, 100_000);

  const held = new Tally(fitted);
  for await (const text of source.heldOut()) held.add(text);
  const table = vocabularyTable(fitted, tally.tokenCounts());
  const show = (ids: ArrayLike<number>) => Array.from(ids, (id) => displayToken(fitted, id));
  const examples = picked.map(({ text, ids }) => {
    const shown = exampleText(text);
    const shownIds = shown.cut ? encodeLong(fitted, shown.text) : ids;
    const padded = Array.from(padSequences([ids], { length, padding, truncation }));
    return { ...shown, ids: shownIds, tokens: show(shownIds), padded, paddedTokens: show(padded) };
  });
  return {
    tokenizer: fitted,
    vocabularySize: vocabularySize(fitted),
    vocabulary: table.rows.slice(0, VOCABULARY_ROWS),
    scope: source.scope,
    training: { texts: tally.texts, tokens: tally.tokens, bytes: tally.bytes },
    coverage: table.coverage ?? { unknownShare: 0, tokensPerText: 0, bytesPerToken: 0 },
    ...(held.texts > 0 ? { heldOut: { texts: held.texts, unknownShare: held.tokens ? held.counts[UNK_ID] / held.tokens : 0, tokensPerText: held.tokens / held.texts } } : {}),
    examples,
    lengths,
    sequence: { length, padding, truncation, truncatedShare: tally.lengths.length ? tally.lengths.filter((n) => n > length).length / tally.lengths.length : 0 },
  };
}
