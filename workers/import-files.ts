// Decides what a set of dropped or picked files is (a table, a text corpus, labelled texts, labelled
// images; loose or in a zip) and runs the matching engine import into one new dataset's chunks.
import { ArchiveBudget } from '../src/engine/archive/archive-budget';
import { listZipEntries, type ZipListing } from '../src/engine/archive/zip-directory';
import { readZipEntry } from '../src/engine/archive/zip-entry-read';
import { importCsv } from '../src/engine/data/csv-import';
import { detectTableFormat, importTable, TABLE_SNIFF_BYTES } from '../src/engine/data/table-format';
import { arrangeFiles, EXPECTED_LAYOUTS, type DatasetLayout, type TreeFile } from '../src/engine/data/file-tree';
import { importImages, type ImageDecoder, type ImageFileItem } from '../src/engine/data/image-import';
import { blobSource, type RandomAccessSource } from '../src/engine/data/random-access';
import { DataInputError } from '../src/engine/data/table-types';
import { importCorpus, importTextClasses, type ChunkSink, type LabelledTextFile } from '../src/engine/data/text-import';
import type { DatasetImportResult } from '../src/engine/storage/datasets-repo';

/** What an import reads of a file: a Blob (a File from the page) or a stream-only stand-in. */
export type ImportableFile = Pick<Blob, 'size' | 'stream' | 'slice'>;

/** A file from the page and its path in the dropped tree (file name last). */
export interface FileToImport {
  file: ImportableFile;
  path: string[];
}

/** A fetched body as an ImportableFile that can be streamed once (tables, text) but not sliced (zip). */
export function streamOnlyFile(body: ReadableStream<Uint8Array>, size: number): ImportableFile {
  return {
    size,
    stream: () => body as ReturnType<Blob['stream']>,
    slice: () => {
      throw new Error('This source can only be read from start to end.');
    },
  };
}

export interface FileSetOptions {
  raggedRows?: 'error' | 'skip';
  /** Stored image side in pixels (square). Default 32. */
  imageSize?: number;
  /** How images of another shape are fitted into the square: 'pad' (default, whole image), 'crop' or 'stretch'. */
  imageFit?: 'pad' | 'crop' | 'stretch';
  /** 1 = grayscale, 3 = RGB; absent: grayscale when the first image is grayscale. */
  imageChannels?: 1 | 3;
}

/** What an import needs from its caller: where chunks go, cancel, progress, and the image decoder. */
export interface ImportContext {
  sink: ChunkSink;
  signal: AbortSignal;
  /** Bytes of the source read so far (files: sum of files done). */
  onProgress: (bytesRead: number) => void;
  decodeImage: ImageDecoder;
  options: FileSetOptions;
}

/** Total inflated bytes one archive may produce. */
const ARCHIVE_BUDGET_BYTES = 4 * 1024 * 1024 * 1024;
/** Largest single text or label file read whole (labels.csv, one example file). */
const MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;

const extension = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'webp', 'gif']);

/** The dataset's display name: the file's name, the dropped folder's name, or a count. */
export function fileSetName(files: readonly FileToImport[]): string {
  const roots = new Set(files.map((f) => f.path[0]));
  if (roots.size === 1) return files[0].path[0];
  return `${roots.size} folders and files`;
}

function bytesStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Blob([bytes as BlobPart]).stream();
}

/** Where the files of a layout come from: loose files, or the entries of one zip. */
interface FileAccess {
  tree: TreeFile[];
  read(fileIndex: number, maxBytes: number): Promise<Uint8Array>;
}

function looseFiles(files: readonly FileToImport[]): FileAccess {
  return {
    tree: files.map((f) => ({ segments: f.path, size: f.file.size })),
    async read(fileIndex, maxBytes) {
      const blob = files[fileIndex].file;
      return new Uint8Array(await blob.slice(0, Math.min(blob.size, maxBytes + 1)).arrayBuffer());
    },
  };
}

function zipFiles(source: RandomAccessSource, listing: ZipListing, signal: AbortSignal): FileAccess {
  const budget = new ArchiveBudget(ARCHIVE_BUDGET_BYTES);
  return {
    tree: listing.entries.map((e) => ({ segments: e.segments, size: e.uncompressedSize, isDirectory: e.isDirectory })),
    read: (fileIndex, maxBytes) => readZipEntry(source, listing.entries[fileIndex], { maxBytes, budget, signal }),
  };
}

async function importLayout(layout: DatasetLayout, access: FileAccess, ctx: ImportContext): Promise<DatasetImportResult> {
  const skippedFiles = layout.skipped.map((s) => ({ ...s }));
  const notes = [...layout.notes];
  let bytesRead = 0;
  if (layout.kind === 'image-classes' || layout.kind === 'image-csv') {
    const items: ImageFileItem[] = layout.items.map((item) => ({
      label: item.label ?? '', displayPath: item.displayPath,
      read: async (maxBytes) => {
        const bytes = await access.read(item.fileIndex, maxBytes);
        bytesRead += bytes.byteLength;
        ctx.onProgress(bytesRead);
        return bytes;
      },
    }));
    const size = ctx.options.imageSize ?? 32;
    const { imageFit: fit, imageChannels: channels } = ctx.options;
    const result = await importImages(items, ctx.decodeImage, ctx.sink, { width: size, height: size, signal: ctx.signal, ...(fit ? { fit } : {}), ...(channels ? { channels } : {}) });
    return {
      ...result, kind: 'images', skippedRows: [], skippedFiles: [...skippedFiles, ...result.skippedFiles],
      layout: { ...result.layout, notes: [...notes, ...result.layout.notes] },
    };
  }
  const open = (fileIndex: number) => {
    // Text files are read whole (bounded) so zip entries and loose files take the same path.
    const pending = access.read(fileIndex, MAX_TEXT_FILE_BYTES);
    return new ReadableStream<Uint8Array>({
      async start(controller) {
        const bytes = await pending;
        if (bytes.byteLength > MAX_TEXT_FILE_BYTES) throw new DataInputError('too-large', 'A text file is larger than 64 MiB; split it into smaller files.');
        bytesRead += bytes.byteLength;
        ctx.onProgress(bytesRead);
        controller.enqueue(bytes);
        controller.close();
      },
    });
  };
  if (layout.kind === 'text-classes') {
    const files: LabelledTextFile[] = layout.items.map((item) => {
      const name = item.displayPath.split('/').pop() ?? '';
      // One file per class (positive.txt): one example per line; a folder per class: one per file.
      const perLine = name.replace(/\.txt$/i, '') === item.label;
      return { label: item.label ?? '', displayPath: item.displayPath, perLine, open: () => open(item.fileIndex) };
    });
    const result = await importTextClasses(files, ctx.sink, { signal: ctx.signal });
    return { ...result, kind: 'table', skippedRows: [], skippedFiles: [...skippedFiles, ...result.skippedFiles],
      layout: { ...result.layout, notes: [...notes, ...result.layout.notes] } };
  }
  if (layout.items.length !== 1) {
    throw new DataInputError('unknown-layout', `Found ${layout.items.length} .txt files without classes. For a language-modelling corpus drop one .txt file; for classes put the files in one folder per class. ${EXPECTED_LAYOUTS}`);
  }
  const corpus = await importCorpus(open(layout.items[0].fileIndex), ctx.sink, { signal: ctx.signal });
  return corpusResult(corpus, notes, skippedFiles);
}

function corpusResult(corpus: Awaited<ReturnType<typeof importCorpus>>, notes: string[], skippedFiles: DatasetImportResult['skippedFiles']): DatasetImportResult {
  return {
    kind: 'corpus',
    layout: { delimiter: '', hasHeader: false, columns: ['text'], notes },
    summaries: [], preview: corpus.preview, rowCount: 0, chunkCount: corpus.chunkCount, skippedRows: [],
    corpus: { characters: corpus.characters, lines: corpus.lines, distinctCharacters: corpus.distinctCharacters },
    skippedFiles, bytesRead: corpus.bytesRead,
  };
}

/** One table file: format from its first bytes (CSV, TSV, JSON, JSON Lines, Parquet); stream-only sources are CSV. */
async function importOneTable({ file, path }: FileToImport, ctx: ImportContext): Promise<DatasetImportResult> {
  const options = { raggedRows: ctx.options.raggedRows ?? 'error', signal: ctx.signal, onProgress: ctx.onProgress } as const;
  const sink = { writeChunk: (rows: string[][], index: number) => ctx.sink.writeChunk({ rows }, index) };
  if (!(file instanceof Blob)) return { ...(await importCsv(file.stream(), sink, options)), kind: 'table' };
  const source = blobSource(file);
  const format = detectTableFormat(path[path.length - 1], await source.read(0, TABLE_SNIFF_BYTES));
  return { ...(await importTable(format, source, sink, options)), kind: 'table' };
}

/**
 * Import `files` into `ctx.sink`. One table file (.csv .tsv …) becomes a table; one .txt a corpus; one
 * .zip or several files/folders are arranged by their paths (file-tree). Throws DataInputError for
 * input the user must fix, or the abort reason.
 */
export async function importFileSet(files: readonly FileToImport[], ctx: ImportContext): Promise<DatasetImportResult> {
  if (files.length === 0) throw new DataInputError('empty-file', 'No files were dropped.');
  if (files.length === 1) {
    const { file, path } = files[0];
    const ext = extension(path[path.length - 1]);
    if (ext === 'zip') {
      const source = blobSource(file);
      const listing = await listZipEntries(source, { signal: ctx.signal });
      const access = zipFiles(source, listing, ctx.signal);
      const layout = await arrangeFiles(access.tree, async (i) => new TextDecoder().decode(await access.read(i, MAX_TEXT_FILE_BYTES)));
      return importLayout({ ...layout, skipped: [...listing.skipped.map((s) => ({ displayPath: s.displayName, reason: s.reason })), ...layout.skipped] }, access, ctx);
    }
    if (ext === 'txt' && path.length === 1) {
      return corpusResult(await importCorpus(file.stream(), ctx.sink, { signal: ctx.signal, onProgress: ctx.onProgress }), [], []);
    }
    if (IMAGE_EXTENSIONS.has(ext) && path.length === 1) {
      throw new DataInputError('unknown-layout', `One image on its own cannot be trained on. ${EXPECTED_LAYOUTS}`);
    }
    if (path.length === 1) return importOneTable(files[0], ctx);
  }
  const access = looseFiles(files);
  const layout = await arrangeFiles(access.tree, async (i) => new TextDecoder().decode(await access.read(i, MAX_TEXT_FILE_BYTES)));
  return importLayout(layout, access, ctx);
}
