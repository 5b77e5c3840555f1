// Imports text: a plain corpus for language modelling (stored as text chunks), and labelled texts
// from one .txt file or one folder of .txt files per class (stored as [text, label] table rows).
import type { DatasetChunkPayload, SkippedFile } from '../storage/records';
import { ColumnProfiler } from './column-profiler';
import { DataInputError } from './table-types';
import type { ColumnSummary, TableLayout } from './table-types';
import { readUtf8Text } from './utf8-stream';

/** Receives chunks in index order (0, 1, ...), one awaited at a time. */
export interface ChunkSink {
  writeChunk(payload: DatasetChunkPayload, index: number): Promise<void>;
}

/** Code units of corpus text per stored chunk (about 2-4 MB in IndexedDB). */
export const CORPUS_CHUNK_CHARS = 1_000_000;
const PREVIEW_LINES = 20;
const PREVIEW_LINE_CHARS = 300;

export interface CorpusImportResult {
  characters: number;
  lines: number;
  distinctCharacters: number;
  chunkCount: number;
  /** The first lines, each cut to 300 characters, one per row. */
  preview: string[][];
  bytesRead: number;
}

/** Cut `text` before `at`, moved back one if that would split a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/**
 * Stream a UTF-8 text file into corpus chunks of at most `chunkChars` code units (never splitting a
 * surrogate pair). Throws DataInputError: 'not-utf8' with the byte offset (T1), 'binary-file', 'utf16',
 * 'empty-file'; or the abort reason.
 */
export async function importCorpus(
  source: ReadableStream<Uint8Array>,
  sink: ChunkSink,
  options: { chunkChars?: number; maxBytes?: number; signal?: AbortSignal; onProgress?: (bytesRead: number) => void } = {},
): Promise<CorpusImportResult> {
  const chunkChars = options.chunkChars ?? CORPUS_CHUNK_CHARS;
  const distinct = new Set<number>();
  let pending = '';
  let chunkCount = 0;
  let characters = 0;
  let lines = 0;
  let bytesRead = 0;
  let lastChar = '';
  const preview: string[][] = [];
  let previewTail = '';
  const flush = async (final: boolean) => {
    while (pending.length >= chunkChars || (final && pending.length > 0)) {
      const cut = pending.length >= chunkChars ? safeCut(pending, chunkChars) : pending.length;
      await sink.writeChunk({ rows: [], text: pending.slice(0, cut) }, chunkCount);
      chunkCount += 1;
      pending = pending.slice(cut);
    }
  };
  for await (const piece of readUtf8Text(source, options)) {
    bytesRead = piece.bytesRead;
    const text = piece.text;
    for (const ch of text) {
      characters += 1;
      distinct.add(ch.codePointAt(0) as number);
      if (ch === '\n') lines += 1;
    }
    if (text.length > 0) lastChar = text[text.length - 1];
    if (preview.length < PREVIEW_LINES) {
      const parts = (previewTail + text).split('\n');
      previewTail = parts.pop() ?? '';
      for (const line of parts) if (preview.length < PREVIEW_LINES) preview.push([line.slice(0, PREVIEW_LINE_CHARS)]);
      previewTail = previewTail.slice(0, PREVIEW_LINE_CHARS);
    }
    pending += text;
    await flush(false);
  }
  if (characters === 0 || /^\s*$/.test(pending) && chunkCount === 0) {
    throw new DataInputError('empty-file', 'The text file is empty (or only blank). Choose a text file with some text in it.');
  }
  if (previewTail && preview.length < PREVIEW_LINES) preview.push([previewTail]);
  if (lastChar !== '\n') lines += 1;
  await flush(true);
  return { characters, lines, distinctCharacters: distinct.size, chunkCount, preview, bytesRead };
}

/** One labelled text file. `perLine`: every non-blank line is an example; else the whole file is one. */
export interface LabelledTextFile {
  label: string;
  displayPath: string;
  perLine: boolean;
  open(): ReadableStream<Uint8Array>;
}

export interface TextClassesImportResult {
  layout: TableLayout;
  summaries: ColumnSummary[];
  preview: string[][];
  rowCount: number;
  chunkCount: number;
  skippedFiles: SkippedFile[];
  bytesRead: number;
}

const TEXT_COLUMNS = ['text', 'label'];
const CONTAINER_ERRORS = new Set(['corrupt-archive', 'archive-too-large', 'unsupported-archive', 'storage']);

/**
 * Read labelled text files into rows `[text, label]`, `chunkRows` per chunk. A file that is not valid
 * UTF-8 (T1) or is empty is skipped and listed with the reason (byte offset included); the import goes
 * on. Throws 'empty-file' when no example is left, or the abort reason.
 */
export async function importTextClasses(
  files: readonly LabelledTextFile[],
  sink: ChunkSink,
  options: { chunkRows?: number; maxExampleChars?: number; signal?: AbortSignal; onProgress?: (filesRead: number) => void } = {},
): Promise<TextClassesImportResult> {
  const chunkRows = options.chunkRows ?? 2000;
  const maxChars = options.maxExampleChars ?? 100_000;
  const profiler = new ColumnProfiler(TEXT_COLUMNS);
  const skippedFiles: SkippedFile[] = [];
  const preview: string[][] = [];
  let rows: string[][] = [];
  let rowCount = 0;
  let chunkCount = 0;
  let bytesRead = 0;
  let truncated = 0;
  const add = async (text: string, label: string) => {
    let example = text.trim();
    if (example === '') return;
    if (example.length > maxChars) { example = example.slice(0, safeCut(example, maxChars)); truncated += 1; }
    const row = [example, label];
    profiler.addRow(row);
    if (preview.length < 20) preview.push(row);
    rows.push(row);
    rowCount += 1;
    if (rows.length >= chunkRows) {
      await sink.writeChunk({ rows }, chunkCount);
      chunkCount += 1;
      rows = [];
    }
  };
  for (let f = 0; f < files.length; f += 1) {
    const file = files[f];
    options.signal?.throwIfAborted();
    let text = '';
    let fileBytes = 0;
    try {
      for await (const piece of readUtf8Text(file.open(), { signal: options.signal })) {
        text += piece.text;
        fileBytes = piece.bytesRead;
        if (!file.perLine && text.length > maxChars * 2) text = text.slice(0, safeCut(text, maxChars * 2));
        if (file.perLine) {
          const lines = text.split(/\r?\n/);
          text = lines.pop() ?? '';
          for (const line of lines) await add(line, file.label);
        }
      }
    } catch (error) {
      // A damaged container (archive) or a cancel stops the import; a bad file is only skipped.
      if (!(error instanceof DataInputError) || CONTAINER_ERRORS.has(error.code)) throw error;
      skippedFiles.push({ displayPath: file.displayPath, reason: error.message });
      continue;
    }
    bytesRead += fileBytes;
    await add(text, file.label);
    options.onProgress?.(f + 1);
  }
  if (rowCount === 0) {
    const why = skippedFiles.length > 0 ? ` ${skippedFiles.length} file(s) could not be read: ${skippedFiles[0].displayPath}: ${skippedFiles[0].reason}` : '';
    throw new DataInputError('empty-file', `No text examples were found in the dropped files.${why}`);
  }
  if (rows.length > 0) { await sink.writeChunk({ rows }, chunkCount); chunkCount += 1; }
  const notes = [`Each ${files.some((f) => f.perLine) ? 'non-blank line' : 'file'} is one example; its class is the ${files.some((f) => f.perLine) ? 'file' : 'folder'} name.`];
  if (truncated > 0) notes.push(`${truncated} example(s) longer than ${maxChars.toLocaleString('en')} characters were cut to that length.`);
  return {
    layout: { delimiter: '', hasHeader: true, columns: TEXT_COLUMNS, notes },
    summaries: profiler.summaries(), preview, rowCount, chunkCount, skippedFiles, bytesRead,
  };
}
