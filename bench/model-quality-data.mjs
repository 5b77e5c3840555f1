// Loads the bundled samples for the quality benchmark through the engine's own importers and
// pipelines (in-memory sinks instead of IndexedDB), giving encoded train/validation/test splits.
import { readFileSync } from 'node:fs';
import { decodeForImport } from './model-quality-png.mjs';

const SAMPLES = 'public/samples';

/** Engine modules the benchmark uses, loaded through Vite's SSR loader (TypeScript as the app ships it). */
export async function loadEngine(server) {
  const load = (path) => server.ssrLoadModule(path);
  return {
    ...(await load('/src/engine/data/csv-import.ts')),
    ...(await load('/src/engine/data/prepare.ts')),
    ...(await load('/src/engine/data/image-pipeline.ts')),
    ...(await load('/src/engine/data/image-import.ts')),
    ...(await load('/src/engine/data/file-tree.ts')),
    ...(await load('/src/engine/data/random-access.ts')),
    ...(await load('/src/engine/archive/zip-directory.ts')),
    ...(await load('/src/engine/archive/zip-entry-read.ts')),
    ...(await load('/src/engine/train/training-loop.ts')),
    ...(await load('/src/engine/model/model-presets.ts')),
    ...(await load('/src/engine/model/model-spec.ts')),
    ...(await load('/src/engine/model/model-summary.ts')),
    ...(await load('/src/engine/metrics/classification.ts')),
    ...(await load('/src/engine/clean/encoder-apply.ts')),
    ...(await load('/src/engine/clean/token-sequence.ts')),
    ...(await load('/src/engine/text/tokenizer.ts')),
    ...(await load('/src/engine/model/transformer-spec.ts')),
  };
}

/** Collects every chunk a sink receives, in index order. */
function memorySink() {
  const chunks = [];
  return { chunks, writeChunk: async (payload, index) => { chunks[index] = payload; } };
}

async function* replay(chunks) {
  for (const [index, chunk] of chunks.entries()) yield { datasetId: 'bench', index, ...chunk };
}

/**
 * A bundled CSV, imported and prepared with the default spec (as clicking the sample in the app does),
 * split with `splitSeed` when given (the app's default seed 42 otherwise) and `encodings` (ColumnEncoding[])
 * in place of the default encodings when given.
 * Returns { name, pipeline, splits: [train, validation, test], tokenCountColumns }.
 */
export async function prepareCsvSample(engine, file, splitSeed, encodings) {
  const bytes = readFileSync(`${SAMPLES}/${file}`);
  const source = new ReadableStream({ start(c) { c.enqueue(new Uint8Array(bytes)); c.close(); } });
  const sink = memorySink();
  const imported = await engine.importCsv(source, { writeChunk: (rows, index) => sink.writeChunk(rows, index) });
  const rows = sink.chunks.flat();
  const { columns } = imported.layout;
  const spec = { ...engine.defaultPrepareSpec(columns, imported.summaries), ...(splitSeed === undefined ? {} : { seed: splitSeed }), ...(encodings ? { encodings } : {}) };
  const { pipeline, assignment } = engine.fitPipeline(rows, columns, imported.summaries, spec);
  const splits = [0, 1, 2].map((split) => engine.encodeRows(pipeline, rows, columns, assignment, split));
  return { name: file, pipeline, splits, tokenCountColumns: engine.tokenCountFeatureIndices(pipeline.encoders) };
}

/**
 * digits.zip: listed and read with the engine's zip reader, arranged into class folders, imported with
 * importImages (32×32 grayscale, the app's default size) and prepared like workers/prepared-data.ts does.
 * Returns { name, pipeline, splits, image, skipped }.
 */
export async function prepareDigits(engine) {
  const source = engine.bytesSource(new Uint8Array(readFileSync(`${SAMPLES}/digits.zip`)));
  const listing = await engine.listZipEntries(source);
  const read = (fileIndex, maxBytes) => engine.readZipEntry(source, listing.entries[fileIndex], { maxBytes });
  const tree = listing.entries.map((e) => ({ segments: e.segments, size: e.uncompressedSize, isDirectory: e.isDirectory }));
  const layout = await engine.arrangeFiles(tree, async (i) => new TextDecoder().decode(await read(i, 64 * 1024 * 1024)));
  const items = layout.items.map((item) => ({ label: item.label ?? '', displayPath: item.displayPath, read: (max) => read(item.fileIndex, max) }));
  const sink = memorySink();
  const imported = await engine.importImages(items, decodeForImport, sink, { width: 32, height: 32 });
  const shape = imported.imageShape;
  const labels = sink.chunks.flatMap((chunk) => chunk.rows.map((row) => row[1] ?? ''));
  // As the data worker suggests for images: the folder label is the target, the pixels are the features.
  const spec = { ...engine.defaultPrepareSpec(imported.layout.columns, imported.summaries), targetColumn: 'label', task: 'classification', featureColumns: [] };
  const { assignment } = engine.fitImagePipeline(labels, shape, spec);
  const scale = await engine.fitPixelStandardization(shape, replay(sink.chunks), assignment);
  const { pipeline } = engine.fitImagePipeline(labels, shape, spec, scale);
  const splits = await engine.encodeImageSplits(pipeline, replay(sink.chunks), assignment);
  const image = { shape: [shape.height, shape.width, shape.channels], mean: scale.mean, std: scale.std };
  return { name: 'digits.zip', pipeline, splits, image, skipped: imported.skippedFiles.length + layout.skipped.length };
}
