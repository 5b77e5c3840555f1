// Imports labelled images: for each file, check the header (format by magic bytes, pixel budget)
// before any decoding, decode through an injected decoder (a canvas in the worker), and store the
// fixed-size pixels in chunks beside one metadata row per image. Bad files are skipped and listed.
import { readImageHeader } from '../image/image-header';
import { checkPixelBudget, type PixelBudget } from '../image/pixel-budget';
import type { ImageHeader } from '../image/image-types';
import type { SkippedFile, StoredImageShape } from '../storage/records';
import { ColumnProfiler } from './column-profiler';
import { DataInputError } from './table-types';
import type { ColumnSummary, TableLayout } from './table-types';
import type { ChunkSink } from './text-import';
import { formatBytes } from './utf8-stream';

/** One image file to import. `read` returns its bytes, refusing more than `maxBytes`. */
export interface ImageFileItem {
  label: string;
  /** Normalised for display; never used as a path or a key. */
  displayPath: string;
  read(maxBytes: number): Promise<Uint8Array>;
}

/**
 * Decodes `bytes` (whose header was checked) into `shape.width * shape.height * shape.channels` bytes,
 * HWC, the image fitted by `shape.fit`, EXIF orientation applied. Rejects for an undecodable file.
 */
export type ImageDecoder = (bytes: Uint8Array, header: ImageHeader, shape: StoredImageShape) => Promise<Uint8Array>;

export interface ImageImportOptions {
  /** Stored size and fit. Default 32x32, 'pad'; channels default: 1 when the first image is grayscale, else 3. */
  width?: number;
  height?: number;
  channels?: 1 | 3;
  fit?: StoredImageShape['fit'];
  /** Images per stored chunk. Default 256 (a 32x32 RGB chunk is 768 KiB). */
  chunkImages?: number;
  /** Largest image file in bytes. Default 64 MiB. */
  maxFileBytes?: number;
  budget?: PixelBudget;
  signal?: AbortSignal;
  /** Called after each file with (files done, files in total). */
  onProgress?: (done: number, total: number) => void;
}

export interface ImageImportResult {
  layout: TableLayout;
  summaries: ColumnSummary[];
  preview: string[][];
  rowCount: number;
  chunkCount: number;
  imageShape: StoredImageShape;
  skippedFiles: SkippedFile[];
  bytesRead: number;
}

/** Metadata columns of an image dataset, one row per stored image. */
export const IMAGE_COLUMNS = ['file', 'label', 'width', 'height', 'format'];

const GRAY_MODELS = new Set(['gray', 'gray-alpha']);

function checkShape(o: ImageImportOptions): { width: number; height: number; fit: StoredImageShape['fit'] } {
  const width = o.width ?? 32;
  const height = o.height ?? 32;
  for (const [v, what] of [[width, 'width'], [height, 'height']] as const) {
    if (!Number.isInteger(v) || v < 4 || v > 512) throw new RangeError(`Stored image ${what} must be an integer from 4 to 512, got ${v}.`);
  }
  return { width, height, fit: o.fit ?? 'pad' };
}

/**
 * Import `items` in order. Per-file problems (not an image, SVG/HTML renamed, truncated, over the pixel
 * budget, undecodable) skip that file with the reason (reliability I1-I6) and the import goes on;
 * errors of the container (a corrupt or over-budget archive) and the abort reason reject the whole
 * import. Throws 'no-images' when no image could be imported.
 */
export async function importImages(
  items: readonly ImageFileItem[],
  decode: ImageDecoder,
  sink: ChunkSink,
  options: ImageImportOptions = {},
): Promise<ImageImportResult> {
  const size = checkShape(options);
  const chunkImages = options.chunkImages ?? 256;
  const maxFileBytes = options.maxFileBytes ?? 64 * 1024 * 1024;
  const profiler = new ColumnProfiler(IMAGE_COLUMNS);
  const skippedFiles: SkippedFile[] = [];
  const preview: string[][] = [];
  let shape: StoredImageShape | undefined = options.channels ? { ...size, channels: options.channels } : undefined;
  let rows: string[][] = [];
  let pixels: Uint8Array[] = [];
  let rowCount = 0;
  let chunkCount = 0;
  let bytesRead = 0;
  let converted = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    const bytesPerImage = pixels[0].length;
    const joined = new Uint8Array(bytesPerImage * pixels.length);
    pixels.forEach((p, i) => joined.set(p, i * bytesPerImage));
    await sink.writeChunk({ rows, pixels: joined }, chunkCount);
    chunkCount += 1;
    rows = [];
    pixels = [];
  };
  for (let i = 0; i < items.length; i += 1) {
    options.signal?.throwIfAborted();
    const item = items[i];
    const bytes = await item.read(maxFileBytes);
    bytesRead += bytes.byteLength;
    let header: ImageHeader;
    let decoded: Uint8Array;
    try {
      if (bytes.byteLength > maxFileBytes) {
        throw new DataInputError('image-too-large', `The file is larger than ${formatBytes(maxFileBytes)}; images that big are not imported.`);
      }
      header = readImageHeader(bytes);
      checkPixelBudget(header, options.budget);
      shape ??= { ...size, channels: GRAY_MODELS.has(header.colorModel) ? 1 : 3 };
      if (shape.channels === 1 && !GRAY_MODELS.has(header.colorModel)) converted += 1;
      decoded = await decode(bytes, header, shape);
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      const reason = error instanceof DataInputError ? error.message
        : `could not be decoded (${error instanceof Error ? error.message : String(error)}); the file is probably truncated or damaged.`;
      skippedFiles.push({ displayPath: item.displayPath, reason });
      options.onProgress?.(i + 1, items.length);
      continue;
    }
    const row = [item.displayPath, item.label, String(header.width), String(header.height), header.format];
    profiler.addRow(row);
    if (preview.length < 20) preview.push(row);
    rows.push(row);
    pixels.push(decoded);
    rowCount += 1;
    if (rows.length >= chunkImages) await flush();
    options.onProgress?.(i + 1, items.length);
  }
  await flush();
  if (!shape || rowCount === 0) {
    const first = skippedFiles[0];
    throw new DataInputError('no-images', `None of the ${items.length} files could be imported as an image.` +
      (first ? ` For example ${first.displayPath}: ${first.reason}` : ''));
  }
  const notes = [`Images are stored at ${shape.width}×${shape.height} ${shape.channels === 1 ? 'grayscale' : 'RGB'} (${shape.fit === 'pad' ? 'whole image, padded to the square' : shape.fit === 'crop' ? 'centre-cropped' : 'stretched'}).`];
  if (converted > 0) notes.push(`${converted} colour image(s) were converted to grayscale because the first image is grayscale.`);
  if (skippedFiles.length > 0) notes.push(`${skippedFiles.length} file(s) were skipped; see the list below.`);
  return {
    layout: { delimiter: '', hasHeader: true, columns: IMAGE_COLUMNS, notes },
    summaries: profiler.summaries(), preview, rowCount, chunkCount, imageShape: shape, skippedFiles, bytesRead,
  };
}
